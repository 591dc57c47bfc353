// Drive calls other than uploads: folder listing and create_folder (docs/feishu/drive.md §3, §4), metas
// batch_query (§5), delete (§7) and permissions: public settings (§8.1) and collaborators (§9), with their codes
// (§3.3, §4, §10). Links point at the tenant's web host, as Feishu's do.
import type { Documents } from './Documents';
import type { Drive } from './Drive';
import { parseJsonObject } from './jsonBody';
import { PERMS, principalOfMember, type Perm, type Permissions } from './Permissions';
import { failure, success, type Reply } from './reply';
import type { Route, RouteCall } from './route';

export interface DriveState {
  drive: Drive;
  documents: Documents;
  permissions: Permissions;
  /** The tenant's web host, e.g. https://emulator-tenant.feishu.cn. */
  tenantUrl: string;
  /** The tenant allows sharing outside it (else `anyone_*` link sharing is 91009). */
  externalSharing: boolean;
  /** create_folder calls left today (Feishu: 10 000 a day). */
  createFolders: DailyQuota;
}

/** A count per calendar day (UTC), like Feishu's daily limits. */
export class DailyQuota {
  private day = '';
  private used = 0;

  constructor(readonly perDay: number) {}

  /** Takes one; false when the day's quota is used up. */
  take(now = new Date()): boolean {
    const day = now.toISOString().slice(0, 10);
    if (day !== this.day) {
      this.day = day;
      this.used = 0;
    }
    if (this.used >= this.perDay) return false;
    this.used++;
    return true;
  }
}

const PAGE_SIZE_DEFAULT = 100;
const PAGE_SIZE_MAX = 200;
const NAME_MAX_BYTES = 256;
const METAS_MAX = 200;
const ORDER_BY = new Set(['EditedTime', 'CreatedTime']);
const DIRECTION = new Set(['ASC', 'DESC']);
const META_TYPES = new Set(['doc', 'sheet', 'bitable', 'mindnote', 'file', 'wiki', 'docx', 'folder', 'synced_block', 'slides']);
const PUBLIC_PATCH_TYPES = new Set(['doc', 'sheet', 'file', 'wiki', 'bitable', 'docx', 'mindnote', 'minutes', 'slides', 'apps']);
const MEMBER_DOC_TYPES = new Set(['doc', 'sheet', 'file', 'wiki', 'bitable', 'docx', 'folder', 'mindnote', 'minutes', 'slides', 'apps']);
const MEMBER_TYPES = new Set(['email', 'openid', 'unionid', 'openchat', 'opendepartmentid', 'userid', 'groupid', 'wikispaceid', 'appid']);
const MEMBER_KINDS = new Set(['', 'user', 'chat', 'department', 'group', 'wiki_space_member', 'wiki_space_viewer', 'wiki_space_editor']);
const PUBLIC_FIELDS: Readonly<Record<string, ReadonlySet<string>>> = {
  external_access_entity: new Set(['open', 'closed', 'allow_share_partner_tenant']),
  security_entity: new Set(['anyone_can_view', 'anyone_can_edit', 'only_full_access']),
  comment_entity: new Set(['anyone_can_view', 'anyone_can_edit']),
  share_entity: new Set(['anyone', 'same_tenant']),
  manage_collaborator_entity: new Set(['collaborator_can_view', 'collaborator_can_edit', 'collaborator_full_access']),
  link_share_entity: new Set(['tenant_readable', 'tenant_editable', 'partner_tenant_readable', 'partner_tenant_editable', 'anyone_readable', 'anyone_editable', 'closed']),
  copy_entity: new Set(['anyone_can_view', 'anyone_can_edit', 'only_full_access']),
};

const PUBLIC = /^drive\/v2\/permissions\/([^/]+)\/public$/;
const MEMBERS = /^drive\/v1\/permissions\/([^/]+)\/members$/;

/** The scopes a signed-in user's token needs for each call, any one of them (docs/feishu/drive.md §3-§9). */
const SCOPES = {
  list: ['drive:drive', 'drive:drive:readonly', 'space:document:retrieve'],
  createFolder: ['drive:drive', 'space:folder:create'],
  metas: ['drive:drive', 'drive:drive.metadata:readonly'],
  public: ['drive:drive', 'drive:file', 'docs:permission.setting:write_only'],
  members: ['drive:drive', 'drive:file', 'docs:permission.member:create'],
  delete: ['drive:drive', 'space:document:delete'],
} as const;

