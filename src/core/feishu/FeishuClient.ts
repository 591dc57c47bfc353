import type { AxiosInstance, AxiosResponse } from 'axios';
import FormData from 'form-data';
import { FeishuError } from '../errors/FeishuError';
import { CallGate } from '../limits/CallGate';
import { systemClock, type Clock } from '../limits/Clock';
import { withFreshToken, type FetchedToken, type TokenProvider } from './auth';
import { createHttp, dispatchReporting, headerValue, transportError } from './http';
import type {
  DeviceAuthorizationBody,
  Envelope,
  FileTokenResponse,
  OAuthTokenBody,
  PrepareRequest,
  PrepareResponse,
  RootFolderMeta,
  TenantTokenResponse,
  UploadApi,
  UserInfoData,
} from './wire';

/** One line per HTTP exchange, for the extension's log and the CLI's --verbose; never a token. */
export interface CallInfo {
  method: string;
  endpoint: string;
  httpStatus?: number;
  /** Feishu's code, or our code when no usable answer came. */
  code?: number | string;
  logId?: string;
  ms: number;
}

export interface FeishuClientOptions {
  /** Open API base without /open-apis, from resolveBaseUrl(). */
  baseUrl: string;
  /** Bearer tokens; absent only for a client that just fetches tenant tokens. */
  tokens?: TokenProvider;
  clock?: Clock;
  /** Paces upload endpoints: share one gate per app so all uploads together obey Feishu's rules. */
  gate?: CallGate;
  /** Socket idle timeout per request in ms. Default 60000. */
  idleTimeoutMs?: number;
  onCall?: (info: CallInfo) => void;
  userAgent?: string;
}

/** An answer of the accounts endpoints as sent, whatever its code: their callers read `error` words too. */
export interface OAuthAnswer<T> {
  body: T;
  httpStatus: number;
  endpoint: string;
  logId?: string;
}

/** upload_prepare's answer and when Feishu gave it. */
export interface Prepared extends PrepareResponse {
  /** Epoch ms by Feishu's clock (the answer's HTTP Date header, 1 s resolution); absent without one. */
  answeredAt?: number;
}

/** One API call as FeishuClient.call takes it. */
export interface Call {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** The path after /open-apis/, without a query; path segments already encoded. An absolute URL for the accounts host. */
  endpoint: string;
  /** Query parameters; undefined values are left out. */
  query?: Record<string, string | number | undefined>;
  json?: unknown;
  /** Built again for every attempt: a multipart body is a one-shot stream. */
  form?: () => FormData;
  /** An application/x-www-form-urlencoded body. */
  urlencoded?: Record<string, string>;
  /** HTTP Basic client credentials (device authorization), instead of a bearer token. */
  basicAuth?: { user: string; password: string };
  /** Upload endpoints go through the gate (one in flight, 5 per second each). */
  gated?: boolean;
  /**
   * For other paced calls (docx writes): waits for a slot before each attempt and returns what to call
   * when the request leaves, as RateLimiter.acquire does.
   */
  pace?: (signal?: AbortSignal) => Promise<() => void>;
  signal?: AbortSignal;
}

/** Feishu's Open API over HTTP: one method per endpoint; every answer's `code` is checked. */
export class FeishuClient {
  private readonly http: AxiosInstance;
  private readonly disposeHttp: () => void;
  private readonly clock: Clock;
  private readonly gate: CallGate;
  /** Feishu's clock minus ours, in ms, from the last answer's Date header; undefined before the first answer. */
  private serverOffsetMs?: number;

  constructor(private readonly options: FeishuClientOptions) {
    const created = createHttp(options.baseUrl, options.userAgent ?? 'feishu-upload');
    this.http = created.axios;
    this.disposeHttp = created.dispose;
    this.clock = options.clock ?? systemClock;
    this.gate = options.gate ?? new CallGate(this.clock);
  }

  dispose(): void {
    this.disposeHttp();
  }

  /**
   * Feishu's clock now, epoch ms, as the last answer's HTTP Date header tells it (1 s resolution: the estimate is
   * the middle of that second); undefined until an answer carried one. Compared with Feishu's own timestamps
   * (a listing's created_time), it cannot be fooled by a skewed local clock.
   */
  serverNow(): number | undefined {
    return this.serverOffsetMs === undefined ? undefined : Date.now() + this.serverOffsetMs;
  }

