// The emulator: state plus the request pipeline every /open-apis call goes through —
// faults → auth → rate/concurrency rules (uploads, create_folder), per-app limits (Drive reads, permissions) or
// write limits (docx) → body (shaped) → route →
// latency → response.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiLimits } from './ApiLimits';
import { handleControl } from './controlRoutes';
import { serveDocumentPage } from './documentPage';
import { Documents } from './Documents';
import { DocxWriteLimits } from './DocxWriteLimits';
import { DEFAULT_FOLDER_LIMITS, Drive } from './Drive';
import { DailyQuota } from './driveRoutes';
import { FaultQueue } from './FaultQueue';
import { newDriveToken, newLogId, newNumericId } from './ids';
import { ImportTasks } from './ImportTasks';
import { Link } from './Link';
import { OAuthGrants } from './OAuthGrants';
import { oauthFailure } from './oauthRoutes';
import { collaboratorsOf, Permissions } from './Permissions';
import { RateRules } from './RateRules';
import { readBody, type Body } from './readBody';
import { failure, plainText, replyCode, type Reply } from './reply';
import { findRoute, isUploadEndpoint, type RouteState } from './routes';
import { Timers } from './Timers';
import { TokenStore } from './TokenStore';
import { carriesFileBytes, UploadBytes } from './UploadBytes';
import { UploadSessions } from './UploadSessions';
import { UPLOAD_ALL_MAX_BYTES } from './uploadRoutes';
import type {
  Collaborator,
  DocxDocument,
  Emulator,
  EmulatorOptions,
  EmulatorStats,
  EmulatorUser,
  Fault,
  FolderOptions,
  FolderPerm,
  FolderTree,
  Shaping,
  StoredFile,
  Violation,
  WikiNode,
  Who,
} from './types';
import { Users } from './Users';
import { Wiki } from './Wiki';

const OPEN_API_PREFIX = '/open-apis/';
/** The accounts host's device-flow paths (auth.md §10), served on this same origin. */
const ACCOUNTS_PREFIX = '/oauth/';
/** Scopes the emulated app has enabled unless told otherwise: what Feishu Upload asks for, and their broader kin. */
export const ENABLED_SCOPES: readonly string[] = [
  'offline_access',
  'drive:drive',
  'drive:drive:readonly',
  'drive:drive.metadata:readonly',
  'drive:file:upload',
  'space:folder:create',
  'space:document:retrieve',
  'space:document:delete',
  'docx:document',
  'docx:document:readonly',
  'docs:document.media:upload',
  'docs:document:import',
  'docs:permission.member:create',
  'docs:permission.setting:write_only',
  'wiki:wiki',
  'wiki:wiki:readonly',
  'wiki:node:retrieve',
];
/** Room for multipart headers around the largest accepted payload, in bytes. */
const BODY_OVERHEAD_BYTES = 1024 * 1024;
/** Body bytes a `reset` fault lets through by default before cutting the connection. */
const RESET_DEFAULT_AFTER_BYTES = 64 * 1024;

export class FeishuEmulator implements Emulator {
  private readonly server: Server;
  private readonly timers = new Timers();
  private readonly tokens: TokenStore;
  private readonly people: Users;
  private readonly grants: OAuthGrants;
  private readonly drive: Drive;
  private readonly permissions = new Permissions();
  private readonly apiLimits: ApiLimits;
  /** Added to Date.now() for token, code and device-code lives: advanceClock() ages them. */
  private clockOffsetMs = 0;
  private refreshEnabled = true;
  private readonly documents = new Documents();
  private readonly wiki = new Wiki();
  private readonly imports: ImportTasks;
  private readonly sessions: UploadSessions;
  private readonly rules: RateRules;
  private readonly docxLimits: DocxWriteLimits;
  private readonly faults = new FaultQueue();
  private readonly uploadBytes = new UploadBytes();
  private readonly link: Link;
  private readonly routeState: RouteState;
  private readonly maxBodyBytes: number;
  private readonly log: (line: string) => void;
  private shaping: Shaping;
  private calls: Record<string, number> = {};
  private codes: Record<string, number> = {};
  private firedFaults: Record<string, number> = {};
  private faultsByEndpoint: Record<string, number> = {};
  private connections = 0;
  private port = 0;