const FILE = /^drive\/v1\/files\/([^/]+)$/;

export function findDriveRoute(state: DriveState, method: string | undefined, endpoint: string): Route | undefined {
  if (method === 'GET' && endpoint === 'drive/v1/files') {
    return { auth: true, upload: false, limited: 'list', scopes: SCOPES.list, handle: async (call) => listFiles(state, call) };
  }
  if (method === 'POST' && endpoint === 'drive/v1/files/create_folder') {
    return { auth: true, upload: true, scopes: SCOPES.createFolder, handle: async (call) => createFolder(state, call) };
  }
  if (method === 'POST' && endpoint === 'drive/v1/metas/batch_query') {
    return { auth: true, upload: false, limited: 'metas', scopes: SCOPES.metas, handle: async (call) => batchQuery(state, call) };
  }
  const publicMatch = method === 'PATCH' ? PUBLIC.exec(endpoint) : null;
  if (publicMatch) {
    return { auth: true, upload: false, limited: 'public', scopes: SCOPES.public, handle: async (call) => patchPublic(state, call, decodeURIComponent(publicMatch[1])) };
  }
  const fileMatch = method === 'DELETE' ? FILE.exec(endpoint) : null;
  if (fileMatch) {
    // Like uploads: 5 per second and no concurrent calls (docs/feishu/drive.md §7).
    return { auth: true, upload: true, scopes: SCOPES.delete, handle: async (call) => deleteItem(state, call, decodeURIComponent(fileMatch[1])) };
  }
  const membersMatch = method === 'POST' ? MEMBERS.exec(endpoint) : null;
  if (membersMatch) {
    return { auth: true, upload: false, limited: 'members', scopes: SCOPES.members, handle: async (call) => addMember(state, call, decodeURIComponent(membersMatch[1])) };
  }
  return undefined;
}

/** The browser link of a Drive item on the tenant's host (docs/feishu/drive.md §6). */
export function tenantLink(state: Pick<DriveState, 'tenantUrl'>, type: string, token: string): string {
  const path = type === 'folder' ? 'drive/folder' : type === 'sheet' ? 'sheets' : type === 'bitable' ? 'base' : type;
  return `${state.tenantUrl}/${path}/${token}`;
}

/**
 * GET drive/v1/files: one level of a folder the caller may see (its own, or shared with it here or above: else
 * 1061004). No folder_token (or "") is the caller's own root, sent whole without paging; any other folder in pages
 * of page_size (default 100, at most 200), continued with page_token.
 */
function listFiles(state: DriveState, call: RouteCall): Reply {
  const q = call.query;
  const requested = q.get('folder_token') ?? '';
  const root = requested === '';
  const folder = root ? state.drive.rootOf(call.identity) : requested;
  if (!state.drive.hasFolder(folder)) return failure(1061003, { message: `folder ${JSON.stringify(requested)} does not exist` });
  if (!state.drive.canRead(call.identity, folder)) return failure(1061004, { message: `${call.identity} may not see folder ${folder}` });
  const sizeText = q.get('page_size');
  const pageSize = sizeText === null ? PAGE_SIZE_DEFAULT : /^\d{1,4}$/.test(sizeText) ? Number(sizeText) : NaN;
  if (!root && !(pageSize >= 1 && pageSize <= PAGE_SIZE_MAX)) return failure(1064001, { message: `page_size must be 1..${PAGE_SIZE_MAX}, got ${JSON.stringify(sizeText)}` });
  const orderBy = q.get('order_by');
  const direction = q.get('direction');
  if (orderBy !== null && !ORDER_BY.has(orderBy)) return fieldViolation('order_by', orderBy, 'order_by must be EditedTime or CreatedTime');
  if (direction !== null && !DIRECTION.has(direction)) return fieldViolation('direction', direction, 'direction must be ASC or DESC');
  let entries = state.drive.children(folder);
  if (orderBy !== null) {
    entries = [...entries].sort((a, b) => a.createdAt - b.createdAt);
    if (direction === 'DESC') entries.reverse();
  }
  const wire = (e: (typeof entries)[number]): Record<string, unknown> => ({
    token: e.token,
    name: e.name,
    type: e.type,
    parent_token: folder,
    url: tenantLink(state, e.type, e.token),
    created_time: String(Math.floor(e.createdAt / 1000)),
    modified_time: String(Math.floor(e.createdAt / 1000)),
    owner_id: ownerId(e.owner),
  });
  if (root) return success({ files: entries.map(wire), has_more: false });
  const offset = readPageToken(q.get('page_token'), folder);
  if (offset === undefined) return failure(1061002, { message: 'page_token is not one this listing handed out' });
  const page = entries.slice(offset, offset + pageSize);
  const next = offset + page.length;
  const hasMore = next < entries.length;
  return success({ files: page.map(wire), has_more: hasMore, ...(hasMore ? { next_page_token: pageToken(folder, next) } : {}) });
}

