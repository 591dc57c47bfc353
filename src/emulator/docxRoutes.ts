// docx/v1 document and block endpoints (docs/feishu/docx.md §4-§10): create a document, read it and its blocks
// (one, or all page by page), append Image / File blocks to the page, insert trees of blocks (descendant), bind
// uploaded media with replace_image / replace_file, change a block's text (the page's: the title),
// batch_delete.
import { randomUUID } from 'node:crypto';
import { checkDescendants, KINDS } from './docxDescendants';
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
/** Blocks per page of the listing: default and maximum (docs/feishu/docx.md §5, UNCONFIRMED). */
const PAGE_SIZE = 500;
/** Longest title create takes (UNCONFIRMED; Feishu's editor stops at 800 characters). */
const MAX_TITLE_CHARS = 800;

const DOCUMENTS = /^docx\/v1\/documents$/;
const DOCUMENT = /^docx\/v1\/documents\/([^/]+)$/;
const BLOCKS = /^docx\/v1\/documents\/([^/]+)\/blocks$/;
const DESCENDANT = /^docx\/v1\/documents\/([^/]+)\/blocks\/([^/]+)\/descendant$/;
const BLOCK = /^docx\/v1\/documents\/([^/]+)\/blocks\/([^/]+)$/;
const CHILDREN = /^docx\/v1\/documents\/([^/]+)\/blocks\/([^/]+)\/children$/;
const BATCH_DELETE = /^docx\/v1\/documents\/([^/]+)\/blocks\/([^/]+)\/children\/batch_delete$/;

type Handler = (state: DocxState, call: RouteCall, documentId: string, blockId: string) => Reply;

/** [method, path, handler, is a write (paced 3/s per document and per app)]. */
const TABLE: [string, RegExp, Handler, boolean][] = [
  ['POST', DOCUMENTS, createDocument, false],
  ['GET', DOCUMENT, getDocument, false],
  ['GET', BLOCKS, listBlocks, false],
  ['POST', DESCENDANT, insertDescendants, true],
  ['GET', BLOCK, getBlock, false],
  ['POST', CHILDREN, createChildren, true],
  ['PATCH', BLOCK, patchBlock, true],
  ['DELETE', BATCH_DELETE, batchDelete, true],
];

export function findDocxRoute(state: DocxState, method: string | undefined, endpoint: string): Route | undefined {
  for (const [verb, path, handler, write] of TABLE) {
    const m = method === verb ? path.exec(endpoint) : null;
    if (!m) continue;
    const documentId = m[1] === undefined ? '' : decodeURIComponent(m[1]);
    const blockId = m[2] === undefined ? '' : decodeURIComponent(m[2]);
    return { auth: true, upload: false, docxWrite: write ? documentId : undefined, handle: async (call) => handler(state, call, documentId, blockId) };
  }
  return undefined;
}

/** Feishu's wire shape of a block; the page block carries the title as its text. */
export function wireBlock(block: DocxBlock, doc?: Doc): Record<string, unknown> {
  const wire: Record<string, unknown> = { block_id: block.blockId, block_type: block.blockType, parent_id: block.parentId };
  if (block.children.length > 0 || block.blockType === PAGE) wire.children = [...block.children];
  if (block.blockType === PAGE && doc) wire.page = { elements: [{ text_run: { content: doc.title } }], style: {} };
  if (block.content) Object.assign(wire, structuredClone(block.content));
  if (block.blockType === IMAGE) wire.image = { token: block.token, width: block.width, height: block.height };
  if (block.blockType === FILE) wire.file = { token: block.token, name: block.fileName };
  if (block.viewType !== undefined) wire.view = { view_type: block.viewType };
  return wire;
}

/** A new document with its page block, in `folder_token` (empty: the caller's root folder), owned by the caller. */
function createDocument(state: DocxState, call: RouteCall): Reply {
  const json = parseJsonObject(call.body);
  if (!json) return invalid('the body must be a JSON object');
  const { title = '', folder_token: folder = '' } = json;
  if (typeof title !== 'string' || title.length > MAX_TITLE_CHARS) return invalid(`title must be a string of at most ${MAX_TITLE_CHARS} characters`);
  if (typeof folder !== 'string') return invalid('folder_token must be a string');
  // "" is the caller's own My Space (the app's, or a signed-in user's).
  const folderToken = folder === '' ? state.drive.rootOf(call.identity) : folder;
  // UNCONFIRMED: which codes Feishu gives for a folder that does not exist, and for one the caller may not create
  // in (docs/feishu/docx.md §4): 1770002 and 1770032 (forbidden) here.
  if (!state.drive.hasFolder(folderToken)) return failure(1770002, { message: `folder ${folderToken} not found` });
  if (!state.drive.canWrite(call.identity, folderToken)) return failure(1770032, { message: `${call.identity} may not create documents in folder ${folderToken}` });
  const documentId = state.documents.create(title, folderToken, call.identity);
  return success({ document: { document_id: documentId, revision_id: 1, title } });
}

function getDocument(state: DocxState, _call: RouteCall, documentId: string): Reply {
  const doc = state.documents.get(documentId);
  if (!doc) return missingDocument(state, documentId);
  return success({ document: { document_id: documentId, revision_id: doc.revision, title: doc.title } });
}

function getBlock(state: DocxState, _call: RouteCall, documentId: string, blockId: string): Reply {
  const doc = state.documents.get(documentId);
  if (!doc) return missingDocument(state, documentId);
  const block = doc.blocks.get(blockId);
  return block ? success({ block: wireBlock(block, doc) }) : notFound(`block ${blockId} of document ${documentId}`);
}

