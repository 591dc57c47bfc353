// Markdown file → Feishu document, new or updated in place (docs/feishu/docx.md §12.2, §12.3): convert, create
// the document (or look up the one to update), insert the blocks in calls of at most 1,000, upload each local
// image into its block and bind it with its size, and — for an update — remove the previous content last, so a
// failure never leaves an empty document. Whatever fails half-way is cleaned up, or the error says what is left.
// The link is Feishu's own (metas batch_query, through Drive's Links), and acting as the app with someone signed
// in, they get full access to the new document, as to what the app uploads (docs/feishu/drive.md §5-§6, §9).
import { randomUUID } from 'node:crypto';
import type { Drive } from '../drive/Drive';
import { codeLabel } from '../errors/catalogue';
import { cancelledError, FeishuError } from '../errors/FeishuError';
import type { DocumentUploader, ResolvedDocument } from '../docs/DocumentUploader';
import type { DocumentRef } from '../docs/documentLink';
import type { DocxApi } from '../feishu/docx';
import { systemClock } from '../limits/Clock';
import { retryContext, withRetry, type RetryContext, type RetrySettings } from '../limits/retry';
import { openFileSource } from '../upload/FileSource';
import type { Uploader } from '../upload/Uploader';
import { planDescendantCalls, PAGE } from './descendantPlan';
import { flatten, toDescendant, type DraftBlock } from './draftBlocks';
import { convertMarkdown, type ConvertedMarkdown } from './markdownToBlocks';
import { publishNote, type PublishWarning } from './publishMessages';

/** Markdown files larger than this are refused (as Feishu's own import does: docs/feishu/import.md §2), in bytes. */
export const MAX_MARKDOWN_BYTES = 20 * 1024 * 1024;

/** Extensions taken as Markdown (as VS Code's Markdown language and the import list). */
export const MARKDOWN_EXTENSIONS: readonly string[] = ['md', 'markdown', 'mdown', 'mkd', 'mkdn', 'mdwn', 'mark'];

export type PublishTarget =
  /** A new document in this folder (undefined: the identity's root, "My Space"). */
  | { kind: 'new'; folderToken?: string }
  /** Replace the content of this document (looked up first: see checkDocument). */
  | { kind: 'update'; document: ResolvedDocument };

export interface PublishInput {
  /** The Markdown text: the file's, or an editor's unsaved text. */
  markdown: string;
  /** The Markdown file: images are found relative to it; its name is the last choice for the title. */
  filePath: string;
  target: PublishTarget;
  signal?: AbortSignal;
  /** Raw progress; UIs throttle. */
  onProgress?: (progress: PublishProgress) => void;
  /**
   * A new document exists (before its content goes in): callers remember it, so that if it is left behind
   * incomplete, the next publish replaces its content rather than making another.
   */
  onCreated?: (document: { documentId: string; title: string; url: string }) => void | Promise<void>;
}

export type PublishProgress =
  | { stage: 'converting' }
  | { stage: 'blocks'; done: number; total: number }
  | { stage: 'images'; done: number; total: number }
  /** Update only: the previous content is being removed. */
  | { stage: 'finishing' };

export interface PublishResult {
  documentId: string;
  title: string;
  url: string;
  /** Blocks created, nested ones included. */
  blocks: number;
  /** Local images uploaded into the document. */
  images: number;
  /** Descendant calls it took. */
  calls: number;
  warnings: PublishWarning[];
  /** True when an existing document's content was replaced. */
  updated: boolean;
  /** Wall time, in ms. */
  ms: number;
}

export interface PublisherOptions extends RetrySettings {
  /**
   * Acting as the app with a person signed in on this machine: their open_id, made a full_access collaborator of
   * every new document, so they can open what they published (see grantee()). Undefined otherwise.
   */
  grantTo?: string;
  /** Temporary block ids (tests); default random UUIDs. */
  newId?: () => string;
  /** A problem worth a log line that is not the error being reported. */
  onWarning?: (message: string) => void;
}

/** Feishu codes that say "this document cannot be read or written by you": gone, deleted, or forbidden. */
const UNAVAILABLE_CODES: ReadonlySet<number | string> = new Set([1770002, 1770003, 1770032, 1061003, 1061004, 1061007, 1061044, 131005, 131006]);

