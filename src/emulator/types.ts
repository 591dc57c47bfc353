// Public shapes of the Feishu upload emulator. Wire names (snake_case) stay inside the route handlers.

/** Network shaping applied to every /open-apis request. Omitted fields mean "no shaping". */
export interface Shaping {
  /** Extra delay before each response is written, in milliseconds. Default 0. */
  latencyMs?: number;
  /**
   * Request-body read rate in bytes per second, shared by all connections (one simulated link).
   * The server pauses the socket, so the client's TCP send is slowed by backpressure. Default unlimited.
   */
  bytesPerSecond?: number;
}

/** Which requests a fault applies to and how often. */
export interface FaultTarget {
  /**
   * Substring of the path after /open-apis/, e.g. 'medias/upload_part'. Default: any of the 8 upload
   * endpoints (for `uploadIdExpired`: any upload_part / upload_finish, the calls that carry an upload_id).
   */
  endpoint?: string;
  /** HTTP method, e.g. 'PATCH', to tell calls on one path apart. Default: any. */
  method?: string;
  /** Matching calls to let through before the fault fires. Default 0. */
  after?: number;
  /** Matching calls the fault fires on, one per call. Default 1. */
  count?: number;
}

export type Fault = FaultTarget &
  (
    | { kind: 'reset'; afterBytes?: number }
    | { kind: 'http500' }
    | { kind: 'code'; code: number; status?: number; msg?: string }
    | { kind: 'rateLimit'; resetSeconds?: number }
    | { kind: 'tokenExpired' }
    | { kind: 'uploadIdExpired' }
    | { kind: 'stall'; ms?: number }
    /**
     * The call is handled (a part stored, a finish done) and then the connection is cut before the answer is
     * written: an answer lost on the way back.
     */
    | { kind: 'dropAnswer' }
  );

export type FaultKind = Fault['kind'];

export interface EmulatorOptions {
  /** TCP port on 127.0.0.1; 0 picks a free one. Default 0. */
  port?: number;
  /** The one app the emulator knows. Default 'cli_emulator'. */
  appId?: string;
  /** Its secret. Default 'emulator-secret'. */
  appSecret?: string;
  /** Bearer tokens accepted as user_access_tokens of the tenant's first user (pasted tokens). Default none. */
  userAccessTokens?: string[];
  /**
   * The tenant's people, each with their own My Space. The first is who pasted user tokens and, until actAs(),
   * the authorize and device pages act as. Default one: "Ada Lin".
   */
  users?: { name: string; openId?: string }[];
  /** The app's name on the authorize page. Default "Feishu Upload (emulator app)". */
  appName?: string;
  /** Life of user access tokens, in seconds (fractions allowed for tests). Default 7200. */
  userTokenTtlSeconds?: number;
  /** Life of refresh tokens, in seconds. Default 604 800 (7 days). */
  refreshTokenTtlSeconds?: number;
  /** Life of a device code, in seconds. Default 240. */
  deviceCodeTtlSeconds?: number;
  /** The polling interval a device authorization asks for, in seconds (fractions allowed). Default 5. */
  deviceIntervalSeconds?: number;
  /** Scopes the app has enabled (others are refused on the authorize page, 20027). Default ENABLED_SCOPES. */
  enabledScopes?: string[];
  /** Redirect URLs registered in the app's security settings. Default: any http(s) URL is accepted. */
  redirectUris?: string[];
  /** Lifetime of issued tenant/app tokens, in seconds (fractions allowed for tests). Default 7200. */
  tokenTtlSeconds?: number;
  /** Lifetime of an upload_id from prepare, in milliseconds. Default 86 400 000 (24 h). */
  uploadIdTtlMs?: number;
  /** Accepted calls per sliding 1000 ms window, per upload endpoint, per app. Default 5. */
  qps?: number;
  /** How long an uploaded file stays usable for an import task, in ms (else 1069913). Default 300 000 (5 min). */
  importTokenTtlMs?: number;
  /** Accepted docx writes per sliding 1000 ms window, per document and per app. Default 3 (Feishu's). */
  docxWritesPerSecond?: number;
  /** Block size handed out by upload_prepare, in bytes. Default 4 194 304 (4 MiB). */
  blockSize?: number;
  /**
   * Keep stored files' bytes in memory. Default true. When false only size and sha256 are kept, and
   * multipart parts wait in a temp file under os.tmpdir() until finish (memory stays ~one block per call).
   */
  keepBytes?: boolean;
  /** Initial shaping. Default none. */
  shaping?: Shaping;
  /** One line per request and per notable event. Default silent. */
  log?: (line: string) => void;
  /**
   * Where the links Feishu hands out point (metas batch_query with_url, listings, create_folder): the tenant's
   * own web host. Default 'https://emulator-tenant.feishu.cn', so tests can tell these links from ones a
   * client builds itself.
   */
  tenantUrl?: string;
  /** Folder limits (children per folder, depth, nodes); default Feishu's 1500, 15, 400 000. */
  folderLimits?: Partial<{ maxChildren: number; maxDepth: number; maxNodes: number }>;
  /** create_folder calls accepted per day (Feishu: 10 000), then 1061045. */
  createFoldersPerDay?: number;
  /** Per-app limits on Drive listing, metas and permission calls; default Feishu's (docs/feishu/limits.md §4). */
  apiLimits?: Partial<Record<LimitedApi, readonly RateWindow[]>>;
  /** The tenant lets documents be shared outside it. Default true; false answers `anyone_*` sharing with 91009. */
  externalSharing?: boolean;
}

