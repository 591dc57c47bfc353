// Feishu's wire shapes. snake_case stays in this folder.

export interface Envelope<T> {
  code?: number;
  msg?: string;
  data?: T;
  error?: { log_id?: string; message?: string };
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
