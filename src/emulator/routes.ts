// The /open-apis routes the emulator serves, keyed by method and the path after /open-apis/.
import { issueToken, rootFolderMeta } from './authRoutes';
import { findDocxRoute, type DocxState } from './docxRoutes';
import type { Drive } from './Drive';
import { findImportRoute, type ImportState } from './importRoutes';
import type { Route } from './route';
import type { TokenStore } from './TokenStore';
import { uploadAll, uploadFinish, uploadPart, uploadPrepare, type UploadState } from './uploadRoutes';
import type { UploadEndpointFamily } from './types';
import type { Wiki } from './Wiki';

export interface RouteState extends UploadState, DocxState, ImportState {
  tokens: TokenStore;
  drive: Drive;
  wiki: Wiki;
}

/** drive/v1/{files,medias}/upload_{all,prepare,part,finish}: the endpoints the upload rules govern. */
const UPLOAD_ENDPOINT = /^drive\/v1\/(files|medias)\/(upload_all|upload_prepare|upload_part|upload_finish)$/;

const UPLOAD_ACTIONS = {
  upload_all: uploadAll,
  upload_prepare: uploadPrepare,
  upload_part: uploadPart,
  upload_finish: uploadFinish,
} as const;

export function findRoute(state: RouteState, method: string | undefined, endpoint: string): Route | undefined {
  if (method === 'POST' && endpoint === 'auth/v3/tenant_access_token/internal') {
    return { auth: false, upload: false, handle: async (call) => issueToken(state.tokens, 'tenant', call.body) };
  }
  if (method === 'POST' && endpoint === 'auth/v3/app_access_token/internal') {
    return { auth: false, upload: false, handle: async (call) => issueToken(state.tokens, 'app', call.body) };
  }
  if (method === 'GET' && endpoint === 'drive/explorer/v2/root_folder/meta') {
    return { auth: true, upload: false, handle: async () => rootFolderMeta(state.drive) };
  }
  const upload = UPLOAD_ENDPOINT.exec(endpoint);
  if (method === 'POST' && upload) {
    const family = upload[1] as UploadEndpointFamily;
    const action = UPLOAD_ACTIONS[upload[2] as keyof typeof UPLOAD_ACTIONS];
    return { auth: true, upload: true, handle: (call) => action(state, { ...call, family }) };
  }
  if (method === 'GET' && endpoint === 'wiki/v2/spaces/get_node') {
    return { auth: true, upload: false, handle: async (call) => state.wiki.getNode(call.query) };
  }
  return findDocxRoute(state, method, endpoint) ?? findImportRoute(state, method, endpoint);
}

/** Fault targeting needs to know upload endpoints even before routing (e.g. for a wrong method). */
export function isUploadEndpoint(endpoint: string): boolean {
  return UPLOAD_ENDPOINT.test(endpoint);
}
