// The 8 Drive upload endpoints: validation in the order Feishu reports problems, then storage.
// Codes and HTTP statuses follow docs/feishu/upload.md §2-§12.
import { buf as adler32 } from 'adler-32';
import type { Documents } from './Documents';
import type { Drive } from './Drive';
import { jsonObject, parseJsonObject } from './jsonBody';
import { fieldText, multipartBoundary, parseMultipart, MultipartError, type FormPart } from './multipart';
import { sha256Hex } from './partStores';
import type { Body } from './readBody';
import { failure, success, type Reply } from './reply';
import type { Session } from './UploadSessions';
import { UploadSessions } from './UploadSessions';
import type { UploadEndpointFamily } from './types';
import type { UploadBytes } from './UploadBytes';

/** upload_all accepts at most 20 MiB; bigger files must go through prepare/part/finish. */
export const UPLOAD_ALL_MAX_BYTES = 20 * 1024 * 1024;
const FILE_NAME_MAX_CHARS = 250;

export const MEDIA_PARENT_TYPES: ReadonlySet<string> = new Set([
  'doc_image', 'docx_image', 'sheet_image', 'doc_file', 'docx_file', 'sheet_file',
  'vc_virtual_background', 'bitable_image', 'bitable_file', 'moments', 'ccm_import_open',
]);

export interface UploadCall {
  family: UploadEndpointFamily;
  body: Body;
  contentType: string | undefined;
  /** The caller: tenant tokens share the app's identity, each user token is its own. */
  identity: string;
  /** Fault `uploadIdExpired`: expire the session this call names before handling it. */
  expireSessionFirst: boolean;
}

export interface UploadState {
  drive: Drive;
  /** docx_image / docx_file media must name a block of a document held here. */
  documents: Documents;
  sessions: UploadSessions;
  keepBytes: boolean;
  bytes: UploadBytes;
}

export async function uploadAll(state: UploadState, call: UploadCall): Promise<Reply> {
  if (call.body.overflow) return failure(1061043, { message: `body over ${UPLOAD_ALL_MAX_BYTES} bytes` });
  const form = parseForm(call);
  if (!Array.isArray(form)) return form;
  const field = (name: string): string | undefined => fieldText(form, name);
  const target = {
    fileName: field('file_name'),
    parentType: field('parent_type'),
    parentNode: field('parent_node'),
    extra: field('extra'),
  };
  const rejected = checkName(target.fileName) ?? checkTarget(state, call, target, 1061002);
  if (rejected) return rejected;
  const size = parseSize(field('size'));
  if (size === undefined) return failure(1061002, { message: 'size must be an integer >= 1' });
  if (size > UPLOAD_ALL_MAX_BYTES) return failure(1061043, { message: `size ${size} > ${UPLOAD_ALL_MAX_BYTES}; use upload_prepare` });
  const file = form.find((part) => part.name === 'file');
  if (!file) return failure(1061002, { message: 'file is required' });
  if (file.data.length !== size) return failure(1062009, { message: `size says ${size} bytes, file has ${file.data.length}` });
  const badChecksum = checkChecksum(field('checksum'), file.data);
  if (badChecksum) return badChecksum;
  const stored = state.drive.store({
    name: target.fileName as string,
    size,
    parentType: target.parentType as string,
    parentNode: target.parentNode ?? '',
    extra: call.family === 'medias' ? target.extra : undefined,
    endpoint: call.family,
    sha256: sha256Hex(file.data),
    bytes: state.keepBytes ? Buffer.from(file.data) : undefined,
    owner: call.identity,
  });
  state.bytes.stored += size;
  return success({ file_token: stored.fileToken }, size);
}

export async function uploadPrepare(state: UploadState, call: UploadCall): Promise<Reply> {
  const json = parseJsonObject(call.body);
  if (!json) return failure(1061002, { message: 'body must be a JSON object' });
  const target = {
    fileName: json.file_name,
    parentType: json.parent_type,
    parentNode: json.parent_node,
    extra: json.extra,
  };
  for (const [key, value] of Object.entries(target)) {
    if (value !== undefined && typeof value !== 'string') return failure(1061002, { message: `${key} must be a string` });
  }
  const strings = target as { fileName?: string; parentType?: string; parentNode?: string; extra?: string };
  const rejected = checkName(strings.fileName) ?? checkTarget(state, call, strings, 99992402);
  if (rejected) return rejected;
  const size = parseSize(json.size);
  if (size === undefined) return failure(1061002, { message: 'size must be an integer >= 1' });
  const session = await state.sessions.create({
    family: call.family,
    fileName: strings.fileName as string,
    parentType: strings.parentType as string,
    parentNode: strings.parentNode ?? '',
    extra: call.family === 'medias' ? strings.extra : undefined,
    size,
    identity: call.identity,
  });
  return success({ upload_id: session.uploadId, block_size: session.blockSize, block_num: session.blockNum });
}