/** Every block in reading order, the page first, `page_size` at a time (page_token: where the next page starts). */
function listBlocks(state: DocxState, call: RouteCall, documentId: string): Reply {
  const doc = state.documents.get(documentId);
  if (!doc) return missingDocument(state, documentId);
  const sizeText = call.query.get('page_size');
  const size = sizeText === null ? PAGE_SIZE : Number(sizeText);
  if (!Number.isInteger(size) || size < 1 || size > PAGE_SIZE) return invalid(`page_size ${sizeText} is not within 1..${PAGE_SIZE}`);
  const token = call.query.get('page_token') ?? '';
  const start = token === '' ? 0 : pageTokenOffset(token);
  const blocks = state.documents.ordered(doc);
  if (start === undefined || start > blocks.length) return failure(1770022, { message: `page_token ${JSON.stringify(token)} is not one this listing gave` });
  const items = blocks.slice(start, start + size).map((b) => wireBlock(b, doc));
  const more = start + size < blocks.length;
  return success({ items, has_more: more, page_token: more ? `pt${(start + size).toString(36)}` : '' });
}

function pageTokenOffset(token: string): number | undefined {
  if (!token.startsWith('pt')) return undefined;
  const offset = Number.parseInt(token.slice(2), 36);
  return Number.isInteger(offset) && offset >= 0 ? offset : undefined;
}

/**
 * A tree of blocks under `parentId` at `index` (in the body; -1 or absent: the end), all of it or nothing
 * (see docxDescendants.ts for the rules); answers the first-level blocks and every temporary → real id.
 */
function insertDescendants(state: DocxState, call: RouteCall, documentId: string, parentId: string): Reply {
  const target = writeTarget(state, call, documentId, parentId);
  if ('kind' in target) return target;
  const { doc, block: parent, json } = target;
  const clientToken = call.query.get('client_token') || undefined;
  const earlier = clientToken === undefined ? undefined : doc.answered.get(clientToken);
  if (earlier) return success(earlier);
  const checked = checkDescendants(json, parent.blockType);
  if ('kind' in checked) return checked;
  const length = parent.children.length;
  const index = json.index ?? -1;
  if (!Number.isInteger(index) || (index as number) < -1 || (index as number) > length) return invalid(`index ${JSON.stringify(index)} outside [0, ${length}] (or -1 for the end)`);
  const { created, relations } = state.documents.insertTree(doc, parent, index === -1 ? length : (index as number), checked.roots, checked.blocks);
  const data = {
    children: created.map((b) => wireBlock(b)),
    document_revision_id: doc.revision,
    client_token: clientToken ?? randomUUID(),
    block_id_relations: [...relations].map(([temporary, real]) => ({ temporary_block_id: temporary, block_id: real })),
  };
  if (clientToken !== undefined) doc.answered.set(clientToken, data);
  return success(data);
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
  const data = { children: created.map((b) => wireBlock(b)), document_revision_id: doc.revision, client_token: clientToken ?? randomUUID() };
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
 * exactly that block (parent_type docx_image / docx_file, parent_node = the block id); or update_text_elements
 * on a text block (on the page block it sets the title).
 */
function patchBlock(state: DocxState, call: RouteCall, documentId: string, blockId: string): Reply {
  const target = writeTarget(state, call, documentId, blockId);
  if ('kind' in target) return target;
  const { doc, block, json } = target;
  if (json.update_text_elements !== undefined) return updateText(doc, block, json.update_text_elements, call);
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
  for (const side of ['width', 'height'] as const) {
    const value = image?.[side];
    if (value !== undefined && !(Number.isInteger(value) && (value as number) > 0)) return invalid(`replace_image.${side} must be a positive integer of pixels`);
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

/** The new text of a text block, or of the page block (= the document title, plain text). */
function updateText(doc: Doc, block: DocxBlock, update: unknown, call: RouteCall): Reply {
  const elements = (update as { elements?: unknown } | null)?.elements;
  const runs = Array.isArray(elements) ? elements.map((e) => (e as { text_run?: { content?: unknown } } | null)?.text_run?.content) : undefined;
  if (!runs || runs.length === 0 || !runs.every((c) => typeof c === 'string')) return invalid('update_text_elements.elements must be text runs');
  const kind = KINDS.get(block.blockType);
  if (block.blockType === PAGE) doc.title = (runs as string[]).join('');
  else if (kind?.text && block.content) block.content[kind.key] = { ...(block.content[kind.key] as object), elements: structuredClone(elements) };
  else return failure(1770025, { message: `block ${block.blockId} (type ${block.blockType}) has no text` });
  doc.revision++;
  return success({ block: wireBlock(block, doc), document_revision_id: doc.revision, client_token: call.query.get('client_token') ?? randomUUID() });
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
  if (!doc) return missingDocument(state, documentId);
  const block = doc.blocks.get(blockId);
  if (!block) return notFound(`block ${blockId} of document ${documentId}`);
  const text = call.query.get('document_revision_id');
  const revision = Number(text);
  if (text !== null && text !== '-1' && !(Number.isInteger(revision) && revision >= 1 && revision <= doc.revision)) {
    return invalid(`document_revision_id ${text} does not exist (latest ${doc.revision})`);
  }
  return { doc, block, json: parseJsonObject(call.body) ?? {} };
}

/** A deleted document (in the recycle bin) answers 1770003, one that never existed 1770002. */
function missingDocument(state: DocxState, documentId: string): Reply {
  return state.documents.isDeleted(documentId) ? failure(1770003, { message: `document ${documentId} has been deleted` }) : notFound(`document ${documentId}`);
}

function notFound(what: string): Reply {
  return failure(1770002, { message: `${what} not found` });
}

function invalid(message: string): Reply {
  return failure(1770001, { message });
}
