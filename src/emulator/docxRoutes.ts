// docx/v1 document and block endpoints (docs/feishu/docx.md §5, §6, §9, §10): read the document and its
// blocks, append Image / File blocks to the page, bind uploaded media with replace_image / replace_file,
// batch_delete.
import { randomUUID } from 'node:crypto';
import { FILE, IMAGE, PAGE, type ChildSpec, type Doc, type Documents } from './Documents';
import type { Drive } from './Drive';
import { parseJsonObject } from './jsonBody';
import { failure, success, type Reply } from './reply';
import type { Route, RouteCall } from './route';
import type { DocxBlock } from './types';

export interface DocxState {
  documents: Documents;
  drive: Drive;
}

/** Children one create call may add (Feishu's documented maximum). */
const MAX_CHILDREN = 50;

const DOCUMENT = /^docx\/v1\/documents\/([^/]+)$/;
const BLOCK = /^docx\/v1\/documents\/([^/]+)\/blocks\/([^/]+)$/;
const CHILDREN = /^docx\/v1\/documents\/([^/]+)\/blocks\/([^/]+)\/children$/;
const BATCH_DELETE = /^docx\/v1\/documents\/([^/]+)\/blocks\/([^/]+)\/children\/batch_delete$/;

type Handler = (state: DocxState, call: RouteCall, documentId: string, blockId: string) => Reply;

/** [method, path, handler, is a write (paced 3/s per document and per app)]. */
const TABLE: [string, RegExp, Handler, boolean][] = [
  ['GET', DOCUMENT, getDocument, false],
  ['GET', BLOCK, getBlock, false],
  ['POST', CHILDREN, createChildren, true],
  ['PATCH', BLOCK, patchBlock, true],
  ['DELETE', BATCH_DELETE, batchDelete, true],
];

export function findDocxRoute(state: DocxState, method: string | undefined, endpoint: string): Route | undefined {
  for (const [verb, path, handler, write] of TABLE) {
    const m = method === verb ? path.exec(endpoint) : null;
    if (!m) continue;
    const documentId = decodeURIComponent(m[1]);
    const blockId = m[2] === undefined ? '' : decodeURIComponent(m[2]);
    return { auth: true, upload: false, docxWrite: write ? documentId : undefined, handle: async (call) => handler(state, call, documentId, blockId) };
  }
  return undefined;
}

/** Feishu's wire shape of a block. */
export function wireBlock(block: DocxBlock): Record<string, unknown> {
  const wire: Record<string, unknown> = { block_id: block.blockId, block_type: block.blockType, parent_id: block.parentId };
  if (block.children.length > 0 || block.blockType === PAGE) wire.children = [...block.children];
  if (block.blockType === IMAGE) wire.image = { token: block.token, width: block.width, height: block.height };
  if (block.blockType === FILE) wire.file = { token: block.token, name: block.fileName };
  if (block.viewType !== undefined) wire.view = { view_type: block.viewType };
  return wire;
}

function getDocument(state: DocxState, _call: RouteCall, documentId: string): Reply {
  const doc = state.documents.get(documentId);
  if (!doc) return notFound(`document ${documentId}`);
  return success({ document: { document_id: documentId, revision_id: doc.revision, title: doc.title } });
}

function getBlock(state: DocxState, _call: RouteCall, documentId: string, blockId: string): Reply {
  const block = state.documents.get(documentId)?.blocks.get(blockId);
  return block ? success({ block: wireBlock(block) }) : notFound(`block ${blockId} of document ${documentId}`);
}

/** Only the page takes new children here, and only Image (27) and File (23) blocks, as this tool writes them. */
function createChildren(state: DocxState, call: RouteCall, documentId: string, parentId: string): Reply {
  const target = writeTarget(state, call, documentId, parentId);
  if ('kind' in target) return target;
  const { doc, block: parent, json } = target;
  const clientToken = call.query.get('client_token') ?? undefined;
  const earlier = clientToken === undefined ? undefined : doc.answered.get(clientToken);
  if (earlier) return success(earlier);
  if (parentId !== documentId) return invalid(`the emulator adds children to the page block only, not to ${parentId}`);
  const children = json.children;
  if (!Array.isArray(children) || children.length < 1 || children.length > MAX_CHILDREN) return invalid(`children must hold 1..${MAX_CHILDREN} blocks`);
  const specs: ChildSpec[] = [];
  for (const child of children) {
    const spec = childSpec(child);
    if (typeof spec === 'string') return invalid(spec);
    specs.push(spec);
  }
  const length = parent.children.length;
  const index = json.index ?? -1;
  if (!Number.isInteger(index) || (index as number) < -1 || (index as number) > length) return invalid(`index ${JSON.stringify(index)} outside [0, ${length}] (or -1 for the end)`);
  const created = state.documents.insert(doc, index === -1 ? length : (index as number), specs);
  const data = { children: created.map(wireBlock), document_revision_id: doc.revision, client_token: clientToken ?? randomUUID() };
  if (clientToken !== undefined) doc.answered.set(clientToken, data);
  return success(data);
}