/** Drive calls with per-app limits other than the upload rules. */
export type LimitedApi = 'list' | 'metas' | 'public' | 'members';

/** At most `calls` per sliding `windowMs`. */
export interface RateWindow {
  calls: number;
  windowMs: number;
}

/** A folder and everything below it. */
export interface FolderTree {
  token: string;
  /** '' for the root. */
  name: string;
  folders: FolderTree[];
  files: { token: string; name: string; size: number }[];
}

/** A collaborator of a document, folder or file (members API). */
export interface Collaborator {
  /** openid, unionid, userid, email, openchat, groupid, … */
  memberType: string;
  memberId: string;
  perm: 'view' | 'edit' | 'full_access';
  /** user, chat, department, … ('' when not sent). */
  type: string;
}

export type UploadEndpointFamily = 'files' | 'medias';

/** The app, or a user by open_id: who owns a folder, or is a collaborator on it. */
export type Who = 'app' | string;

/** A collaborator's permission, as Feishu's permission APIs name them. */
export type FolderPerm = 'view' | 'edit' | 'full_access';

export interface FolderOptions {
  /** Default: the tenant's first user (a folder a person made). */
  owner?: Who;
  /** Default: the owner's My Space. */
  parent?: string;
  name?: string;
  /** Collaborators (on it and, as on Feishu, on what it holds). Default { app: 'edit' }: a folder shared with the app's bot. */
  members?: Partial<Record<Who, FolderPerm>>;
}

export interface EmulatorUser {
  /** `ou_…` */
  readonly openId: string;
  readonly unionId: string;
  readonly name: string;
  readonly enName: string;
  readonly tenantKey: string;
}

export interface StoredFile {
  fileToken: string;
  name: string;
  /** Bytes. */
  size: number;
  parentType: string;
  parentNode: string;
  extra?: string;
  endpoint: UploadEndpointFamily;
  /** Lower-case hex. */
  sha256: string;
  /** Present only when keepBytes is true. */
  bytes?: Buffer;
  /** Epoch milliseconds. */
  createdAt: number;
  /** Who uploaded it: `app:<appId>` or `user:<openId>`. */
  owner: string;
}