  async tenantAccessToken(appId: string, appSecret: string, signal?: AbortSignal): Promise<FetchedToken> {
    const endpoint = 'auth/v3/tenant_access_token/internal';
    const res = await this.exchange({ method: 'POST', endpoint, json: { app_id: appId, app_secret: appSecret }, signal }, undefined);
    const body = this.parse<never>(res, endpoint) as TenantTokenResponse;
    if (!body.tenant_access_token) throw new FeishuError({ code: 'BAD_RESPONSE', endpoint, detail: 'No tenant_access_token in the answer.' });
    return { token: body.tenant_access_token, expireSeconds: body.expire ?? 7200 };
  }

  /** POST authen/v2/oauth/token, no Authorization header (docs/feishu/auth.md §6): JSON, or a form for the device grant. */
  async oauthToken(fields: Record<string, string>, encoding: 'json' | 'form', signal?: AbortSignal): Promise<OAuthAnswer<OAuthTokenBody>> {
    const endpoint = 'authen/v2/oauth/token';
    const res = await this.exchange({ method: 'POST', endpoint, ...(encoding === 'json' ? { json: fields } : { urlencoded: fields }), signal }, undefined);
    return this.oauthAnswer<OAuthTokenBody>(res, endpoint);
  }

  /** POST <accounts host>/oauth/v1/device_authorization: a form with Basic client credentials (auth.md §10.1). */
  async deviceAuthorization(accountsUrl: string, fields: Record<string, string>, client: { id: string; secret: string }, signal?: AbortSignal): Promise<OAuthAnswer<DeviceAuthorizationBody>> {
    const endpoint = `${accountsUrl}/oauth/v1/device_authorization`;
    const res = await this.exchange({ method: 'POST', endpoint, urlencoded: fields, basicAuth: { user: client.id, password: client.secret }, signal }, undefined);
    return this.oauthAnswer<DeviceAuthorizationBody>(res, endpoint);
  }

  /** GET authen/v1/user_info with this user's access token (auth.md §11), before it is anyone's provider token. */
  async userInfo(accessToken: string, signal?: AbortSignal): Promise<UserInfoData> {
    const endpoint = 'authen/v1/user_info';
    const res = await this.exchange({ method: 'GET', endpoint, signal }, accessToken);
    return (this.parse<UserInfoData>(res, endpoint).data ?? {}) as UserInfoData;
  }

  async rootFolderMeta(signal?: AbortSignal): Promise<RootFolderMeta> {
    return this.call<RootFolderMeta>({ method: 'GET', endpoint: 'drive/explorer/v2/root_folder/meta', signal });
  }

  async uploadAll(api: UploadApi, form: () => FormData, signal?: AbortSignal): Promise<FileTokenResponse> {
    return this.call<FileTokenResponse>({ method: 'POST', endpoint: `drive/v1/${api}/upload_all`, form, gated: true, signal });
  }

  async uploadPrepare(api: UploadApi, body: PrepareRequest, signal?: AbortSignal): Promise<Prepared> {
    const { data, date } = await this.callWithDate<PrepareResponse>({ method: 'POST', endpoint: `drive/v1/${api}/upload_prepare`, json: body, gated: true, signal });
    return { ...data, answeredAt: date };
  }

  async uploadPart(api: UploadApi, form: () => FormData, signal?: AbortSignal): Promise<void> {
    await this.call<unknown>({ method: 'POST', endpoint: `drive/v1/${api}/upload_part`, form, gated: true, signal });
  }

  async uploadFinish(api: UploadApi, uploadId: string, blockNum: number, signal?: AbortSignal): Promise<FileTokenResponse> {
    return this.call<FileTokenResponse>({
      method: 'POST',
      endpoint: `drive/v1/${api}/upload_finish`,
      json: { upload_id: uploadId, block_num: blockNum },
      gated: true,
      signal,
    });
  }

  /** An authenticated call; a stale token is replaced and the call repeated (withFreshToken). */
  async call<T>(call: Call): Promise<T> {
    return (await this.callWithDate<T>(call)).data;
  }

  /** call(), plus the answer's HTTP Date header as epoch ms (undefined when absent or unreadable). */
  private async callWithDate<T>(call: Call): Promise<{ data: T; date?: number }> {
    const tokens = this.options.tokens;
    if (!tokens) throw new FeishuError({ code: 'NO_CREDENTIALS', endpoint: call.endpoint });
    return withFreshToken(tokens, call.signal, async (token) => {
      const send = (dispatched?: () => void): Promise<AxiosResponse<string>> => this.exchange(call, token, dispatched);
      const res = call.gated
        ? await this.gate.run(call.endpoint, send, call.signal)
        : call.pace
          ? await send(await call.pace(call.signal))
          : await send();
      const date = Date.parse(headerValue(res, 'date') ?? '');
      return { data: this.parse<T>(res, call.endpoint).data as T, date: Number.isFinite(date) ? date : undefined };
    });
  }