/** POST drive/v1/files/create_folder {name, folder_token}: "" is the caller's own root; the caller must be able to write there. */
function createFolder(state: DriveState, call: RouteCall): Reply {
  const json = parseJsonObject(call.body);
  if (!json) return failure(1061002, { message: 'body must be a JSON object' });
  const { name, folder_token: parent } = json;
  if (typeof name !== 'string' || name.length === 0 || Buffer.byteLength(name, 'utf8') > NAME_MAX_BYTES) {
    return failure(1061002, { message: `name must be 1..${NAME_MAX_BYTES} bytes` });
  }
  if (typeof parent !== 'string') return failure(1061002, { message: 'folder_token is required ("" for the root)' });
  if (!state.createFolders.take()) return failure(1061045, { message: `more than ${state.createFolders.perDay} create_folder calls today` });
  const where = parent === '' ? state.drive.rootOf(call.identity) : parent;
  if (state.drive.hasFolder(where) && !state.drive.canWrite(call.identity, where)) {
    return failure(1061004, { message: `${call.identity} may not add folders to ${where}` });
  }
  const made = state.drive.createFolder(where, name, call.identity);
  if (!made.ok) return failure(made.code, { message: made.message });
  return success({ token: made.folder.token, url: tenantLink(state, 'folder', made.folder.token) });
}

/** POST drive/v1/metas/batch_query {request_docs: [{doc_token, doc_type}], with_url}. */
function batchQuery(state: DriveState, call: RouteCall): Reply {
  const json = parseJsonObject(call.body);
  const docs = json?.request_docs;
  if (!Array.isArray(docs) || docs.length === 0) return failure(1061002, { message: 'request_docs must be a non-empty array' });
  if (docs.length > METAS_MAX) return fieldViolation('request_docs', `${docs.length} items`, `at most ${METAS_MAX} documents per call`);
  const withUrl = json?.with_url === true;
  const metas: Record<string, unknown>[] = [];
  const failed: { token: string; code: number }[] = [];
  for (const doc of docs) {
    const token = (doc as { doc_token?: unknown })?.doc_token;
    const type = (doc as { doc_type?: unknown })?.doc_type;
    if (typeof token !== 'string' || typeof type !== 'string') return failure(1061002, { message: 'each request_docs item needs doc_token and doc_type strings' });
    if (!META_TYPES.has(type)) {
      failed.push({ token, code: 970002 });
      continue;
    }
    const found = lookupDoc(state, token, type);
    if (!found) {
      failed.push({ token, code: 970005 });
      continue;
    }
    if (!mayRead(state, found, token, call.identity)) {
      failed.push({ token, code: 970003 });
      continue;
    }
    const seconds = String(Math.floor(found.createdAt / 1000));
    metas.push({
      doc_token: token,
      doc_type: type,
      title: found.title,
      owner_id: ownerId(found.owner),
      create_time: seconds,
      latest_modify_user: ownerId(found.owner),
      latest_modify_time: seconds,
      ...(withUrl ? { url: tenantLink(state, type, token) } : {}),
    });
  }
  return success({ metas, failed_list: failed });
}

