// What the accounts service remembers about signed-in users (docs/feishu/auth.md §4-§10): authorization codes
// (5 min, single use, bound to client, redirect URI and PKCE challenge), grants, user access tokens, rotating
// single-use refresh tokens, and device codes. Time comes from the emulator's clock, so tests can move it.
import { createHash, randomBytes } from 'node:crypto';
import { randomAlphanumeric } from './ids';

export interface OAuthSettings {
  /** Life of a user access token, in ms. */
  accessTtlMs: number;
  /** Life of a refresh token, in ms. */
  refreshTtlMs: number;
  /** Life of a device code, in ms. */
  deviceTtlMs: number;
  /** The polling interval a device authorization asks for, in ms. */
  deviceIntervalMs: number;
}

/** Authorization codes live 5 minutes (auth.md §4). */
const CODE_TTL_MS = 5 * 60 * 1000;
/** After a refresh the previous access token keeps working about one more minute (auth.md §7). */
const OLD_ACCESS_GRACE_MS = 60 * 1000;
/** slow_down adds 5 s to the interval (auth.md §10.2). */
const SLOW_DOWN_STEP_MS = 5000;

export interface TokenSet {
  accessToken: string;
  refreshToken?: string;
  /** Seconds. */
  expiresIn: number;
  refreshExpiresIn?: number;
  scope: string;
}

/**
 * A refusal of the token endpoint: Feishu's numeric code plus the OAuth `error` word. Device-flow polling answers
 * carry only the word: which numeric codes Feishu sends with them is not documented (auth.md §10, UNCONFIRMED).
 */
export interface OAuthRefusal {
  code?: number;
  error: string;
  description: string;
}

interface Grant {
  clientId: string;
  openId: string;
  scopes: readonly string[];
  revoked: boolean;
}

interface AccessRecord {
  grant: Grant;
  expiresAt: number;
}

interface RefreshRecord {
  grant: Grant;
  expiresAt: number;
  used: boolean;
}

interface CodeRecord {
  clientId: string;
  openId: string;
  redirectUri: string;
  scopes: readonly string[];
  challenge?: string;
  method: 'S256' | 'plain';
  expiresAt: number;
  used: boolean;
}

export interface DeviceRecord {
  readonly deviceCode: string;
  readonly userCode: string;
  readonly clientId: string;
  scopes: readonly string[];
  readonly expiresAt: number;
  intervalMs: number;
  lastPollAt?: number;
  status: 'pending' | 'approved' | 'denied' | 'used';
  openId?: string;
}

export type AccessCheck = { ok: true; openId: string; scopes: readonly string[] } | { ok: false; code: 99991668 | 99991677; message: string };

export class OAuthGrants {
  private readonly codes = new Map<string, CodeRecord>();
  private readonly access = new Map<string, AccessRecord>();
  private readonly refresh = new Map<string, RefreshRecord>();
  private readonly devices = new Map<string, DeviceRecord>();
  private readonly byUserCode = new Map<string, DeviceRecord>();
  private readonly consented = new Map<string, Set<string>>();

  constructor(
    private readonly now: () => number,
    readonly settings: OAuthSettings,
  ) {}

  /**
   * Scopes accumulate across grants (auth.md §4): what this user granted this app before, plus these.
   * offline_access (a refresh token) only when this request asks for it.
   */
  consent(clientId: string, openId: string, scopes: readonly string[]): readonly string[] {
    const key = `${clientId}:${openId}`;
    const all = this.consented.get(key) ?? new Set<string>();
    for (const s of scopes) if (s !== 'offline_access') all.add(s);
    this.consented.set(key, all);
    return [...scopes, ...[...all].filter((s) => !scopes.includes(s))];
  }

  newCode(record: Omit<CodeRecord, 'expiresAt' | 'used'>): string {
    const code = randomAlphanumeric(43);
    this.codes.set(code, { ...record, expiresAt: this.now() + CODE_TTL_MS, used: false });
    return code;
  }

