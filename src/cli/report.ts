import { FeishuError, formatBytes, warningText, type FollowUpProblem, type ImportResult, type InsertResult, type PublishResult, type Translate, type UploadResult } from '../core';
import { describeError } from './i18n';
import type { Outcome, OutcomeLines } from './eachFile';

/**
 * An upload to a folder (with the folder it went to, and any follow-up that failed), as media, or into a
 * document (naming the document and block). `url` is filled in once Feishu's links are known.
 */
export type UploadedReport = UploadResult & { url?: string; folder?: string; problems?: readonly FollowUpProblem[] } & Partial<
    Pick<InsertResult, 'documentId' | 'blockId' | 'blockKind'>
  >;

/** A file not uploaded because a file of its name is already in its folder (--on-conflict skip). */
export interface SkippedReport {
  readonly skipped: true;
  /** The file already there. */
  readonly fileToken: string;
  readonly folder: string;
  url?: string;
}

export type UploadReport = UploadedReport | SkippedReport;

export function isSkipped(r: UploadReport): r is SkippedReport {
  return 'skipped' in r;
}

/**
 * Upload lines. `resumedAt` gives, for a file that failed, the part its interrupted upload was continued at (0
 * when none): every --json line of a file sent (or failed) carries resumedFromPart. A skipped file's line keeps
 * exactly file, ok, skipped, fileToken, folder: nothing of it was sent, so nothing was continued.
 */
export function uploadLines(resumedAt: (file: string) => number = () => 0): OutcomeLines<UploadReport> {
  return {
    interrupted: (t, done, total, rest) => t('Interrupted: {0} of {1} uploaded; not uploaded: {2}', done, total, rest),
    json: (o) => {
      const r = o.result;
      if (!r) return failureJson(o, { resumedFromPart: resumedAt(o.file) });
      // The contract of a skipped line: exactly these fields.
      if (isSkipped(r)) return JSON.stringify({ file: o.file, ok: true, skipped: true, fileToken: r.fileToken, folder: r.folder });
      const folder = r.folder === undefined ? {} : { folder: r.folder };
      const document = r.documentId === undefined ? {} : { documentId: r.documentId, blockId: r.blockId };
      const problems = r.problems?.length ? { problems: r.problems.map(problemJson) } : {};
      return JSON.stringify({
        file: o.file,
        ok: true,
        fileToken: r.fileToken,
        url: r.url ?? null,
        ...folder,
        bytes: r.bytes,
        parts: r.parts,
        method: r.method,
        ms: r.ms,
        resumedFromPart: r.resumedFromPart,
        ...(r.recovered ? { recovered: true } : {}),
        ...document,
        ...problems,
      });
    },
    text: (o, t) => {
      const r = o.result;
      if (!r) return failureText(o, t);
      if (isSkipped(r)) return t('skipped {0}: a file of that name is already in the Feishu folder -> {1}', o.file, r.url ?? r.fileToken);
      const where = r.url ?? r.fileToken;
      if (r.recovered) return t('found {0} already in the folder: an earlier attempt had stored it, but its result was lost; not uploaded again -> {1}', o.file, where);
      const kind = r.blockKind === undefined ? [] : [r.blockKind === 'image' ? t('image block') : t('file block')];
      const resumed = r.resumedFromPart > 0 ? [t('resumed at part {0}', r.resumedFromPart)] : [];
      const how = [r.method === 'all' ? 'upload_all' : t('multipart, {0} parts', r.parts), ...resumed, ...kind].join(', ');
      return t('uploaded {0} ({1}, {2}, {3}) -> {4}', o.file, formatBytes(r.bytes), how, seconds(r.ms), where);
    },
  };
}

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

/** The line after an upload whose link sharing or user grant failed (the file itself is there). */
export function uploadWarning(o: Outcome<UploadReport>, t: Translate): string | undefined {
  const r = o.result;
  if (!r || isSkipped(r) || !r.problems?.length) return undefined;
  return r.problems
    .map((p) => {
      const e = asFeishuError(p.error);
      const step = p.step === 'linkSharing' ? t('setting its link sharing') : t('giving the signed-in user access to it');
      return t('warning: uploaded {0}, but {1} failed: {2} What to do: {3}', o.file, step, describeError(e, t), t(e.hint));
    })
    .join('\n');
}

function problemJson(p: FollowUpProblem): Record<string, unknown> {
  const e = asFeishuError(p.error);
  return { step: p.step, code: e.code, message: e.message, hint: e.hint, logId: e.logId ?? null };
}

/**
 * A publish: --json prints exactly file, ok, documentId, url, blocks, images, warnings (English lines), updated.
 * `offerNew`: a document that is gone came from this file's record (not --doc), so --new is the way on.
 */
export function publishLines(offerNew: boolean): OutcomeLines<PublishResult> {
  return {
    interrupted: (t, done, total, rest) => t('Interrupted: {0} of {1} published; not published: {2}', done, total, rest),
    json: (o) => {
      const r = o.result;
      if (!r) return failureJson(o);
      const warnings = r.warnings.map((w) => warningText(w));
      return JSON.stringify({ file: o.file, ok: true, documentId: r.documentId, url: r.url, blocks: r.blocks, images: r.images, warnings, updated: r.updated });
    },
    text: (o, t) => {
      const r = o.result;
      if (!r) {
        const gone = offerNew && o.error instanceof FeishuError && o.error.code === 'DOCUMENT_UNAVAILABLE';
        return gone ? `${failureText(o, t)} ${t('To publish it as a new document: feishu-upload publish {0} --new', o.file)}` : failureText(o, t);
      }
      const what = t('{0} blocks, {1} images, {2}', r.blocks, r.images, seconds(r.ms));
      return r.updated ? t('updated "{0}" from {1} ({2}) -> {3}', r.title, o.file, what, r.url) : t('published {0} as "{1}" ({2}) -> {3}', o.file, r.title, what, r.url);
    },
  };
}

function failureJson(o: Outcome<unknown>, extra: Record<string, unknown> = {}): string {
  const e = asFeishuError(o.error);
  return JSON.stringify({ file: o.file, ok: false, ...extra, error: { code: e.code, category: e.category, message: e.message, hint: e.hint, logId: e.logId ?? null } });
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