export interface EmulatorStats {
  /** Requests that arrived, by path after /open-apis/ (e.g. 'drive/v1/medias/upload_part'). */
  calls: Record<string, number>;
  /** Feishu `code` values sent in JSON bodies, keyed by the decimal code ('0' for success). */
  codes: Record<string, number>;
  /** Injected faults that fired, by kind. */
  faults: Record<string, number>;
  /** TCP connections accepted (a client that reuses keep-alive sockets keeps this low). */
  connections: number;
  uploadSessions: { open: number; finished: number; expired: number };
  /** Fired faults by kind and endpoint, e.g. 'dropAnswer drive/v1/files/upload_part'. */
  faultsByEndpoint: Record<string, number>;
  /** Where the bytes sent to upload_all and upload_part went: the proof that a resuming client sends nothing twice. */
  uploadBytes: UploadByteStats;
}

/** Bytes of upload_all / upload_part request bodies, by what became of them. */
export interface UploadByteStats {
  /** Raw request-body bytes that arrived, multipart framing included; faulted, refused and cut-off calls too. */
  received: number;
  /** File bytes stored the first time: upload_all files, and each (upload_id, seq) part the first time it came. */
  stored: number;
  /** File bytes of parts stored again for a seq their upload_id already held. */
  duplicate: number;
  /** Stored part bytes of upload_ids that expired before finish (1061021 made the client send them again). */
  expired: number;
  /** Stored part bytes of upload_ids still open (neither finished nor expired). */
  open: number;
  /** Stored part bytes whose answer a `dropAnswer` fault cut off (the client had to send them again). */
  answerDropped: number;
  /** Raw body bytes of calls answered by an injected fault (other than dropAnswer) instead of being handled. */
  faulted: number;
  /** Raw body bytes of calls handled but refused with a Feishu error code (1061045, 1061021, …). */
  refused: number;
  /** Raw body bytes of calls the client cut off before their body was complete (a cancel, a killed process). */
  aborted: number;
}

export interface Violation {
  endpoint: string;
  /**
   * Upload rules (qps, concurrency; create_folder too), the docx write limits per document (429) and per app
   * (400), or the per-app limits of Drive listing, metas and permission calls (apiRate).
   */
  reason: 'qps' | 'concurrency' | 'docxDocument' | 'docxApp' | 'apiRate';
  /** Epoch milliseconds of the offending call's arrival. */
  at: number;
  detail: string;
}

/** A docx block as the emulator holds it (Feishu's wire names are block_id, block_type, …). */
export interface DocxBlock {
  blockId: string;
  /** 1 page, 2 text, 3-11 headings, 12 bullet, 13 ordered, 14 code, 17 todo, 22 divider, 23 file, 27 image, 31 table, 32 table cell, 33 view, 34 quote container. */
  blockType: number;
  /**
   * The block's content as written, under its wire key: e.g. `{ text: { elements, style } }`,
   * `{ heading2: … }`, `{ table: { property } }`. Image, file and view blocks use the fields below instead.
   */
  content?: Record<string, unknown>;
  /** '' for the page block. */
  parentId: string;
  children: string[];
  /** Image and File blocks: the bound media token ('' until replace_image / replace_file). */
  token?: string;
  /** Image blocks, in pixels (100 until replaced). */
  width?: number;
  height?: number;
  /** File blocks: the uploaded file's name once bound. */
  fileName?: string;
  /** View blocks: 1 card, 2 preview, 3 inline. */
  viewType?: number;
}

export interface DocxDocument {
  documentId: string;
  title: string;
  /** The Drive folder it was created in. */
  folderToken: string;
  /** document_revision_id: 1 when created, +1 per write. */
  revisionId: number;
  /** The page block first, then every block in reading order. */
  blocks: DocxBlock[];
}

export interface WikiNode {
  nodeToken: string;
  /** The document id for obj_type 'docx'. */
  objToken: string;
  /** docx, doc, sheet, bitable, mindnote, file, slides. */
  objType: string;
  title: string;
  spaceId: string;
}

