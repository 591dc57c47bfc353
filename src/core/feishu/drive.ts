// Drive calls other than uploads (docs/feishu/drive.md §3, §4, §5, §7, §8, §9): one method per endpoint, paced per
// app (docs/feishu/limits.md §4). Wire names stay in this file.
import { FeishuError } from '../errors/FeishuError';
import type { DrivePacer } from '../limits/DrivePacer';
import type { Call, FeishuClient } from './FeishuClient';

/** Item types a folder listing can hold (docs/feishu/drive.md §3.2). */
export type DriveItemType = 'folder' | 'file' | 'doc' | 'docx' | 'sheet' | 'bitable' | 'mindnote' | 'shortcut' | 'slides' | (string & {});

/** One entry of a folder listing. */
export interface DriveItem {
  readonly token: string;
  readonly name: string;
  readonly type: DriveItemType;
  /** The folder it is in. */
  readonly parentToken?: string;
  /** Feishu's browser link (for a shortcut: its target's). */
  readonly url?: string;
  /** Shortcuts only: what they point at. */
  readonly shortcut?: { readonly targetType: string; readonly targetToken: string };
  /** When it was created, epoch ms (Feishu sends unix seconds: 1 s resolution). */
  readonly createdTime?: number;
  /** Bytes. Not documented for listings: compared with a local file only when an answer carries it. */
  readonly size?: number;
}

/** The order of a listing (docs/feishu/drive.md §3.1); Feishu's own order when absent. */
export interface ListOrder {
  readonly orderBy: 'EditedTime' | 'CreatedTime';
  readonly direction: 'ASC' | 'DESC';
}

export interface DrivePage {
  readonly items: DriveItem[];
  /** Present when there is another page. */
  readonly nextPageToken?: string;
}

/** The largest page drive/v1/files returns (docs/feishu/drive.md §3.1). */
export const LIST_PAGE_SIZE = 200;
/** What metas batch_query takes per call (docs/feishu/drive.md §5). */
export const METAS_PER_CALL = 200;
/** A folder name's length limit, in UTF-8 bytes (docs/feishu/drive.md §4). */
export const FOLDER_NAME_MAX_BYTES = 256;

export interface DocRef {
  readonly token: string;
  /** `file` for an uploaded Drive file, `folder`, `docx`… (docs/feishu/drive.md §5). */
  readonly type: string;
}

export interface DocMeta {
  readonly token: string;
  readonly type: string;
  readonly title?: string;
  /** With `withUrl`: Feishu's own link, on the tenant's domain. */
  readonly url?: string;
}

export interface MetasAnswer {
  readonly metas: DocMeta[];
  /** Tokens Feishu could not answer for, with its code (970002 type, 970003 permission, 970005 not found). */
  readonly failed: { readonly token: string; readonly code: number }[];
}

/** Who may open a file by its link (docs/feishu/drive.md §8.1 `link_share_entity`), as the settings name it. */
export type LinkShare = 'tenant_readable' | 'tenant_editable' | 'anyone_readable';
export const LINK_SHARES: readonly LinkShare[] = ['tenant_readable', 'tenant_editable', 'anyone_readable'];

export type MemberPerm = 'view' | 'edit' | 'full_access';

interface WireItem {
  token?: string;
  name?: string;
  type?: string;
  parent_token?: string;
  url?: string;
  shortcut_info?: { target_type?: string; target_token?: string };
  created_time?: string;
  size?: number;
}

interface WireMeta {
  doc_token?: string;
  doc_type?: string;
  title?: string;
  url?: string;
}

/**
 * The scopes each call accepts (any one), from docs/feishu/drive.md §3-§9: a scope error names them, so the
 * message says what to enable for browsing folders, making them, links or sharing, not just for uploads.
 */
export const DRIVE_SCOPES = {
  list: ['drive:drive', 'drive:drive:readonly', 'space:document:retrieve'],
  createFolder: ['drive:drive', 'space:folder:create'],
  metas: ['drive:drive', 'drive:drive.metadata:readonly'],
  public: ['drive:drive', 'drive:file', 'docs:permission.setting:write_only'],
  members: ['drive:drive', 'drive:file', 'docs:permission.member:create'],
  delete: ['drive:drive', 'space:document:delete'],
} as const satisfies Record<string, readonly string[]>;

export class DriveApi {
  constructor(
    private readonly client: FeishuClient,
    /** Share one per app: Feishu counts the app's calls. */
    private readonly pacer: DrivePacer,
  ) {}

  /**
   * One page of a folder. The root (no token) comes back whole, without paging, as Feishu sends it; other
   * folders in pages of LIST_PAGE_SIZE, in `order` when given (the lost-finish check reads the newest first).
   */
  async listPage(folderToken: string | undefined, pageToken?: string, signal?: AbortSignal, order?: ListOrder): Promise<DrivePage> {
    const endpoint = 'drive/v1/files';
    const root = !folderToken;
    const data = await this.call<{ files?: WireItem[]; has_more?: boolean; next_page_token?: string }>(DRIVE_SCOPES.list, {
      method: 'GET',
      endpoint,
      query: {
        folder_token: folderToken ?? '',
        page_size: root ? undefined : LIST_PAGE_SIZE,
        page_token: pageToken,
        order_by: order?.orderBy,
        direction: order?.direction,
      },
      pace: (s) => this.pacer.acquire('list', s),
      signal,
    });
    const items = (data.files ?? []).flatMap((f) => (f.token && f.type ? [toItem(f)] : []));
    if (!data.has_more) return { items };
    if (!data.next_page_token) throw new FeishuError({ code: 'BAD_RESPONSE', endpoint, detail: 'has_more without a next_page_token.' });
    return { items, nextPageToken: data.next_page_token };
  }

