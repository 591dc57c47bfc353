// POST drive/v1/import_tasks and GET drive/v1/import_tasks/:ticket (docs/feishu/import.md §4-§5), with the
// create-time checks and codes: 1069904 bad parameters, 1069907/1069914 token, 1069909 size, 1069910
// extension, 1069911 type, 1069912 folder, 1069913 token older than the import window.
import type { Drive } from './Drive';
import type { ImportTasks } from './ImportTasks';
import { jsonObject, parseJsonObject } from './jsonBody';
import { failure, success, type Reply } from './reply';
import type { Route, RouteCall } from './route';

export interface ImportState {
  drive: Drive;
  imports: ImportTasks;
  /** How long an uploaded source stays importable, in ms. */
  importTokenTtlMs: number;
}

const MiB = 1024 * 1024;
const TEXT_SOURCES = ['txt', 'md', 'mark', 'markdown', 'html'];

/** Source extension → import type → size cap in bytes. */
const CAPS = new Map<string, Map<string, number>>([
  ...TEXT_SOURCES.map((ext) => [ext, new Map([['docx', 20 * MiB]])] as const),
  ['docx', new Map([['docx', 600 * MiB]])],
  ['doc', new Map([['docx', 600 * MiB]])],
  ['xlsx', new Map([['sheet', 800 * MiB], ['bitable', 800 * MiB]])],
  ['xls', new Map([['sheet', 20 * MiB]])],
  ['csv', new Map([['sheet', 20 * MiB], ['bitable', 100 * MiB]])],
]);

const TASK = /^drive\/v1\/import_tasks\/([^/]+)$/;
/** A signed-in user needs one of these for import tasks (import.md §4). */
const IMPORT_SCOPES = ['docs:document:import', 'drive:drive'];

export function findImportRoute(state: ImportState, method: string | undefined, endpoint: string): Route | undefined {
  if (method === 'POST' && endpoint === 'drive/v1/import_tasks') return { auth: true, upload: false, scopes: IMPORT_SCOPES, handle: async (call) => createTask(state, call) };
  const m = method === 'GET' ? TASK.exec(endpoint) : null;
  if (m) return { auth: true, upload: false, scopes: IMPORT_SCOPES, handle: async () => pollTask(state, decodeURIComponent(m[1])) };
  return undefined;
}

function createTask(state: ImportState, call: RouteCall): Reply {
  const json = parseJsonObject(call.body) ?? {};
  const { file_extension: extension, file_token: token, type, file_name: title } = json;
  const point = (json.point ?? {}) as Record<string, unknown>;
  if (typeof extension !== 'string' || typeof token !== 'string' || typeof type !== 'string') return failure(1069904, { message: 'file_extension, file_token and type are required strings' });
  if (!['docx', 'sheet', 'bitable'].includes(type)) return failure(1069904, { message: `type ${JSON.stringify(type)} is not docx, sheet or bitable` });
  const caps = CAPS.get(extension);
  if (!caps) return failure(1069904, { message: `file_extension ${JSON.stringify(extension)} cannot be imported` });
  if (point.mount_type !== 1 || typeof point.mount_key !== 'string') return failure(1069904, { message: 'point must be {mount_type: 1, mount_key: <folder token or "">}' });
  if (point.mount_key !== '' && !state.drive.hasFolder(point.mount_key)) return failure(1069912, { message: `folder ${point.mount_key} does not exist` });
  if (point.mount_key !== '' && !state.drive.canWrite(call.identity, point.mount_key)) {
    return failure(1069908, { message: `${call.identity} may not add documents to folder ${point.mount_key}` });
  }
  if (token.length > 27) return failure(1069914, { message: 'file_token is longer than 27 characters' });
  const file = state.drive.get(token);
  if (!file) return failure(1069907, { message: `file token ${token} not found` });
  if (file.parentType !== 'ccm_import_open' && file.endpoint !== 'files') return failure(1069914, { message: `${token} was uploaded as ${file.parentType}, not for an import` });
  if (Date.now() - file.createdAt > state.importTokenTtlMs) return failure(1069913, { message: `${token} was uploaded more than ${state.importTokenTtlMs} ms ago` });
  const suffix = /\.([^.]+)$/.exec(file.name)?.[1]?.toLowerCase();
  const declared = file.extra === undefined ? undefined : jsonObject(file.extra);
  if (suffix !== extension || (declared && declared.file_extension !== extension)) {
    return failure(1069910, { message: `file_extension ${extension} does not match ${file.name}${declared ? ` (extra says ${String(declared.file_extension)})` : ''}` });
  }
  const cap = caps.get(type);
  if (cap === undefined || (declared && declared.obj_type !== type)) {
    return failure(1069911, { message: `.${extension} cannot become ${type}${declared ? ` (extra says ${String(declared.obj_type)})` : ''}` });
  }
  if (file.size > cap) return failure(1069909, { message: `${file.size} bytes > ${cap} for .${extension} as ${type}` });
  const name = typeof title === 'string' && title !== '' ? title : file.name;
  return success({ ticket: state.imports.create(type, name) });
}

function pollTask(state: ImportState, ticket: string): Reply {
  const result = state.imports.poll(ticket);
  return result ? success({ result }) : failure(1069904, { message: `unknown ticket ${ticket}` });
}