export class Publisher {
  constructor(
    private readonly drive: Drive,
    private readonly uploader: Uploader,
    private readonly docx: DocxApi,
    private readonly documents: DocumentUploader,
    private readonly options: PublisherOptions,
  ) {}

  /** Converts only (no network): what would be published. */
  convert(markdown: string, filePath: string): Promise<ConvertedMarkdown> {
    if (Buffer.byteLength(markdown) > MAX_MARKDOWN_BYTES) throw new FeishuError({ code: 'MARKDOWN_TOO_LARGE', detail: JSON.stringify(filePath) });
    return convertMarkdown(markdown, filePath, { newId: this.options.newId ?? randomUUID });
  }

  /**
   * The document to update, with its current title. One that is gone, or that this identity may no longer
   * read, throws DOCUMENT_UNAVAILABLE (its detail names the document and Feishu's reason).
   */
  async checkDocument(ref: DocumentRef, signal?: AbortSignal, knownTitle?: string): Promise<ResolvedDocument> {
    try {
      return await this.documents.resolve(ref, signal);
    } catch (err) {
      const id = ref.kind === 'docx' ? ref.documentId : ref.nodeToken;
      throw unavailable(err, knownTitle === undefined ? `Document ${id}` : `"${knownTitle}" (${id})`) ?? err;
    }
  }

  async publish(input: PublishInput): Promise<PublishResult> {
    const clock = this.options.clock ?? systemClock;
    const started = clock.now();
    const { signal } = input;
    if (signal?.aborted) throw cancelledError();
    input.onProgress?.({ stage: 'converting' });
    const converted = await this.convert(input.markdown, input.filePath);
    if (signal?.aborted) throw cancelledError();
    const done = input.target.kind === 'new' ? await this.publishNew(converted, input, input.target.folderToken) : await this.publishUpdate(converted, input, input.target.document);
    return { ...done, blocks: converted.blockCount, images: converted.images.length, ms: Math.round(clock.now() - started) };
  }

  private async publishNew(converted: ConvertedMarkdown, input: PublishInput, folderToken: string | undefined): Promise<Omit<PublishResult, 'blocks' | 'images' | 'ms'>> {
    const document = await this.createDocument(converted.title, folderToken, input.signal);
    const documentId = document.document_id;
    const ref = { token: documentId, type: 'docx' } as const;
    // No signal for these two: they are quick, and a cancel now must not leave the document unlinked or closed
    // to the person who published it.
    const url = await this.linkOf(documentId);
    const warnings = [...converted.warnings, ...(await this.grant(documentId))];
    let calls: number;
    try {
      await input.onCreated?.({ documentId, title: document.title || converted.title, url });
      calls = await this.fill(documentId, converted, 0, [], input);
    } catch (err) {
      // Nothing half-made stays behind: the new document goes to the recycle bin again.
      const deleted = await this.quietly(`delete the unfinished document ${documentId}`, () => withRetry(() => this.drive.api.deleteFile(ref), this.retry()));
      throw noted(err, deleted ? publishNote('newDocumentDeleted') : publishNote('newDocumentLeft', url));
    }
    return { documentId, title: document.title || converted.title, url, calls, warnings, updated: false };
  }

  private async publishUpdate(converted: ConvertedMarkdown, input: PublishInput, document: ResolvedDocument): Promise<Omit<PublishResult, 'blocks' | 'images' | 'ms'>> {
    const { documentId } = document;
    const url = document.link ?? (await this.linkOf(documentId));
    const retry = this.retry(input.signal);
    let previous: string[];
    try {
      previous = (await withRetry(() => this.docx.block(documentId, documentId, input.signal), retry)).children ?? [];
    } catch (err) {
      throw unavailable(err, `"${document.title}"`) ?? err;
    }
    const inserted: string[] = [];
    let calls: number;
    try {
      // The new content goes in after the old, which is removed only once the new is complete.
      calls = await this.fill(documentId, converted, previous.length, inserted, input);
    } catch (err) {
      if (inserted.length === 0) {
        const gone = unavailable(err, `"${document.title}"`);
        if (gone) throw gone;
      }
      const undone = inserted.length === 0 || (await this.quietly(`remove the new blocks from ${documentId}`, () => this.removeBlocks(documentId, inserted)));
      throw noted(err, undone ? publishNote('updateUndone', document.title) : publishNote('updatePartial', document.title, url));
    }
    input.onProgress?.({ stage: 'finishing' });
    try {
      // No signal: stopping here would leave both contents in the document.
      await this.removeBlocks(documentId, previous);
    } catch (err) {
      throw noted(err, publishNote('oldContentLeft', document.title, url));
    }
    const warnings = [...converted.warnings];
    let title = document.title;
    if (converted.title !== document.title) {
      const renamed = await this.quietly(`rename ${documentId}`, () =>
        withRetry(() => this.docx.patchBlock(documentId, documentId, { update_text_elements: { elements: [{ text_run: { content: converted.title } }] } }), this.retry()),
      );
      if (renamed) title = converted.title;
      else warnings.push({ kind: 'titleNotUpdated', line: 0, subject: converted.title });
    }
    return { documentId, title, url, calls, warnings, updated: true };
  }