function childSpec(child: unknown): ChildSpec | string {
  const c = (typeof child === 'object' && child !== null ? child : {}) as Record<string, unknown>;
  if (c.block_type === IMAGE && typeof c.image === 'object') return { kind: 'image' };
  if (c.block_type === FILE && typeof c.file === 'object' && c.file !== null) {
    const file = c.file as Record<string, unknown>;
    if (file.token !== undefined && file.token !== '') return 'a new file block must have an empty token';
    const viewType = file.view_type ?? 1;
    if (viewType !== 1 && viewType !== 2 && viewType !== 3) return `file.view_type ${JSON.stringify(viewType)} is not 1, 2 or 3`;
    return { kind: 'file', viewType };
  }
  return `block_type ${JSON.stringify(c.block_type)} with its content object is not supported here (27 image, 23 file)`;
}

/**
 * replace_image on an Image block or replace_file on a File block, with the token of media uploaded to
 * exactly that block (parent_type docx_image / docx_file, parent_node = the block id).
 */
function patchBlock(state: DocxState, call: RouteCall, documentId: string, blockId: string): Reply {
  const target = writeTarget(state, call, documentId, blockId);
  if ('kind' in target) return target;
  const { doc, block, json } = target;
  const image = json.replace_image as Record<string, unknown> | undefined;
  const file = json.replace_file as Record<string, unknown> | undefined;
  if ((image === undefined) === (file === undefined)) return invalid('give exactly one of replace_image and replace_file');
  const wanted = image ? IMAGE : FILE;
  if (block.blockType !== wanted) return failure(1770025, { message: `${image ? 'replace_image' : 'replace_file'} needs block_type ${wanted}, block ${blockId} is ${block.blockType}` });
  const token = (image ?? file)?.token;
  if (typeof token !== 'string' || token === '') return invalid('token is required');
  const media = state.drive.get(token);
  const parentType = image ? 'docx_image' : 'docx_file';
  if (!media || media.endpoint !== 'medias' || media.parentType !== parentType || media.parentNode !== blockId) {
    return failure(1770013, { message: `token ${token} is not ${parentType} media uploaded to block ${blockId}` });
  }
  block.token = token;
  if (image) {
    if (typeof image.width === 'number') block.width = image.width;
    if (typeof image.height === 'number') block.height = image.height;
  } else {
    block.fileName = media.name;
  }
  doc.revision++;
  return success({ block: wireBlock(block), document_revision_id: doc.revision, client_token: call.query.get('client_token') ?? randomUUID() });
}

function batchDelete(state: DocxState, call: RouteCall, documentId: string, parentId: string): Reply {
  const target = writeTarget(state, call, documentId, parentId);
  if ('kind' in target) return target;
  const { doc, block: parent, json } = target;
  const { start_index: start, end_index: end } = json;
  const length = parent.children.length;
  if (!Number.isInteger(start) || !Number.isInteger(end) || (start as number) < 0 || (start as number) >= (end as number) || (end as number) > length) {
    return invalid(`start_index ${JSON.stringify(start)} and end_index ${JSON.stringify(end)} must satisfy 0 <= start < end <= ${length}`);
  }
  state.documents.remove(doc, parent, start as number, end as number);
  return success({ document_revision_id: doc.revision, client_token: call.query.get('client_token') ?? randomUUID() });
}

/**
 * What a write names: the document and block (else 1770002), at a document_revision_id of -1 (latest, the
 * default) or one the document has reached (else 1770001), with its JSON body.
 */
function writeTarget(state: DocxState, call: RouteCall, documentId: string, blockId: string): { doc: Doc; block: DocxBlock; json: Record<string, unknown> } | Reply {
  const doc = state.documents.get(documentId);
  const block = doc?.blocks.get(blockId);
  if (!doc || !block) return notFound(`block ${blockId} of document ${documentId}`);
  const text = call.query.get('document_revision_id');
  const revision = Number(text);
  if (text !== null && text !== '-1' && !(Number.isInteger(revision) && revision >= 1 && revision <= doc.revision)) {
    return invalid(`document_revision_id ${text} does not exist (latest ${doc.revision})`);
  }
  return { doc, block, json: parseJsonObject(call.body) ?? {} };
}

function notFound(what: string): Reply {
  return failure(1770002, { message: `${what} not found` });
}

function invalid(message: string): Reply {
  return failure(1770001, { message });
}
