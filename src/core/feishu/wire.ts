// Feishu's wire shapes. snake_case stays in this folder.

export interface Envelope<T> {
  code?: number;
  msg?: string;
  data?: T;
  error?: { log_id?: string; message?: string; permission_violations?: { type?: string; subject?: string }[] };
}

export interface TenantTokenResponse {
  code?: number;
  msg?: string;
  tenant_access_token?: string;
  /** Seconds. */
  expire?: number;
}

export interface RootFolderMeta {
  token: string;
  id?: string;
  user_id?: string;
}

export interface PrepareRequest {
  file_name: string;
  parent_type: string;
  parent_node: string;
  size: number;
  extra?: string;
}

export interface PrepareResponse {
  upload_id: string;
  block_size: number;
  block_num: number;
}

export interface FileTokenResponse {
  file_token: string;
}

/** drive/v1/files/* put files in a Drive folder; drive/v1/medias/* attach media to documents. */
export type UploadApi = 'files' | 'medias';

/** authen/v2/oauth/token: a flat answer, success or not (docs/feishu/auth.md §6.2, §10.2). */
export interface OAuthTokenBody {
  code?: number;
  access_token?: string;
  /** Seconds. */
  expires_in?: number;
  refresh_token?: string;
  /** Seconds. */
  refresh_token_expires_in?: number;
  token_type?: string;
  /** Space-separated. */
  scope?: string;
  error?: string;
  error_description?: string;
  msg?: string;
}

/** oauth/v1/device_authorization on the accounts host (auth.md §10.1). */
export interface DeviceAuthorizationBody {
  device_code?: string;
  user_code?: string;
  verification_uri?: string;
  verification_uri_complete?: string;
  /** Seconds. */
  expires_in?: number;
  /** Seconds between polls. */
  interval?: number;
  error?: string;
  error_description?: string;
}

/** authen/v1/user_info `data` (auth.md §11): only what we use. */
export interface UserInfoData {
  name?: string;
  en_name?: string;
  open_id?: string;
  union_id?: string;
}
