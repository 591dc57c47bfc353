// Publishing a file as the CLI and the extension both do it: to the document named, else to the one this file
// was published to before (by this identity, on this machine), else to a new one; and remembering where it went.
import type { ResolvedDocument } from '../docs/DocumentUploader';
import type { DocumentRef } from '../docs/documentLink';
import { FeishuError } from '../errors/FeishuError';
import { PUBLISH_NOTES } from './publishMessages';
import type { PublishRecord, PublishRecordKey, PublishRecords } from './PublishRecords';
import type { Publisher, PublishInput, PublishResult } from './Publisher';

export interface PublishContext {
  publisher: Publisher;
  records: PublishRecords;
  /** Whose and which file. */
  key: PublishRecordKey;
  /** A record could not be read or written (publishing goes on; the next publish may then make a new document). */
  onRecordProblem?: (message: string) => void;
  /** Epoch ms; default Date.now. */
  now?: () => number;
}

export type ChosenTarget =
  /** Replace this document's content; `remembered`: it is the one this file was published to before. */
  | { kind: 'update'; document: ResolvedDocument; remembered: boolean }
  | { kind: 'new' };

/**
 * `document` when given (checked); else, unless `newDocument`, the remembered document (checked: one that is gone
 * or closed to this identity throws DOCUMENT_UNAVAILABLE naming it); else a new document.
 */
export async function choosePublishTarget(ctx: PublishContext, choice: { document?: DocumentRef; newDocument?: boolean }, signal?: AbortSignal): Promise<ChosenTarget> {
  if (choice.document) return { kind: 'update', document: await ctx.publisher.checkDocument(choice.document, signal), remembered: false };
  if (choice.newDocument) return { kind: 'new' };
  const record = await readRecord(ctx);
  if (!record) return { kind: 'new' };
  const document = await ctx.publisher.checkDocument({ kind: 'docx', documentId: record.documentId, link: record.url }, signal, record.title);
  return { kind: 'update', document, remembered: true };
}

/**
 * Publishes and remembers the document for next time: as soon as a new one exists (so an incomplete one left
 * behind gets its content replaced next time), and again when done. A new document deleted after a failure is
 * forgotten again (the earlier record, if any, comes back).
 */
export async function publishAndRemember(ctx: PublishContext, input: PublishInput): Promise<PublishResult> {
  const previous = await readRecord(ctx);
  const now = ctx.now ?? Date.now;
  try {
    const result = await ctx.publisher.publish({
      ...input,
      onCreated: async (created) => {
        await input.onCreated?.(created);
        await writeRecord(ctx, { ...created, publishedAt: now() });
      },
    });
    await writeRecord(ctx, { documentId: result.documentId, title: result.title, url: result.url, publishedAt: now() });
    return result;
  } catch (err) {
    if (err instanceof FeishuError && err.note?.text === PUBLISH_NOTES.newDocumentDeleted) await writeRecord(ctx, previous);
    throw err;
  }
}

async function readRecord(ctx: PublishContext): Promise<PublishRecord | undefined> {
  try {
    return await ctx.records.get(ctx.key);
  } catch (err) {
    ctx.onRecordProblem?.(`Could not read ${ctx.records.file}: ${err instanceof Error ? err.message : String(err)}`);
    return undefined;
  }
}

/** Writes (or, for undefined, forgets) the record; a failure is reported, not thrown. */
async function writeRecord(ctx: PublishContext, record: PublishRecord | undefined): Promise<void> {
  try {
    if (record) await ctx.records.set(ctx.key, record);
    else await ctx.records.forget(ctx.key);
  } catch (err) {
    ctx.onRecordProblem?.(`Could not write ${ctx.records.file}: ${err instanceof Error ? err.message : String(err)}`);
  }
}