  constructor(options: EmulatorOptions = {}) {
    const blockSize = positive('blockSize', options.blockSize ?? 4 * 1024 * 1024);
    const keepBytes = options.keepBytes ?? true;
    const now = (): number => Date.now() + this.clockOffsetMs;
    this.people = new Users(options.users ?? [], newNumericId(16));
    this.grants = new OAuthGrants(now, {
      accessTtlMs: positive('userTokenTtlSeconds', options.userTokenTtlSeconds ?? 7200) * 1000,
      refreshTtlMs: positive('refreshTokenTtlSeconds', options.refreshTokenTtlSeconds ?? 7 * 24 * 3600) * 1000,
      deviceTtlMs: positive('deviceCodeTtlSeconds', options.deviceCodeTtlSeconds ?? 240) * 1000,
      deviceIntervalMs: positive('deviceIntervalSeconds', options.deviceIntervalSeconds ?? 5) * 1000,
    });
    this.apiLimits = new ApiLimits(options.apiLimits);
    this.tokens = new TokenStore(
      options.appId ?? 'cli_emulator',
      options.appSecret ?? 'emulator-secret',
      options.userAccessTokens ?? [],
      positive('tokenTtlSeconds', options.tokenTtlSeconds ?? 7200) * 1000,
      this.people,
      this.grants,
      now,
    );
    this.drive = new Drive(this.tokens.appPrincipal, () => `user:${this.people.first.openId}`, { ...DEFAULT_FOLDER_LIMITS, ...options.folderLimits });
    this.sessions = new UploadSessions(blockSize, positive('uploadIdTtlMs', options.uploadIdTtlMs ?? 24 * 60 * 60 * 1000), keepBytes, this.uploadBytes);
    this.rules = new RateRules(positive('qps', options.qps ?? 5));
    this.docxLimits = new DocxWriteLimits(positive('docxWritesPerSecond', options.docxWritesPerSecond ?? 3));
    this.shaping = { ...options.shaping };
    this.link = new Link(() => this.shaping.bytesPerSecond);
    this.imports = new ImportTasks(this.documents, () => this.url);
    this.routeState = {
      tokens: this.tokens,
      drive: this.drive,
      sessions: this.sessions,
      keepBytes,
      bytes: this.uploadBytes,
      documents: this.documents,
      wiki: this.wiki,
      imports: this.imports,
      importTokenTtlMs: positive('importTokenTtlMs', options.importTokenTtlMs ?? 5 * 60 * 1000),
      accounts: {
        tokens: this.tokens,
        users: this.people,
        grants: this.grants,
        appName: options.appName ?? 'Feishu Upload (emulator app)',
        enabledScopes: new Set(options.enabledScopes ?? ENABLED_SCOPES),
        redirectUris: options.redirectUris,
        refreshEnabled: () => this.refreshEnabled,
        url: () => this.url,
      },
      permissions: this.permissions,
      tenantUrl: (options.tenantUrl ?? 'https://emulator-tenant.feishu.cn').replace(/\/+$/, ''),
      externalSharing: options.externalSharing ?? true,
      createFolders: new DailyQuota(positive('createFoldersPerDay', options.createFoldersPerDay ?? 10_000)),
    };
    this.maxBodyBytes = Math.max(UPLOAD_ALL_MAX_BYTES, blockSize) + BODY_OVERHEAD_BYTES;
    this.log = options.log ?? (() => undefined);
    // No request timeout: a heavily shaped upload may legitimately take longer than Node's 300 s default.
    // Idle keep-alive sockets still close after Node's default 5 s, as a gateway's would.
    this.server = createServer({ requestTimeout: 0 }, (req, res) => void this.dispatch(req, res));
    this.server.on('connection', () => this.connections++);
  }

