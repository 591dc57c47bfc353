import { FeishuError, formatBytes, type UploadResult } from '../core';

export interface FileOutcome {
  file: string;
  result?: UploadResult & { url?: string };
  error?: unknown;
}

/** The --json line for one file. */
export function jsonLine(o: FileOutcome): string {
  if (o.result) {
    const r = o.result;
    return JSON.stringify({ file: o.file, ok: true, fileToken: r.fileToken, url: r.url ?? null, bytes: r.bytes, parts: r.parts, method: r.method, ms: r.ms });
  }
  const e = asFeishuError(o.error);
  return JSON.stringify({ file: o.file, ok: false, error: { code: e.code, category: e.category, message: e.message, hint: e.hint, logId: e.logId ?? null } });
}

/** The human line for one file. */
export function textLine(o: FileOutcome): string {
  if (o.result) {
    const r = o.result;
    const how = r.method === 'all' ? 'upload_all' : `multipart, ${r.parts} parts`;
    return `uploaded ${o.file} (${formatBytes(r.bytes)}, ${how}, ${(r.ms / 1000).toFixed(1)} s) -> ${r.url ?? r.fileToken}`;
  }
  const e = asFeishuError(o.error);
  return `failed ${o.file}: ${e.message} What to do: ${e.hint}`;
}

/** Anything thrown becomes a FeishuError so every failure is reported the same way. */
export function asFeishuError(err: unknown): FeishuError {
  if (err instanceof FeishuError) return err;
  return new FeishuError({ code: 'BAD_RESPONSE', detail: err instanceof Error ? err.message : String(err), cause: err });
}