export async function uploadPart(state: UploadState, call: UploadCall): Promise<Reply> {
  // A body past the in-memory cap cannot be a valid block; Feishu calls that a size mismatch.
  if (call.body.overflow) return failure(1062009, { message: `part body of ${call.body.received} bytes is larger than a block` });
  const form = parseForm(call);
  if (!Array.isArray(form)) return form;
  const field = (name: string): string | undefined => fieldText(form, name);
  const found = findSession(state, call, field('upload_id'));
  if ('kind' in found) return found;
  const seqText = field('seq');
  if (seqText === undefined) return failure(1061002, { message: 'seq is required' });
  const seq = /^\d{1,9}$/.test(seqText) ? Number(seqText) : -1;
  if (seq < 0 || seq >= found.blockNum) {
    return failure(1062011, { message: `seq ${JSON.stringify(seqText)} outside [0, ${found.blockNum})` });
  }
  const declared = parseSize(field('size'), 0);
  if (declared === undefined) return failure(1061002, { message: 'size must be an integer' });
  const file = form.find((part) => part.name === 'file');
  if (!file) return failure(1061002, { message: 'file is required' });
  const expected = UploadSessions.expectedPartSize(found, seq);
  if (declared !== file.data.length || declared !== expected) {
    return failure(1062009, { message: `block ${seq}: size says ${declared}, file has ${file.data.length}, block must be ${expected}` });
  }
  const badChecksum = checkChecksum(field('checksum'), file.data);
  if (badChecksum) return badChecksum;
  try {
    await state.sessions.storePart(found, seq, state.keepBytes ? Buffer.from(file.data) : file.data);
  } catch (error) {
    return failure(1061001, { message: `could not store block ${seq}: ${String(error)}` });
  }
  return success({}, file.data.length);
}

/** block_num different from prepare's is reported as 1062011 "block num out of bounds". */
export async function uploadFinish(state: UploadState, call: UploadCall): Promise<Reply> {
  const json = parseJsonObject(call.body);
  if (!json) return failure(1061002, { message: 'body must be a JSON object' });
  const found = findSession(state, call, typeof json.upload_id === 'string' ? json.upload_id : undefined);
  if ('kind' in found) return found;
  const blockNum = parseSize(json.block_num, 0);
  if (blockNum === undefined) return failure(1061002, { message: 'block_num must be an integer' });
  if (blockNum !== found.blockNum) {
    return failure(1062011, { message: `block_num ${blockNum} does not match prepare's ${found.blockNum}` });
  }
  const missing: number[] = [];
  for (let seq = 0; seq < found.blockNum; seq++) if (!found.parts.has(seq)) missing.push(seq);
  if (missing.length > 0) {
    return failure(1062010, { message: `missing blocks: ${missing.slice(0, 20).join(', ')}${missing.length > 20 ? ', …' : ''}` });
  }
  // Close first: the upload_id is spent even if assembling fails.
  state.sessions.close(found);
  let assembled;
  try {
    assembled = await found.parts.assemble(found.blockNum);
  } catch (error) {
    return failure(1061001, { message: `could not assemble the file: ${String(error)}` });
  }
  const stored = state.drive.store({
    name: found.fileName,
    size: found.size,
    parentType: found.parentType,
    parentNode: found.parentNode,
    extra: found.extra,
    endpoint: found.family,
    sha256: assembled.sha256,
    bytes: assembled.bytes,
    owner: found.identity,
  });
  return success({ file_token: stored.fileToken });
}

function findSession(state: UploadState, call: UploadCall, uploadId: string | undefined): Session | Reply {
  if (!uploadId) return failure(1061002, { message: 'upload_id is required' });
  let lookup = state.sessions.lookup(uploadId);
  if (lookup.ok && call.expireSessionFirst) {
    state.sessions.expire(lookup.session);
    lookup = state.sessions.lookup(uploadId);
  }
  if (!lookup.ok) return failure(lookup.code, { message: `upload_id ${uploadId} ${lookup.code === 1061021 ? 'expired' : 'unknown'}` });
  // An upload_id from the other family (files vs medias) is unknown there.
  if (lookup.session.family !== call.family) return failure(1061002, { message: `upload_id ${uploadId} unknown` });
  if (lookup.session.identity !== call.identity) return failure(1062007, { message: 'caller differs from the one that called upload_prepare' });
  return lookup.session;
}