  /** One HTTP exchange; a transport failure becomes a FeishuError. Reports a CallInfo either way. */
  private async exchange(call: Call, token: string | undefined, dispatched?: () => void): Promise<AxiosResponse<string>> {
    const started = this.clock.now();
    const form = call.form?.();
    const headers: Record<string, string | number> = {};
    if (token !== undefined) headers.Authorization = `Bearer ${token}`;
    if (call.basicAuth) headers.Authorization = `Basic ${Buffer.from(`${call.basicAuth.user}:${call.basicAuth.password}`).toString('base64')}`;
    if (form) Object.assign(headers, form.getHeaders(), { 'Content-Length': form.getLengthSync() });
    else if (call.urlencoded) headers['Content-Type'] = 'application/x-www-form-urlencoded';
    else if (call.json !== undefined) headers['Content-Type'] = 'application/json; charset=utf-8';
    const data = form ?? (call.urlencoded ? new URLSearchParams(call.urlencoded).toString() : call.json === undefined ? undefined : JSON.stringify(call.json));
    try {
      const res = await this.http.request<string>({
        method: call.method,
        url: call.endpoint,
        params: call.query,
        data,
        headers,
        signal: call.signal,
        timeout: this.options.idleTimeoutMs ?? 60_000,
        transport: dispatched ? dispatchReporting(dispatched) : undefined,
      });
      this.report(call, started, res.status, peekCode(res.data), headerValue(res, 'x-tt-logid'));
      const date = Date.parse(headerValue(res, 'date') ?? '');
      if (Number.isFinite(date)) this.serverOffsetMs = date + 500 - Date.now();
      return res;
    } catch (err) {
      const mapped = transportError(err, call.endpoint);
      this.report(call, started, undefined, mapped.code, undefined);
      throw mapped;
    }
  }

  private report(call: Call, started: number, httpStatus: number | undefined, code: number | string | undefined, logId: string | undefined): void {
    this.options.onCall?.({ method: call.method, endpoint: call.endpoint, httpStatus, code, logId, ms: Math.round(this.clock.now() - started) });
  }

  /** A flat accounts answer as sent; only an unreadable body is an error here. */
  private oauthAnswer<T>(res: AxiosResponse<string>, endpoint: string): OAuthAnswer<T> {
    const logId = headerValue(res, 'x-tt-logid');
    let body: unknown;
    try {
      body = JSON.parse(res.data);
    } catch {
      body = undefined;
    }
    if (!body || typeof body !== 'object') {
      const serverSide = res.status >= 500 || res.status === 429;
      throw new FeishuError({ code: serverSide ? 'HTTP_ERROR' : 'BAD_RESPONSE', httpStatus: res.status, endpoint, logId });
    }
    return { body: body as T, httpStatus: res.status, endpoint, logId };
  }

  /** Checks HTTP status and Feishu's `code` (HTTP 200 can carry an error). */
  private parse<T>(res: AxiosResponse<string>, endpoint: string): Envelope<T> {
    const logIdHeader = headerValue(res, 'x-tt-logid');
    let body: Envelope<T> | undefined;
    try {
      const parsed: unknown = JSON.parse(res.data);
      if (parsed && typeof parsed === 'object') body = parsed as Envelope<T>;
    } catch {
      body = undefined;
    }
    const logId = logIdHeader ?? body?.error?.log_id;
    if (body && typeof body.code === 'number' && body.code !== 0) {
      const resetSeconds = Number(headerValue(res, 'x-ogw-ratelimit-reset'));
      const scopes = (body.error?.permission_violations ?? []).map((v) => v.subject).filter((x): x is string => typeof x === 'string' && x !== '');
      throw new FeishuError({
        scopes: scopes.length > 0 ? scopes : undefined,
        code: body.code,
        detail: body.msg ? `Feishu says: "${body.msg}".` : undefined,
        httpStatus: res.status,
        endpoint,
        logId,
        retryAfterMs: Number.isFinite(resetSeconds) && resetSeconds > 0 ? resetSeconds * 1000 : undefined,
      });
    }
    if (res.status < 200 || res.status >= 300 || !body || body.code !== 0) {
      const serverSide = res.status >= 500 || res.status === 429;
      throw new FeishuError({ code: serverSide ? 'HTTP_ERROR' : 'BAD_RESPONSE', httpStatus: res.status, endpoint, logId });
    }
    return body;
  }
}

function peekCode(text: string): number | undefined {
  const m = /"code"\s*:\s*(-?\d+)/.exec(text.slice(0, 200));
  return m ? Number(m[1]) : undefined;
}