  /** Feishu's link of a document (on the tenant's domain); the brand's when Feishu gives none (Links warns). */
  private async linkOf(documentId: string): Promise<string> {
    const ref = { token: documentId, type: 'docx' };
    return (await this.drive.links.of([ref])).get(documentId) ?? this.drive.links.fallback(ref);
  }

  /** The signed-in person's full access to a new document the app made; a refusal is a warning, not a failure. */
  private async grant(documentId: string): Promise<PublishWarning[]> {
    const openId = this.options.grantTo;
    if (!openId) return [];
    try {
      await withRetry(() => this.drive.api.addUserMember({ token: documentId, type: 'docx' }, openId, 'full_access'), this.retry());
      return [];
    } catch (err) {
      this.options.onWarning?.(`Could not give the signed-in user ${openId} access to the new document ${documentId}: ${err instanceof Error ? err.message : String(err)}`);
      return [{ kind: 'accessNotGranted', line: 0, subject: openId }];
    }
  }

  /**
   * Creates the document. A lost answer may mean it was created, so only a refusal by the rate limiter (which
   * creates nothing) is retried: repeating anything else could make two documents.
   */
  private async createDocument(title: string, folderToken: string | undefined, signal?: AbortSignal): Promise<{ document_id: string; title?: string }> {
    let refused: unknown;
    const created = await withRetry(async () => {
      try {
        return await this.docx.createDocument(title, folderToken, signal);
      } catch (err) {
        if (err instanceof FeishuError && err.category === 'rate') throw err;
        refused = err;
        return undefined;
      }
    }, this.retry(signal));
    if (created) return created;
    if (refused instanceof FeishuError && UNAVAILABLE_CODES.has(refused.code)) {
      const { endpoint, logId, httpStatus } = refused;
      throw new FeishuError({ code: 'FOLDER_UNAVAILABLE', detail: `Folder ${folderToken ?? '(My Space)'} (Feishu ${codeLabel(refused.code)}).`, endpoint, logId, httpStatus, cause: refused });
    }
    throw refused;
  }

  /**
   * Inserts the blocks under the page from `index`, then uploads and binds every local image. `inserted`
   * collects the real ids of the top-level blocks as they are created (for cleaning up). Returns the calls made.
   */
  private async fill(documentId: string, converted: ConvertedMarkdown, index: number, inserted: string[], input: PublishInput): Promise<number> {
    const { signal } = input;
    const retry = this.retry(signal);
    const calls = planDescendantCalls(converted.blocks);
    const realIds = new Map<string, string>();
    const placed = new Map<string, number>();
    let blocksDone = 0;
    const total = converted.blockCount;
    if (total > 0) input.onProgress?.({ stage: 'blocks', done: 0, total });
    for (const call of calls) {
      const parent = call.parent === PAGE ? documentId : realIds.get(call.parent);
      if (!parent) throw badAnswer(documentId, `No block id came back for block ${call.parent}.`);
      const at = (call.parent === PAGE ? index : 0) + (placed.get(call.parent) ?? 0);
      const descendants = flatten(call.roots).map(toDescendant);
      const clientToken = randomUUID();
      const answer = await withRetry(
        () => this.docx.insertDescendants(documentId, parent, at, call.roots.map((r) => r.id), descendants, clientToken, signal),
        retry,
      );
      for (const relation of answer.block_id_relations ?? []) realIds.set(relation.temporary_block_id, relation.block_id);
      for (const root of call.roots) {
        const real = realIds.get(root.id);
        if (!real) throw badAnswer(documentId, `No block id came back for block ${root.id}.`);
        if (call.parent === PAGE) inserted.push(real);
      }
      placed.set(call.parent, (placed.get(call.parent) ?? 0) + call.roots.length);
      blocksDone += call.blocks;
      input.onProgress?.({ stage: 'blocks', done: blocksDone, total });
    }
    await this.uploadImages(documentId, converted.images, realIds, input);
    return calls.length;
  }