  /** The authorization_code grant's checks, in the order Feishu's codes suggest (auth.md §9). */
  redeemCode(code: string, clientId: string, redirectUri: string | undefined, verifier: string | undefined): TokenSet | OAuthRefusal {
    const record = this.codes.get(code);
    if (!record) return refusal(20003, 'invalid_grant', 'authorization code not found');
    if (record.used) return refusal(20065, 'invalid_grant', 'authorization code has been used');
    if (record.expiresAt <= this.now()) return refusal(20004, 'invalid_grant', 'authorization code has expired');
    if (record.clientId !== clientId) return refusal(20024, 'invalid_grant', 'the code was issued to another client_id');
    if (redirectUri !== record.redirectUri) return refusal(20071, 'invalid_grant', 'redirect_uri does not match the one of the authorization request');
    if (record.challenge !== undefined && !pkceMatches(record.challenge, record.method, verifier)) {
      return refusal(20049, 'invalid_grant', 'code_verifier does not match code_challenge');
    }
    record.used = true;
    return this.issue({ clientId, openId: record.openId, scopes: record.scopes, revoked: false });
  }

  /** Rotation: the refresh token is spent, a new pair comes back, the old access token lives one more minute. */
  refreshGrant(token: string, clientId: string): TokenSet | OAuthRefusal {
    const record = this.refresh.get(token);
    if (!record) return refusal(20026, 'invalid_grant', 'refresh token is invalid');
    if (record.grant.clientId !== clientId) return refusal(20024, 'invalid_grant', 'the refresh token was issued to another client_id');
    if (record.grant.revoked) return refusal(20064, 'invalid_grant', 'refresh token has been revoked');
    if (record.used) return refusal(20073, 'invalid_grant', 'refresh token has already been used');
    if (record.expiresAt <= this.now()) return refusal(20037, 'invalid_grant', 'refresh token has expired');
    record.used = true;
    const graceUntil = this.now() + OLD_ACCESS_GRACE_MS;
    for (const a of this.access.values()) if (a.grant === record.grant) a.expiresAt = Math.min(a.expiresAt, graceUntil);
    return this.issue(record.grant);
  }

  /** Narrowing with the optional `scope` parameter: 20067 for a duplicate, 20068 for one not granted. */
  static narrow(granted: readonly string[], requested: string | undefined): readonly string[] | OAuthRefusal {
    if (requested === undefined || requested.trim() === '') return granted;
    const asked = requested.trim().split(/\s+/);
    if (new Set(asked).size !== asked.length) return refusal(20067, 'invalid_scope', 'a scope is listed twice');
    const missing = asked.filter((s) => !granted.includes(s));
    if (missing.length > 0) return refusal(20068, 'invalid_scope', `scope not granted: ${missing.join(' ')}`);
    return asked;
  }

  checkAccess(token: string): AccessCheck | undefined {
    const record = this.access.get(token);
    if (!record) return undefined;
    if (record.grant.revoked) return { ok: false, code: 99991668, message: 'user access token has been revoked' };
    if (record.expiresAt <= this.now()) return { ok: false, code: 99991677, message: 'user access token expired' };
    return { ok: true, openId: record.grant.openId, scopes: record.grant.scopes };
  }

  newDevice(clientId: string, scopes: readonly string[]): DeviceRecord {
    const userCode = `${randomLetters(4)}-${randomLetters(4)}`;
    const record: DeviceRecord = {
      deviceCode: randomAlphanumeric(43),
      userCode,
      clientId,
      scopes,
      expiresAt: this.now() + this.settings.deviceTtlMs,
      intervalMs: this.settings.deviceIntervalMs,
      status: 'pending',
    };
    this.devices.set(record.deviceCode, record);
    this.byUserCode.set(userCode, record);
    return record;
  }

  deviceByUserCode(userCode: string): DeviceRecord | undefined {
    const record = this.byUserCode.get(userCode.trim().toUpperCase());
    return record && record.expiresAt > this.now() && record.status === 'pending' ? record : undefined;
  }

  decideDevice(record: DeviceRecord, openId: string, approve: boolean): void {
    record.status = approve ? 'approved' : 'denied';
    record.openId = openId;
    if (approve) record.scopes = this.consent(record.clientId, openId, record.scopes);
  }