  /**
   * Creates a folder (empty parent = the root). Not to be retried blindly: a repeated call after a lost
   * answer makes a second folder (callers check the listing first). Goes through the upload gate: Feishu
   * allows it no concurrent calls and 5 per second (docs/feishu/limits.md §3).
   */
  async createFolder(parentToken: string | undefined, name: string, signal?: AbortSignal): Promise<{ token: string; url?: string }> {
    const endpoint = 'drive/v1/files/create_folder';
    const data = await this.call<{ token?: string; url?: string }>(DRIVE_SCOPES.createFolder, {
      method: 'POST',
      endpoint,
      json: { name, folder_token: parentToken ?? '' },
      gated: true,
      signal,
    });
    if (!data.token) throw new FeishuError({ code: 'BAD_RESPONSE', endpoint, detail: 'No folder token in the answer.' });
    return { token: data.token, url: data.url || undefined };
  }

  /** Up to METAS_PER_CALL documents' metadata; `withUrl` asks for Feishu's own links. */
  async batchQueryMetas(docs: readonly DocRef[], withUrl: boolean, signal?: AbortSignal): Promise<MetasAnswer> {
    if (docs.length > METAS_PER_CALL) throw new RangeError(`batch_query takes at most ${METAS_PER_CALL} documents, got ${docs.length}`);
    const data = await this.call<{ metas?: WireMeta[]; failed_list?: { token?: string; code?: number }[] }>(DRIVE_SCOPES.metas, {
      method: 'POST',
      endpoint: 'drive/v1/metas/batch_query',
      json: { request_docs: docs.map((d) => ({ doc_token: d.token, doc_type: d.type })), with_url: withUrl },
      pace: (s) => this.pacer.acquire('metas', s),
      signal,
    });
    return {
      metas: (data.metas ?? []).flatMap((m) =>
        m.doc_token ? [{ token: m.doc_token, type: m.doc_type ?? '', title: m.title, url: m.url || undefined }] : [],
      ),
      failed: (data.failed_list ?? []).flatMap((f) => (f.token ? [{ token: f.token, code: f.code ?? 0 }] : [])),
    };
  }

  /**
   * Link sharing of one document (PATCH drive/v2/permissions/:token/public, docs/feishu/drive.md §8.1).
   * `anyone_*` needs external access on, so it is sent along (tenant policy may still refuse: 91009).
   */
  async setLinkShare(doc: DocRef, share: LinkShare, signal?: AbortSignal): Promise<void> {
    const external = share.startsWith('anyone_') ? { external_access_entity: 'open' } : {};
    await this.call<unknown>(DRIVE_SCOPES.public, {
      method: 'PATCH',
      endpoint: `drive/v2/permissions/${encodeURIComponent(doc.token)}/public`,
      query: { type: doc.type },
      json: { ...external, link_share_entity: share },
      pace: (s) => this.pacer.acquire('public', s),
      signal,
    });
  }

  /** Makes a user (by open_id) a collaborator, without notifying them (docs/feishu/drive.md §9). */
  async addUserMember(doc: DocRef, openId: string, perm: MemberPerm, signal?: AbortSignal): Promise<void> {
    await this.call<unknown>(DRIVE_SCOPES.members, {
      method: 'POST',
      endpoint: `drive/v1/permissions/${encodeURIComponent(doc.token)}/members`,
      query: { type: doc.type, need_notification: 'false' },
      json: { member_type: 'openid', member_id: openId, perm, type: 'user' },
      pace: (s) => this.pacer.acquire('members', s),
      signal,
    });
  }

  /**
   * Moves a document or an uploaded file to the recycle bin (DELETE drive/v1/files/:token, docs/feishu/drive.md §7;
   * folders are deleted asynchronously, which nothing here needs). Through the upload gate: Feishu allows it no
   * concurrent calls and 5 per second. Publishing deletes a new document that could not be finished.
   */
  async deleteFile(doc: DocRef & { readonly type: Exclude<DriveItemType, 'folder'> }, signal?: AbortSignal): Promise<void> {
    await this.call<unknown>(DRIVE_SCOPES.delete, {
      method: 'DELETE',
      endpoint: `drive/v1/files/${encodeURIComponent(doc.token)}`,
      query: { type: doc.type },
      gated: true,
      signal,
    });
  }

  /** A call whose scope error names the scopes that would do. */
  private async call<T>(scopes: readonly string[], call: Call): Promise<T> {
    try {
      return await this.client.call<T>(call);
    } catch (err) {
      if (!(err instanceof FeishuError) || err.category !== 'scope') throw err;
      throw new FeishuError({
        code: err.code,
        detail: [err.detail, `${call.endpoint} needs one of these scopes: ${scopes.join(', ')}.`].filter(Boolean).join(' '),
        httpStatus: err.httpStatus,
        endpoint: err.endpoint,
        logId: err.logId,
        // Feishu's own list when it named one (99991679), else ours: what a new sign-in asks for.
        scopes: err.scopes ?? scopes,
        cause: err,
      });
    }
  }
}

function toItem(f: WireItem): DriveItem {
  const shortcut = f.shortcut_info?.target_token ? { targetType: f.shortcut_info.target_type ?? '', targetToken: f.shortcut_info.target_token } : undefined;
  const seconds = Number(f.created_time);
  // Only when sent, so items compare as before for callers that never read them.
  const created = f.created_time && Number.isFinite(seconds) ? { createdTime: seconds * 1000 } : {};
  const size = typeof f.size === 'number' ? { size: f.size } : {};
  return { token: f.token!, name: f.name ?? '', type: f.type!, parentToken: f.parent_token || undefined, url: f.url || undefined, shortcut, ...created, ...size };
}
