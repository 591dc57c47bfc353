// Raw HTTP against the emulator, for tests of its wire format: no client code in between.
import assert from 'node:assert/strict';
import type { Emulator } from '../../src/emulator';

export interface FeishuBody {
  code?: number;
  msg?: string;
  data?: Record<string, unknown>;
  error?: { log_id?: string; message?: string; field_violations?: Array<{ field: string }> };
  [key: string]: unknown;
}

export interface Answer {
  status: number;
  headers: Headers;
  body: FeishuBody;
}

export interface CallInit {
  token?: string;
  json?: unknown;
  form?: FormData;
  method?: string;
  headers?: Record<string, string>;
  raw?: string;
}

export async function api(emu: Emulator, path: string, init: CallInit = {}): Promise<Answer> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.token !== undefined) headers.Authorization = `Bearer ${init.token}`;
  let body: string | FormData | undefined = init.form ?? init.raw;
  if (init.json !== undefined) {
    headers['Content-Type'] = 'application/json; charset=utf-8';
    body = JSON.stringify(init.json);
  }
  const res = await fetch(`${emu.url}${path}`, { method: init.method ?? (body === undefined ? 'GET' : 'POST'), headers, body });
  const text = await res.text();
  let parsed: FeishuBody;
  try {
    parsed = JSON.parse(text) as FeishuBody;
  } catch {
    parsed = { text };
  }
  return { status: res.status, headers: res.headers, body: parsed };
}

export async function tenantToken(emu: Emulator): Promise<string> {
  const answer = await api(emu, '/open-apis/auth/v3/tenant_access_token/internal', { json: { app_id: emu.appId, app_secret: emu.appSecret } });
  assert.equal(answer.body.code, 0);
  return answer.body.tenant_access_token as string;
}

/** Multipart fields in order; Buffers become file parts. undefined leaves the field out. */
export function form(fields: Record<string, string | Buffer | undefined>): FormData {
  const fd = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    if (typeof value === 'string') fd.append(name, value);
    else fd.append(name, new Blob([value]), 'blob');
  }
  return fd;
}