  private async uploadImages(documentId: string, images: readonly DraftBlock[], realIds: ReadonlyMap<string, string>, input: PublishInput): Promise<void> {
    const { signal } = input;
    const retry = this.retry(signal);
    if (images.length > 0) input.onProgress?.({ stage: 'images', done: 0, total: images.length });
    for (const [i, block] of images.entries()) {
      const blockId = realIds.get(block.id);
      const file = block.image!;
      if (!blockId) throw badAnswer(documentId, `No block id came back for the image at line ${block.line ?? '?'}.`);
      const source = await openFileSource(file.path);
      let token: string;
      try {
        const target = { kind: 'media' as const, parentType: 'docx_image', parentNode: blockId, extra: JSON.stringify({ drive_route_token: documentId }) };
        token = (await this.uploader.upload(source, target, { signal })).fileToken;
      } finally {
        await source.close();
      }
      await withRetry(() => this.docx.patchBlock(documentId, blockId, { replace_image: { token, width: file.width, height: file.height } }, signal), retry);
      input.onProgress?.({ stage: 'images', done: i + 1, total: images.length });
    }
  }

  /**
   * Removes top-level blocks by id. batch_delete takes index ranges, so the page is read again before every
   * delete (a retry after a lost answer must not delete what moved into the range), the last range first.
   */
  private async removeBlocks(documentId: string, ids: readonly string[]): Promise<void> {
    const wanted = new Set(ids);
    const retry = this.retry();
    for (;;) {
      const children = (await withRetry(() => this.docx.block(documentId, documentId), retry)).children ?? [];
      const range = lastRange(children, wanted);
      if (!range) return;
      await withRetry(async () => {
        const now = (await this.docx.block(documentId, documentId)).children ?? [];
        const again = lastRange(now, wanted);
        if (again) await this.docx.deleteChildren(documentId, documentId, again.start, again.end);
      }, retry);
    }
  }

  /** Runs cleanup work that must not hide the error being reported: true when it worked. */
  private async quietly(what: string, work: () => Promise<unknown>): Promise<boolean> {
    try {
      await work();
      return true;
    } catch (err) {
      this.options.onWarning?.(`Could not ${what}: ${err instanceof Error ? err.message : String(err)}`);
      return false;
    }
  }

  private retry(signal?: AbortSignal): RetryContext {
    return retryContext(this.options, signal);
  }
}

/** The last run of consecutive wanted ids among `children`, as a half-open index range. */
function lastRange(children: readonly string[], wanted: ReadonlySet<string>): { start: number; end: number } | undefined {
  let end = children.length;
  while (end > 0 && !wanted.has(children[end - 1])) end--;
  if (end === 0) return undefined;
  let start = end - 1;
  while (start > 0 && wanted.has(children[start - 1])) start--;
  return { start, end };
}

/** DOCUMENT_UNAVAILABLE for an error that says the document is gone or closed to us; undefined otherwise. */
function unavailable(err: unknown, what: string): FeishuError | undefined {
  if (!(err instanceof FeishuError) || !UNAVAILABLE_CODES.has(err.code)) return undefined;
  return new FeishuError({ code: 'DOCUMENT_UNAVAILABLE', detail: `${what} (Feishu ${codeLabel(err.code)}).`, endpoint: err.endpoint, logId: err.logId, httpStatus: err.httpStatus, cause: err });
}

/** The error with a note on what is left; a cancellation too (people should know what their Cancel left). */
function noted(err: unknown, note: ReturnType<typeof publishNote>): unknown {
  if (err instanceof FeishuError) return err.withNote(note);
  return new FeishuError({ code: 'BAD_RESPONSE', detail: err instanceof Error ? err.message : String(err), note, cause: err });
}

function badAnswer(documentId: string, detail: string): FeishuError {
  return new FeishuError({ code: 'BAD_RESPONSE', endpoint: `docx/v1/documents/${documentId}/blocks/descendant`, detail });
}