export interface Emulator {
  /** Open API base, e.g. http://127.0.0.1:PORT (API paths are under /open-apis/, control under /__emulator/). */
  readonly url: string;
  readonly appId: string;
  /** The current secret (changes with rotateSecret). */
  readonly appSecret: string;
  /** The app's own My Space. */
  readonly rootFolderToken: string;
  /** Registers a new Drive folder (by default a person's folder shared with the app to edit) and returns its token. */
  addFolder(options?: FolderOptions): string;
  /** Adds or changes a collaborator on a folder (what sharing it with someone does). */
  shareFolder(folderToken: string, who: Who, perm: FolderPerm): void;
  /** The My Space of the app or of a user (by open_id), made on first use. */
  rootFolderOf(who: Who): string;
  /** Who owns a folder (`app:<appId>` or `user:<openId>`), or undefined when there is no such folder. */
  folderOwner(folderToken: string): string | undefined;
  /** The tenant's people. */
  users(): EmulatorUser[];
  addUser(person: { name: string; openId?: string }): EmulatorUser;
  /** The authorize and device pages act as this user from now on (a browser signed in to Feishu as them). */
  actAs(openId: string): void;
  /** Moves the emulator's clock forward: tokens, codes and device codes age; the client's clock does not move. */
  advanceClock(ms: number): void;
  /** User access tokens (and with `refresh`, refresh tokens) of one user or of everyone expire now. */
  expireUserTokens(options?: { openId?: string; refresh?: boolean }): void;
  /** Revokes the sign-ins of one user or of everyone: access tokens get 99991668, refresh tokens 20064. */
  revokeUserGrants(openId?: string): void;
  /** Life of user access tokens issued from now on, in seconds. */
  setUserTokenTtl(seconds: number): void;
  /** The app's "refresh user_access_token" switch; off → refreshes fail with 20074. */
  setRefreshEnabled(enabled: boolean): void;
  /** The web host of the links it hands out, e.g. https://emulator-tenant.feishu.cn. */
  readonly tenantUrl: string;
  /** A folder with everything below it (default the root); undefined for an unknown token. */
  folderTree(token?: string): FolderTree | undefined;
  /** Link sharing and other public settings of a document, folder or file. */
  publicSettings(token: string): Record<string, string>;
  /** Its collaborators (members API). */
  collaborators(token: string): Collaborator[];
  /** Registers a valid media upload point (e.g. a docx block id) and returns it. */
  addMediaParent(token?: string): string;
  getFile(fileToken: string): StoredFile | undefined;
  listFiles(): StoredFile[];
  /** Creates an empty docx document (in the root folder unless told) and returns its id (also its page block's). */
  createDocument(options?: { title?: string; folderToken?: string }): string;
  getDocument(documentId: string): DocxDocument | undefined;
  /** Every document, without its blocks (block counts only). */
  listDocuments(): { documentId: string; title: string; folderToken: string; revisionId: number; blocks: number }[];
  /** Deletes a document as if someone removed it in Feishu: later calls on it get 1770003. False if unknown. */
  deleteDocument(documentId: string): boolean;
  /** A wiki page: for obj_type 'docx' without objToken a new document is created for it. */
  addWikiNode(node: { objType: string; objToken?: string; title?: string }): WikiNode;
  /** The next import task created fails with this job_status (and job_error_msg) instead of succeeding. */
  failNextImport(jobStatus: number, message?: string): void;
  stats(): EmulatorStats;
  /** Every 1061045 the emulator issued because of its rate/concurrency rules. */
  violations(): Violation[];
  /** Replaces the shaping (an empty object removes it). */
  setShaping(shaping: Shaping): void;
  injectFault(fault: Fault): void;
  clearFaults(): void;
  /** The old secret stops working and every issued token is invalidated. */
  rotateSecret(newSecret: string): void;
  /** Every issued tenant/app token becomes invalid (99991663). */
  expireTokens(): void;
  /** Every open upload_id becomes expired (1061021). */
  expireUploads(): void;
  /**
   * Forgets files, upload sessions, import tasks, stats, violations, rate windows and faults; keeps folders,
   * documents, wiki nodes, tokens, shaping.
   */
  reset(): void;
  /** Stops listening and destroys open connections, including keep-alive and stalled ones. */
  close(): Promise<void>;
}