  /** Binds 127.0.0.1:`port` (0 = any free port). */
  async listen(port: number): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    this.port = (this.server.address() as AddressInfo).port;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get appId(): string {
    return this.tokens.appId;
  }

  get appSecret(): string {
    return this.tokens.appSecret;
  }

  get rootFolderToken(): string {
    return this.drive.rootFolderToken;
  }

  addFolder(options: FolderOptions = {}): string {
    const members = options.members && Object.fromEntries(Object.entries(options.members).map(([who, perm]) => [this.principal(who), perm as FolderPerm]));
    return this.drive.addFolder({
      owner: options.owner === undefined ? undefined : this.principal(options.owner),
      parent: options.parent,
      name: options.name,
      members,
    });
  }

  shareFolder(folderToken: string, who: Who, perm: FolderPerm): void {
    if (!this.drive.share(folderToken, this.principal(who), perm)) throw new RangeError(`no folder ${folderToken}`);
  }

  rootFolderOf(who: Who): string {
    return this.drive.rootOf(this.principal(who));
  }

  folderOwner(folderToken: string): string | undefined {
    return this.drive.folder(folderToken)?.owner;
  }

  users(): EmulatorUser[] {
    return this.people.list();
  }

  addUser(person: { name: string; openId?: string }): EmulatorUser {
    return this.people.add(person);
  }

  actAs(openId: string): void {
    if (!this.people.actAs(openId)) throw new RangeError(`no user ${openId}`);
  }

  advanceClock(ms: number): void {
    this.clockOffsetMs += positive('ms', ms);
  }

  expireUserTokens(options: { openId?: string; refresh?: boolean } = {}): void {
    this.grants.expireAccess(options.openId);
    if (options.refresh) this.grants.expireRefresh(options.openId);
  }

  revokeUserGrants(openId?: string): void {
    this.grants.revoke(openId);
  }

  setUserTokenTtl(seconds: number): void {
    this.grants.settings.accessTtlMs = positive('seconds', seconds) * 1000;
  }

  setRefreshEnabled(enabled: boolean): void {
    this.refreshEnabled = enabled;
  }

  /** `app` → `app:<appId>`; an open_id → `user:<openId>`. */
  private principal(who: Who): string {
    if (who === 'app') return this.tokens.appPrincipal;
    if (!this.people.get(who)) throw new RangeError(`no user ${who}`);
    return `user:${who}`;
  }

  get tenantUrl(): string {
    return this.routeState.tenantUrl;
  }

  folderTree(token?: string): FolderTree | undefined {
    return this.drive.tree(token);
  }

  publicSettings(token: string): Record<string, string> {
    return this.permissions.publicOf(token);
  }

  collaborators(token: string): Collaborator[] {
    return collaboratorsOf(this.drive, this.permissions, token);
  }

  addMediaParent(token?: string): string {
    return this.drive.addMediaParent(token);
  }

  getFile(fileToken: string): StoredFile | undefined {
    return this.drive.get(fileToken);
  }

  listFiles(): StoredFile[] {
    return this.drive.list();
  }

  createDocument(options: { title?: string; folderToken?: string } = {}): string {
    return this.documents.create(options.title, options.folderToken ?? this.drive.rootFolderToken);
  }

  deleteDocument(documentId: string): boolean {
    return this.documents.delete(documentId);
  }

  getDocument(documentId: string): DocxDocument | undefined {
    return this.documents.view(documentId);
  }

  listDocuments(): { documentId: string; title: string; folderToken: string; revisionId: number; blocks: number }[] {
    return this.documents.list();
  }

