// What a route hands back; the server adds X-Tt-Logid, error.log_id, shaping latency and stats.
import { codeInfo } from './codes';

export type Reply =
  /** stored: file bytes this call stored (upload_all, upload_part), for the byte accounting (UploadBytes.ts). */
  | { kind: 'json'; status: number; body: Record<string, unknown>; headers?: Record<string, string>; stored?: number }
  | { kind: 'raw'; status: number; body: string | Buffer; contentType: string; headers?: Record<string, string> };

/** Business success: `{code: 0, msg: 'success', data}`; `stored` = file bytes the call stored (UploadBytes.ts). */
export function success(data: Record<string, unknown>, stored?: number): Reply {
  return { kind: 'json', status: 200, body: { code: 0, msg: 'success', data }, stored };
}

/** Token endpoints answer with a flat body (no `data`). */
export function flatSuccess(fields: Record<string, unknown>): Reply {
  return { kind: 'json', status: 200, body: { code: 0, msg: 'ok', ...fields } };
}

export interface FailureOptions {
  /** Human detail for `error.message`; defaults to the code's msg. */
  message?: string;
  /** Overrides the documented HTTP status. */
  status?: number;
  msg?: string;
  /** Extra members of `error`, e.g. field_violations. */
  error?: Record<string, unknown>;
  headers?: Record<string, string>;
}

/** Error envelope `{code, msg, error: {log_id, message}}` with the HTTP status documented for the code. */
export function failure(code: number, options: FailureOptions = {}): Reply {
  const info = codeInfo(code);
  const msg = options.msg ?? info.msg;
  return {
    kind: 'json',
    status: options.status ?? info.status,
    body: { code, msg, error: { message: options.message ?? msg, ...options.error } },
    headers: options.headers,
  };
}

export function plainText(status: number, text: string): Reply {
  return { kind: 'raw', status, body: text, contentType: 'text/plain; charset=utf-8' };
}

/** The Feishu code a reply carries, for stats and logs. */
export function replyCode(reply: Reply): number | undefined {
  if (reply.kind !== 'json') return undefined;
  const code = reply.body.code;
  return typeof code === 'number' ? code : undefined;
}