function parseForm(call: UploadCall): FormPart[] | Reply {
  const boundary = multipartBoundary(call.contentType);
  if (!boundary) return failure(1061002, { message: 'Content-Type must be multipart/form-data with a boundary' });
  try {
    return parseMultipart(call.body.bytes, boundary);
  } catch (error) {
    if (error instanceof MultipartError) return failure(1061002, { message: `malformed multipart body: ${error.message}` });
    throw error;
  }
}

/** Integer ≥ `min` given as a JSON number or decimal text; undefined otherwise. */
function parseSize(value: unknown, min = 1): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d{1,16}$/.test(value) ? Number(value) : NaN;
  return Number.isSafeInteger(n) && n >= min ? n : undefined;
}

function checkName(fileName: string | undefined): Reply | undefined {
  const chars = fileName === undefined ? 0 : [...fileName].length;
  if (chars < 1 || chars > FILE_NAME_MAX_CHARS) {
    return failure(1061008, { message: `file_name must have 1..${FILE_NAME_MAX_CHARS} characters, got ${chars}` });
  }
  return undefined;
}

interface TargetFields {
  parentType?: string;
  parentNode?: string;
  extra?: string;
}

/**
 * Drive files go only to known folders (parent_type must be 'explorer'; anything else is reported as
 * 1061044 like an unknown folder) the caller may write in (its own, or shared with it to edit: else 1061004,
 * drive.md and Drive.ts). Media need a parent_type from the enum (upload_all: 1061002,
 * prepare: 99992402) and a registered parent, except ccm_import_open, which instead needs `extra`
 * with obj_type and file_extension. docx_image / docx_file media may also name a block of an emulated
 * document: an Image / File block of the document in extra.drive_route_token.
 */
function checkTarget(state: UploadState, call: UploadCall, target: TargetFields, badMediaTypeCode: 1061002 | 99992402): Reply | undefined {
  const { drive } = state;
  const family = call.family;
  const { parentType, parentNode, extra } = target;
  if (parentType === undefined) return failure(1061002, { message: 'parent_type is required' });
  if (family === 'files') {
    if (parentType !== 'explorer') return failure(1061044, { message: `parent_type ${JSON.stringify(parentType)} is not 'explorer'` });
    if (parentNode === undefined) return failure(1061002, { message: 'parent_node is required' });
    if (!drive.hasFolder(parentNode)) return failure(1061044, { message: `folder ${JSON.stringify(parentNode)} does not exist` });
    if (!drive.canWrite(call.identity, parentNode)) return failure(1061004, { message: `${call.identity} may not add files to folder ${parentNode}` });
    return undefined;
  }
  if (!MEDIA_PARENT_TYPES.has(parentType)) {
    const description = `parent_type must be one of ${[...MEDIA_PARENT_TYPES].join(', ')}`;
    return badMediaTypeCode === 99992402
      ? failure(99992402, { message: description, error: { field_violations: [{ field: 'parent_type', value: parentType, description }] } })
      : failure(1061002, { message: description });
  }
  let extraObject: Record<string, unknown> | undefined;
  if (extra !== undefined) {
    extraObject = jsonObject(extra);
    if (!extraObject) return failure(1061002, { message: 'extra must be a JSON object serialized to a string' });
  }
  if (parentType === 'ccm_import_open') {
    const ok = (key: string): boolean => typeof extraObject?.[key] === 'string' && extraObject[key] !== '';
    if (!ok('obj_type') || !ok('file_extension')) {
      return failure(1061002, { message: 'ccm_import_open needs extra {"obj_type": …, "file_extension": …}' });
    }
    return undefined;
  }
  if (parentNode === undefined) return failure(1061002, { message: 'parent_node is required' });
  if (drive.hasMediaParent(parentNode)) return undefined;
  const problem =
    parentType === 'docx_image' || parentType === 'docx_file'
      ? state.documents.mediaParentProblem(parentType, parentNode, extraObject?.drive_route_token)
      : `parent_node ${JSON.stringify(parentNode)} does not exist`;
  return problem ? failure(1061044, { message: problem }) : undefined;
}

/** Feishu's checksum is Adler-32 as an unsigned decimal string (adler-32's buf() returns a signed int32). */
function checkChecksum(checksum: string | undefined, bytes: Buffer): Reply | undefined {
  if (checksum === undefined) return undefined;
  const actual = (adler32(bytes) >>> 0).toString();
  return checksum === actual ? undefined : failure(1062008, { message: `checksum ${JSON.stringify(checksum)} != Adler-32 ${actual}` });
}