  addWikiNode(node: { objType: string; objToken?: string; title?: string }): WikiNode {
    const title = node.title ?? 'Untitled';
    const objToken = node.objToken ?? (node.objType === 'docx' ? this.documents.create(title) : newDriveToken());
    return this.wiki.add({ objType: node.objType, objToken, title });
  }

  failNextImport(jobStatus: number, message?: string): void {
    this.imports.failNext(jobStatus, message);
  }

  stats(): EmulatorStats {
    const { openBytes, ...sessions } = this.sessions.counts();
    return {
      calls: { ...this.calls },
      codes: { ...this.codes },
      faults: { ...this.firedFaults },
      connections: this.connections,
      uploadSessions: sessions,
      faultsByEndpoint: { ...this.faultsByEndpoint },
      uploadBytes: this.uploadBytes.snapshot(openBytes),
    };
  }

  violations(): Violation[] {
    return [...this.rules.violations(), ...this.docxLimits.violations(), ...this.apiLimits.violations()].sort((a, b) => a.at - b.at);
  }

  setShaping(shaping: Shaping): void {
    this.shaping = { ...shaping };
  }

  injectFault(fault: Fault): void {
    this.faults.add(fault);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  rotateSecret(newSecret: string): void {
    this.tokens.rotateSecret(newSecret);
  }

  expireTokens(): void {
    this.tokens.expireAll();
  }

  expireUploads(): void {
    this.sessions.expireAll();
  }

  reset(): void {
    this.drive.clearFiles();
    void this.sessions.clear();
    this.imports.clear();
    this.rules.reset();
    this.docxLimits.reset();
    this.apiLimits.reset();
    this.faults.clear();
    this.calls = {};
    this.codes = {};
    this.firedFaults = {};
    this.faultsByEndpoint = {};
    this.uploadBytes.reset();
    this.connections = 0;
  }

  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    this.timers.cancelAll();
    await closed;
    await this.sessions.dispose();
  }