  /** One poll of the device_code grant (RFC 8628 §3.5 words, as larksuite/cli reads them: auth.md §10.2). */
  pollDevice(deviceCode: string, clientId: string): TokenSet | OAuthRefusal {
    const record = this.devices.get(deviceCode);
    if (!record || record.clientId !== clientId || record.status === 'used') return refusal(undefined, 'invalid_grant', 'device code not found');
    const now = this.now();
    if (record.expiresAt <= now) return refusal(undefined, 'expired_token', 'the device code has expired');
    if (record.status === 'denied') return refusal(undefined, 'access_denied', 'the user denied the request');
    const tooSoon = record.lastPollAt !== undefined && now - record.lastPollAt < record.intervalMs;
    record.lastPollAt = now;
    if (record.status === 'pending') {
      if (tooSoon) {
        record.intervalMs += SLOW_DOWN_STEP_MS;
        return refusal(undefined, 'slow_down', `polling too fast; wait ${record.intervalMs / 1000} s between polls`);
      }
      return refusal(undefined, 'authorization_pending', 'the user has not yet approved the request');
    }
    record.status = 'used';
    return this.issue({ clientId, openId: record.openId!, scopes: record.scopes, revoked: false });
  }

  /** Access tokens of one user (or everyone) stop working: the next call gets 99991677. */
  expireAccess(openId?: string): number {
    let n = 0;
    for (const a of this.access.values()) {
      if (openId === undefined || a.grant.openId === openId) {
        a.expiresAt = Math.min(a.expiresAt, this.now());
        n++;
      }
    }
    return n;
  }

  /** Refresh tokens of one user (or everyone) expire: the next refresh gets 20037. */
  expireRefresh(openId?: string): number {
    let n = 0;
    for (const r of this.refresh.values()) {
      if (openId === undefined || r.grant.openId === openId) {
        r.expiresAt = Math.min(r.expiresAt, this.now());
        n++;
      }
    }
    return n;
  }

  /** The user withdrew consent (or an admin did): access tokens get 99991668, refresh tokens 20064. */
  revoke(openId?: string): number {
    const grants = new Set<Grant>();
    for (const r of this.refresh.values()) if (openId === undefined || r.grant.openId === openId) grants.add(r.grant);
    for (const a of this.access.values()) if (openId === undefined || a.grant.openId === openId) grants.add(a.grant);
    for (const g of grants) g.revoked = true;
    return grants.size;
  }

  private issue(grant: Grant): TokenSet {
    const accessToken = userToken('access', grant.openId);
    this.access.set(accessToken, { grant, expiresAt: this.now() + this.settings.accessTtlMs });
    const offline = grant.scopes.includes('offline_access');
    const set: TokenSet = { accessToken, expiresIn: Math.ceil(this.settings.accessTtlMs / 1000), scope: grant.scopes.join(' ') };
    if (offline) {
      const refreshToken = userToken('refresh', grant.openId);
      this.refresh.set(refreshToken, { grant, expiresAt: this.now() + this.settings.refreshTtlMs, used: false });
      set.refreshToken = refreshToken;
      set.refreshExpiresIn = Math.ceil(this.settings.refreshTtlMs / 1000);
    }
    return set;
  }
}

export function isRefusal(value: unknown): value is OAuthRefusal {
  return typeof value === 'object' && value !== null && 'error' in value;
}

function refusal(code: number | undefined, error: string, description: string): OAuthRefusal {
  return { code, error, description };
}

function pkceMatches(challenge: string, method: 'S256' | 'plain', verifier: string | undefined): boolean {
  if (verifier === undefined || !/^[A-Za-z0-9._~-]{43,128}$/.test(verifier)) return false;
  const expected = method === 'S256' ? createHash('sha256').update(verifier).digest('base64url') : verifier;
  return expected === challenge;
}

/** v2 user tokens are JWTs (`eyJ…`, 1-2 KB; auth.md §6.2, §12): so are these, with a random signature. */
function userToken(kind: 'access' | 'refresh', openId: string): string {
  const part = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  const header = part({ alg: 'ES256', typ: 'JWT', kid: 'emulator' });
  const payload = part({ typ: kind, sub: openId, jti: randomAlphanumeric(24), iat: Math.floor(Date.now() / 1000), aud: 'feishu-emulator', pad: randomAlphanumeric(600) });
  return `${header}.${payload}.${randomBytes(64).toString('base64url')}`;
}

function randomLetters(n: number): string {
  // No 0/O or 1/I: a person copies it by eye.
  const letters = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  let out = '';
  const bytes = randomBytes(n);
  for (let i = 0; i < n; i++) out += letters[bytes[i] % letters.length];
  return out;
}
