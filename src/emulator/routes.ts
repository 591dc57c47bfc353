// The /open-apis routes the emulator serves, keyed by method and the path after /open-apis/ (and the accounts
// host's /oauth/ paths, which it serves on the same origin, keyed by their path without the leading slash).
import { authorizeDecision, authorizePage, deviceDecision, deviceVerifyPage } from './accountsPages';
import { issueToken, rootFolderMeta } from './authRoutes';
import { findDocxRoute, type DocxState } from './docxRoutes';
import { findDriveRoute, type DriveState } from './driveRoutes';
import type { Drive } from './Drive';
import { findImportRoute, type ImportState } from './importRoutes';
import { deviceAuthorization, tokenEndpoint, userInfo, type AccountsState } from './oauthRoutes';
import type { Route } from './route';
import type { TokenStore } from './TokenStore';
import { uploadAll, uploadFinish, uploadPart, uploadPrepare, type UploadState } from './uploadRoutes';
import type { UploadEndpointFamily } from './types';
import type { Wiki } from './Wiki';

export interface RouteState extends UploadState, DocxState, ImportState, DriveState {
  tokens: TokenStore;
  drive: Drive;
  wiki: Wiki;
  accounts: AccountsState;
}

/** drive/v1/{files,medias}/upload_{all,prepare,part,finish}: the endpoints the upload rules govern. */
const UPLOAD_ENDPOINT = /^drive\/v1\/(files|medias)\/(upload_all|upload_prepare|upload_part|upload_finish)$/;

/** A signed-in user needs one of these (docs/feishu/upload.md, drive.md): Drive files, document media. */
const UPLOAD_SCOPES: Readonly<Record<UploadEndpointFamily, readonly string[]>> = {
  files: ['drive:drive', 'drive:file:upload'],
  medias: ['drive:drive', 'docs:document.media:upload'],
};
const ROOT_META_SCOPES = ['drive:drive', 'drive:drive.metadata:readonly', 'drive:drive:readonly'];
const WIKI_SCOPES = ['wiki:wiki', 'wiki:wiki:readonly', 'wiki:node:retrieve'];

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
    return { auth: true, upload: false, scopes: ROOT_META_SCOPES, handle: async (call) => rootFolderMeta(state.drive, call.identity) };
  }
  const upload = UPLOAD_ENDPOINT.exec(endpoint);
  if (method === 'POST' && upload) {
    const family = upload[1] as UploadEndpointFamily;
    const action = UPLOAD_ACTIONS[upload[2] as keyof typeof UPLOAD_ACTIONS];
    return { auth: true, upload: true, scopes: UPLOAD_SCOPES[family], handle: (call) => action(state, { ...call, family }) };
  }
  if (method === 'GET' && endpoint === 'wiki/v2/spaces/get_node') {
    return { auth: true, upload: false, scopes: WIKI_SCOPES, handle: async (call) => state.wiki.getNode(call.query) };
  }
  return (
    findAccountsRoute(state.accounts, method, endpoint) ??
    findDriveRoute(state, method, endpoint) ??
    findDocxRoute(state, method, endpoint) ??
    findImportRoute(state, method, endpoint)
  );
}

/** Sign-in: the authorize and device pages, the token endpoint, device authorization, user_info (auth.md §4-§11). */
function findAccountsRoute(accounts: AccountsState, method: string | undefined, endpoint: string): Route | undefined {
  const route = (auth: boolean, handle: Route['handle']): Route => ({ auth, upload: false, handle });
  const key = `${method ?? ''} ${endpoint}`;
  switch (key) {
    case 'GET authen/v1/authorize':
      return route(false, async (call) => authorizePage(accounts, call));
    case 'POST authen/v1/authorize':
      return route(false, async (call) => authorizeDecision(accounts, call));
    case 'POST authen/v2/oauth/token':
      return route(false, async (call) => tokenEndpoint(accounts, call));
    case 'GET authen/v1/user_info':
      return route(true, async (call) => userInfo(accounts, call));
    case 'POST oauth/v1/device_authorization':
      return route(false, async (call) => deviceAuthorization(accounts, call));
    case 'GET oauth/v1/device/verify':
      return route(false, async (call) => deviceVerifyPage(accounts, call));
    case 'POST oauth/v1/device/verify':
      return route(false, async (call) => deviceDecision(accounts, call));
    default:
      return undefined;
  }
}

/** Fault targeting needs to know upload endpoints even before routing (e.g. for a wrong method). */
export function isUploadEndpoint(endpoint: string): boolean {
  return UPLOAD_ENDPOINT.test(endpoint);
}