/**
 * DELETE drive/v1/files/:token?type=…: a document or an uploaded file goes to the recycle bin. `type` is required
 * and must match what the token is. Allowed to its owner where they may write, or to who may manage the folder it
 * is in (docs/feishu/drive.md §7); documents tests set up (no owner) to everyone.
 */
function deleteItem(state: DriveState, call: RouteCall, token: string): Reply {
  const type = call.query.get('type');
  if (type === null || type === '') return failure(1061002, { message: 'type is required (file, docx, folder, …)' });
  if (type !== 'docx' && type !== 'file') return failure(1061002, { message: `the emulator deletes documents (docx) and files only, not ${type}` });
  const doc = lookupDoc(state, token, type);
  if (!doc) return failure(type === 'docx' && state.documents.isDeleted(token) ? 1061007 : 1061003, { message: `${type} ${token} not found` });
  const parent = doc.folder;
  const allowed = doc.owner === '' || (parent !== undefined && ((doc.owner === call.identity && state.drive.canWrite(call.identity, parent)) || state.drive.canManage(call.identity, parent)));
  if (!allowed) return failure(1061004, { message: `${call.identity} may not delete ${type} ${token}` });
  if (type === 'docx') state.documents.delete(token);
  else state.drive.delete(token);
  return success({});
}

/** PATCH drive/v2/permissions/:token/public?type=…: incremental; `anyone_*` links need external access open. */
function patchPublic(state: DriveState, call: RouteCall, token: string): Reply {
  const type = call.query.get('type') ?? '';
  if (!PUBLIC_PATCH_TYPES.has(type)) return failure(1063001, { message: `type ${JSON.stringify(type)} cannot be patched` });
  const doc = lookupDoc(state, token, type);
  if (!doc) return failure(1063001, { message: `no ${type} ${token}` });
  if (!mayManage(state, doc.owner, token, call.identity)) return failure(1063002, { message: 'the caller may not change who can open it' });
  const json = parseJsonObject(call.body);
  if (!json) return failure(1063001, { message: 'body must be a JSON object' });
  const fields: Record<string, string> = {};
  for (const [key, allowed] of Object.entries(PUBLIC_FIELDS)) {
    const value = json[key];
    if (value === undefined) continue;
    if (typeof value !== 'string' || !allowed.has(value)) return failure(1063001, { message: `${key} must be one of ${[...allowed].join(', ')}` });
    fields[key] = value;
  }
  const link = fields.link_share_entity;
  const external = fields.external_access_entity ?? state.permissions.publicOf(token).external_access_entity;
  if (!state.externalSharing && (fields.external_access_entity === 'open' || link?.startsWith('anyone_'))) {
    return failure(91009, { message: 'the tenant does not allow sharing outside it' });
  }
  if (link?.startsWith('anyone_') && external !== 'open') return failure(91010, { message: 'external access is closed: open it before anyone_* link sharing' });
  return success({ permission_public: { ...state.permissions.patchPublic(token, fields), lock_switch: false } });
}

/** POST drive/v1/permissions/:token/members?type=…&need_notification=…: adds (or raises) a collaborator. */
function addMember(state: DriveState, call: RouteCall, token: string): Reply {
  const type = call.query.get('type') ?? '';
  if (!MEMBER_DOC_TYPES.has(type)) return failure(1063001, { message: `type ${JSON.stringify(type)} is not one of ${[...MEMBER_DOC_TYPES].join(', ')}` });
  const doc = lookupDoc(state, token, type);
  if (!doc) return failure(1063001, { message: `no ${type} ${token}` });
  if (!mayManage(state, doc.owner, token, call.identity)) return failure(1063002, { message: 'the caller may not add collaborators' });
  const json = parseJsonObject(call.body);
  if (!json) return failure(1063001, { message: 'body must be a JSON object' });
  const { member_type: memberType, member_id: memberId, perm, type: kind = '' } = json;
  if (typeof memberType !== 'string' || !MEMBER_TYPES.has(memberType)) return failure(1063001, { message: 'member_type is missing or unknown' });
  if (typeof memberId !== 'string' || memberId === '') return failure(1063001, { message: 'member_id is required' });
  if (typeof perm !== 'string' || !(PERMS as readonly string[]).includes(perm)) return failure(1063001, { message: `perm must be one of ${PERMS.join(', ')}` });
  if (typeof kind !== 'string' || !MEMBER_KINDS.has(kind)) return failure(1063001, { message: 'type (the member kind) is unknown' });
  if (memberType === 'openid' && doc.owner === `user:${memberId}`) return failure(1063003, { message: 'the member is the owner' });
  const member = { memberType, memberId, perm: perm as Perm, type: kind };
  // A folder's users and apps are its collaborators in the Drive (what the write check reads); the rest are here.
  const principal = type === 'folder' ? principalOfMember(memberType, memberId) : undefined;
  if (principal !== undefined) {
    const held = state.drive.folder(token)?.members.get(principal);
    if (held !== undefined && PERMS.indexOf(held) > PERMS.indexOf(member.perm)) return failure(1063003, { message: 'the member already has a higher permission' });
    state.drive.share(token, principal, member.perm);
  } else if (!state.permissions.grant(token, member)) {
    return failure(1063003, { message: 'the member already has a higher permission' });
  }
  return success({ member: { member_type: memberType, member_id: memberId, perm, type: kind } });
}

