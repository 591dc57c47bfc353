// DELETE drive/v1/files/:token?type=… (docs/feishu/drive.md §7): a document or an uploaded file goes to the
// recycle bin. `type` is required and must match what the token is.
import type { Documents } from './Documents';
import type { Drive } from './Drive';
import { failure, success, type Reply } from './reply';
import type { Route } from './route';

export interface DeleteState {
  documents: Documents;
  drive: Drive;
}

const FILE = /^drive\/v1\/files\/([^/]+)$/;

export function findDeleteRoute(state: DeleteState, method: string | undefined, endpoint: string): Route | undefined {
  const m = method === 'DELETE' ? FILE.exec(endpoint) : null;
  if (!m) return undefined;
  const token = decodeURIComponent(m[1]);
  return { auth: true, upload: false, handle: async (call) => deleteItem(state, token, call.query.get('type')) };
}

function deleteItem(state: DeleteState, token: string, type: string | null): Reply {
  if (type === null || type === '') return failure(1061002, { message: 'type is required (file, docx, folder, …)' });
  if (type === 'docx') {
    if (state.documents.delete(token)) return success({});
    return failure(state.documents.isDeleted(token) ? 1061007 : 1061003, { message: `docx ${token} not found` });
  }
  if (type === 'file') return state.drive.delete(token) ? success({}) : failure(1061003, { message: `file ${token} not found` });
  return failure(1061002, { message: `the emulator deletes documents (docx) and files only, not ${type}` });
}
