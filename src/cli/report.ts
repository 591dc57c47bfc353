import { FeishuError, formatBytes, type ImportResult, type InsertResult, type Translate, type UploadResult } from '../core';
import { describeError } from './i18n';
import type { Outcome, OutcomeLines } from './eachFile';

/** An upload to a folder or as media; into a document it also names the document and block. */
export type UploadReport = UploadResult & { url?: string } & Partial<Pick<InsertResult, 'documentId' | 'blockId' | 'blockKind'>>;

export const UPLOAD_LINES: OutcomeLines<UploadReport> = {
  interrupted: (t, done, total, rest) => t('Interrupted: {0} of {1} uploaded; not uploaded: {2}', done, total, rest),
  json: (o) => {
    const r = o.result;
    if (!r) return failureJson(o);
    const document = r.documentId === undefined ? {} : { documentId: r.documentId, blockId: r.blockId };
    return JSON.stringify({ file: o.file, ok: true, fileToken: r.fileToken, url: r.url ?? null, bytes: r.bytes, parts: r.parts, method: r.method, ms: r.ms, ...document });
  },
  text: (o, t) => {
    const r = o.result;
    if (!r) return failureText(o, t);
    const kind = r.blockKind === undefined ? [] : [r.blockKind === 'image' ? t('image block') : t('file block')];
    const how = [r.method === 'all' ? 'upload_all' : t('multipart, {0} parts', r.parts), ...kind].join(', ');
    return t('uploaded {0} ({1}, {2}, {3}) -> {4}', o.file, formatBytes(r.bytes), how, seconds(r.ms), r.url ?? r.fileToken);
  },
};

export const IMPORT_LINES: OutcomeLines<ImportResult> = {
  interrupted: (t, done, total, rest) => t('Interrupted: {0} of {1} imported; not imported: {2}', done, total, rest),
  json: (o) => {
    const r = o.result;
    return r ? JSON.stringify({ file: o.file, ok: true, token: r.token, url: r.url, type: r.type, ms: r.ms }) : failureJson(o);
  },
  text: (o, t) => {
    const r = o.result;
    if (!r) return failureText(o, t);
    const notes = r.notes.length > 0 ? t(' (Feishu notes: {0})', r.notes.join(', ')) : '';
    return t('imported {0} as {1} ({2}, {3}) -> {4}{5}', o.file, r.type, formatBytes(r.bytes), seconds(r.ms), r.url, notes);
  },
};

function failureJson(o: Outcome<unknown>): string {
  const e = asFeishuError(o.error);
  return JSON.stringify({ file: o.file, ok: false, error: { code: e.code, category: e.category, message: e.message, hint: e.hint, logId: e.logId ?? null } });
}

function failureText(o: Outcome<unknown>, t: Translate): string {
  const e = asFeishuError(o.error);
  return t('failed {0}: {1} What to do: {2}', o.file, describeError(e, t), t(e.hint));
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** Anything thrown becomes a FeishuError so every failure is reported the same way. */
export function asFeishuError(err: unknown): FeishuError {
  if (err instanceof FeishuError) return err;
  return new FeishuError({ code: 'BAD_RESPONSE', detail: err instanceof Error ? err.message : String(err), cause: err });
}