  private async dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const [path, search = ''] = (req.url ?? '/').split('?');
    try {
      if (path.startsWith(OPEN_API_PREFIX)) await this.openApi(req, res, path.slice(OPEN_API_PREFIX.length), new URLSearchParams(search));
      else if (path.startsWith(ACCOUNTS_PREFIX)) await this.openApi(req, res, path.slice(1), new URLSearchParams(search));
      else if (path.startsWith('/__emulator/')) await handleControl(req, res, this, path);
      else if (req.method === 'GET' && serveDocumentPage(path, this.documents, this.drive, res)) return;
      else this.write(res, plainText(404, '404 page not found'), newLogId());
    } catch (error) {
      this.log(`emulator error on ${req.method} ${path}: ${String(error)}`);
      if (!res.headersSent && !res.destroyed) this.write(res, plainText(500, 'emulator error'), newLogId());
    }
  }

  private async openApi(req: IncomingMessage, res: ServerResponse, endpoint: string, query: URLSearchParams): Promise<void> {
    const logId = newLogId();
    const arrived = Date.now();
    const respond = async (reply: Reply): Promise<void> => {
      await this.timers.sleep(this.shaping.latencyMs ?? 0);
      this.write(res, reply, logId);
      const code = replyCode(reply);
      if (code !== undefined) this.codes[code] = (this.codes[code] ?? 0) + 1;
      this.log(`${req.method} ${endpoint} -> ${reply.status}${code === undefined ? '' : ` code=${code}`} ${Date.now() - arrived} ms ${logId}`);
    };
    this.calls[endpoint] = (this.calls[endpoint] ?? 0) + 1;
    // Byte accounting (UploadBytes.ts) for the calls that carry file bytes.
    const counted = carriesFileBytes(endpoint);
    let got = 0;
    const onBytes = counted
      ? (n: number): void => {
          got += n;
          this.uploadBytes.received += n;
        }
      : undefined;
    const account = (share: 'faulted' | 'refused' | 'aborted'): void => {
      if (counted) this.uploadBytes[share] += got;
    };
    /** A refusal after reading (and dropping) the body. */
    const refuse = async (reply: Reply): Promise<void> => {
      const drained = await this.drain(req, onBytes);
      account(drained ? 'refused' : 'aborted');
      if (drained) await respond(reply);
    };

    const route = findRoute(this.routeState, req.method, endpoint);
    let fault = this.faults.take(endpoint, isUploadEndpoint(endpoint), req.method);
    if (fault) {
      this.firedFaults[fault.kind] = (this.firedFaults[fault.kind] ?? 0) + 1;
      const where = `${fault.kind} ${endpoint}`;
      this.faultsByEndpoint[where] = (this.faultsByEndpoint[where] ?? 0) + 1;
      this.log(`fault ${fault.kind} on ${req.method} ${endpoint}`);
    }
    if (fault?.kind === 'tokenExpired') {
      this.tokens.expireAll();
      fault = undefined;
    }
    if (fault && fault.kind !== 'uploadIdExpired' && fault.kind !== 'dropAnswer') {
      await this.runFault(fault, req, respond, endpoint, onBytes);
      account('faulted');
      return;
    }
    if (!route) return refuse(plainText(404, '404 page not found'));

    let identity = '';
    if (route.auth) {
      const check = this.tokens.authorize(req.headers.authorization);
      if (!check.ok) return refuse(failure(check.code, { message: check.message }));
      identity = check.identity;
      const granted = check.scopes;
      if (route.scopes && granted && !route.scopes.some((s) => granted.includes(s))) {
        const violations = route.scopes.map((s) => ({ type: 'action_scope_required', subject: s, description: `the user has not granted ${s}` }));
        return refuse(failure(99991679, { message: `needs one of: ${route.scopes.join(', ')}`, error: { permission_violations: violations } }));
      }
    }

    if (route.upload) {
      const admission = this.rules.admit(endpoint);
      if (!admission.ok) {
        this.log(`violation ${admission.violation.reason} on ${endpoint}: ${admission.violation.detail}`);
        return refuse(failure(1061045, { message: admission.violation.detail }));
      }
      // The slot is held from arrival until the response is written, or the connection dies.
      res.once('finish', admission.release);
      res.once('close', admission.release);
    }

    if (route.limited !== undefined) {
      const admission = this.apiLimits.admit(route.limited, endpoint);
      if (!admission.ok) {
        this.log(`violation ${admission.violation.reason} on ${endpoint}: ${admission.violation.detail}`);
        const headers = { 'x-ogw-ratelimit-limit': String(admission.window.calls), 'x-ogw-ratelimit-reset': String(Math.ceil(admission.window.windowMs / 1000)) };
        // The members API answers with its own code (docs/feishu/limits.md §4); the others with the gateway's.
        const code = route.limited === 'members' ? 1063006 : 99991400;
        return refuse(failure(code, { status: 429, headers, message: admission.violation.detail }));
      }
    }

    if (route.docxWrite !== undefined) {
      const admission = this.docxLimits.admit(route.docxWrite, endpoint);
      if (!admission.ok) {
        this.log(`violation ${admission.violation.reason} on ${endpoint}: ${admission.violation.detail}`);
        const headers = { 'x-ogw-ratelimit-limit': String(this.docxLimits.perSecond), 'x-ogw-ratelimit-reset': '1' };
        return refuse(failure(99991400, { status: admission.status, headers, message: admission.violation.detail }));
      }
    }

    const body = await readBody(req, { maxBytes: this.maxBodyBytes, link: this.link, timers: this.timers, onBytes });
    if (!body) {
      account('aborted');
      return;
    }
    let reply: Reply;
    try {
      reply = await route.handle({
        body,
        contentType: req.headers['content-type'],
        query,
        identity,
        expireSessionFirst: fault?.kind === 'uploadIdExpired',
        authorization: req.headers.authorization,
      });
    } catch (error) {
      reply = failure(1061001, { message: `emulator error: ${String(error)}` });
    }
    const code = replyCode(reply);
    if (code !== undefined && code !== 0) account('refused');
    if (fault?.kind === 'dropAnswer') {
      // Handled, stored, and the answer lost on the way back: the client cannot know it worked.
      if (reply.kind === 'json' && reply.stored !== undefined) this.uploadBytes.answerDropped += reply.stored;
      this.log(`${req.method} ${endpoint} -> answer dropped ${Date.now() - arrived} ms ${logId}`);
      req.socket.destroy();
      return;
    }
    return respond(reply);
  }

  /** Faulted calls skip auth and the rules and never store anything. */
  private async runFault(fault: Fault, req: IncomingMessage, respond: (reply: Reply) => Promise<void>, endpoint: string, onBytes?: (n: number) => void): Promise<void> {
    switch (fault.kind) {
      case 'reset': {
        const declared = Number(req.headers['content-length'] ?? NaN);
        const defaultAfter = Number.isFinite(declared) ? Math.min(RESET_DEFAULT_AFTER_BYTES, Math.floor(declared / 2)) : 1;
        await readBody(req, { maxBytes: 0, link: this.link, timers: this.timers, destroyAfterBytes: Math.max(1, fault.afterBytes ?? defaultAfter), onBytes });
        return;
      }
      case 'http500':
        if (await this.drain(req, onBytes)) await respond(plainText(500, 'Internal Server Error'));
        return;
      case 'code': {
        // The token endpoint answers flat OAuth bodies; everything else the usual envelope.
        const reply =
          endpoint === 'authen/v2/oauth/token'
            ? oauthFailure({ code: fault.code, error: 'server_error', description: fault.msg ?? 'injected' })
            : failure(fault.code, { status: fault.status, msg: fault.msg });
        if (fault.status !== undefined) reply.status = fault.status;
        if (await this.drain(req, onBytes)) await respond(reply);
        return;
      }
      case 'rateLimit': {
        const headers = { 'x-ogw-ratelimit-limit': '5', 'x-ogw-ratelimit-reset': String(fault.resetSeconds ?? 1) };
        if (await this.drain(req, onBytes)) await respond(failure(99991400, { status: 429, headers }));
        return;
      }
      case 'stall':
        // Without `ms` the call is never answered; the client's own timeout has to end it.
        if ((await this.drain(req, onBytes)) && fault.ms !== undefined) {
          await this.timers.sleep(fault.ms);
          await respond(failure(1061006, { message: `stalled ${fault.ms} ms` }));
        }
        return;
      default:
        return;
    }
  }

  /** Reads and drops a body (shaped like any other) so the connection stays usable. */
  private async drain(req: IncomingMessage, onBytes?: (n: number) => void): Promise<Body | undefined> {
    return readBody(req, { maxBytes: 0, link: this.link, timers: this.timers, onBytes });
  }

  private write(res: ServerResponse, reply: Reply, logId: string): void {
    if (res.destroyed || res.writableEnded) return;
    let payload: string | Buffer;
    let contentType: string;
    if (reply.kind === 'json') {
      const body = { ...reply.body };
      if (typeof body.error === 'object' && body.error !== null) body.error = { log_id: logId, ...body.error };
      payload = JSON.stringify(body);
      contentType = 'application/json; charset=utf-8';
    } else {
      payload = reply.body;
      contentType = reply.contentType;
    }
    res.writeHead(reply.status, {
      ...reply.headers,
      'Content-Type': contentType,
      'Content-Length': Buffer.byteLength(payload),
      'X-Tt-Logid': logId,
    });
    res.end(payload);
  }
}

function positive(name: string, value: number): number {
  if (!(typeof value === 'number' && Number.isFinite(value) && value > 0)) throw new RangeError(`${name} must be a positive number, got ${value}`);
  return value;
}