interface FoundDoc {
  title: string;
  owner: string;
  createdAt: number;
  /** The folder a Drive file is in, or the folder itself: whose sharing reaches it. */
  folder?: string;
}

/** A document of the given type by token: Drive files, folders and docx documents are known here. */
function lookupDoc(state: DriveState, token: string, type: string): FoundDoc | undefined {
  if (type === 'file') {
    const file = state.drive.get(token);
    return file && file.endpoint === 'files' ? { title: file.name, owner: file.owner, createdAt: file.createdAt, folder: file.parentNode } : undefined;
  }
  if (type === 'folder') {
    const folder = state.drive.folder(token);
    return folder && folder.parent !== undefined ? { title: folder.name, owner: folder.owner, createdAt: folder.createdAt, folder: token } : undefined;
  }
  if (type === 'docx') {
    const doc = state.documents.get(token);
    return doc && { title: doc.title, owner: doc.owner, createdAt: doc.createdAt, folder: doc.folderToken || undefined };
  }
  return undefined;
}

/**
 * Who may change a document's sharing: its owner, or a collaborator with full_access (on a folder: here or above).
 * Documents set up by tests (no owner) are open to everyone.
 */
function mayManage(state: DriveState, owner: string, token: string, identity: string): boolean {
  if (owner === '' || owner === identity) return true;
  const [kind, id] = splitIdentity(identity);
  if (state.permissions.permOf(token, kind === 'app' ? 'appid' : 'openid', id) === 'full_access') return true;
  return state.drive.folder(token) !== undefined && state.drive.canManage(identity, token);
}

/** Who may read a document's metadata: who may manage it, or see the folder it is in. */
function mayRead(state: DriveState, doc: FoundDoc, token: string, identity: string): boolean {
  if (doc.owner === '' || doc.owner === identity) return true;
  const [kind, id] = splitIdentity(identity);
  if (state.permissions.permOf(token, kind === 'app' ? 'appid' : 'openid', id) !== undefined) return true;
  return doc.folder !== undefined && state.drive.canRead(identity, doc.folder);
}

function splitIdentity(identity: string): [string, string] {
  const colon = identity.indexOf(':');
  return colon < 0 ? ['', identity] : [identity.slice(0, colon), identity.slice(colon + 1)];
}

/** An owner as Feishu's owner_id would show it: the id without the identity kind. */
function ownerId(owner: string): string {
  return splitIdentity(owner)[1];
}

function pageToken(folder: string, offset: number): string {
  return Buffer.from(JSON.stringify({ f: folder, o: offset })).toString('base64url');
}

function readPageToken(text: string | null, folder: string): number | undefined {
  if (text === null || text === '') return 0;
  try {
    const parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as { f?: unknown; o?: unknown };
    return parsed.f === folder && Number.isSafeInteger(parsed.o) && (parsed.o as number) >= 0 ? (parsed.o as number) : undefined;
  } catch {
    return undefined;
  }
}

function fieldViolation(field: string, value: string, description: string): Reply {
  return failure(99992402, { message: description, error: { field_violations: [{ field, value, description }] } });
}
