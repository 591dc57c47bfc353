import { FeishuError, formatBytes, type ImportResult, type InsertResult, type UploadResult } from '../core';
import type { Outcome, OutcomeLines } from './eachFile';

/** An upload to a folder or as media; into a document it also names the document and block. */
export type UploadReport = UploadResult & { url?: string } & Partial<Pick<InsertResult, 'documentId' | 'blockId' | 'blockKind'>>;

export const UPLOAD_LINES: OutcomeLines<UploadReport> = {
  verb: 'uploaded',
  json: (o) => {
    const r = o.result;
    if (!r) return failureJson(o);
    const document = r.documentId === undefined ? {} : { documentId: r.documentId, blockId: r.blockId };
    return JSON.stringify({ file: o.file, ok: true, fileToken: r.fileToken, url: r.url ?? null, bytes: r.bytes, parts: r.parts, method: r.method, ms: r.ms, ...document });
  },
  text: (o) => {
    const r = o.result;
    if (!r) return failureText(o);
    const how = [r.method === 'all' ? 'upload_all' : `multipart, ${r.parts} parts`, ...(r.blockKind ? [`${r.blockKind} block`] : [])].join(', ');
    return `uploaded ${o.file} (${formatBytes(r.bytes)}, ${how}, ${seconds(r.ms)}) -> ${r.url ?? r.fileToken}`;
  },
};

export const IMPORT_LINES: OutcomeLines<ImportResult> = {
  verb: 'imported',
  json: (o) => {
    const r = o.result;
    return r ? JSON.stringify({ file: o.file, ok: true, token: r.token, url: r.url, type: r.type, ms: r.ms }) : failureJson(o);
  },
  text: (o) => {
    const r = o.result;
    if (!r) return failureText(o);
    const notes = r.notes.length > 0 ? ` (Feishu notes: ${r.notes.join(', ')})` : '';
    return `imported ${o.file} as ${r.type} (${formatBytes(r.bytes)}, ${seconds(r.ms)}) -> ${r.url}${notes}`;
  },
};

function failureJson(o: Outcome<unknown>): string {
  const e = asFeishuError(o.error);
  return JSON.stringify({ file: o.file, ok: false, error: { code: e.code, category: e.category, message: e.message, hint: e.hint, logId: e.logId ?? null } });
}

function failureText(o: Outcome<unknown>): string {
  const e = asFeishuError(o.error);
  return `failed ${o.file}: ${e.message} What to do: ${e.hint}`;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** Anything thrown becomes a FeishuError so every failure is reported the same way. */
export function asFeishuError(err: unknown): FeishuError {
  if (err instanceof FeishuError) return err;
  return new FeishuError({ code: 'BAD_RESPONSE', detail: err instanceof Error ? err.message : String(err), cause: err });
}
