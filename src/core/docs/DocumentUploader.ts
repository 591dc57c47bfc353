import { randomUUID } from 'node:crypto';
import { cancelledError, FeishuError } from '../errors/FeishuError';
import { BLOCK_TYPE, type BlockPatch, type CreatedChildren, type DocxApi, type NewBlock } from '../feishu/docx';
import type { FeishuClient } from '../feishu/FeishuClient';
import { getWikiNode } from '../feishu/wiki';
import { systemClock } from '../limits/Clock';
import { retryContext, withRetry, type RetrySettings } from '../limits/retry';
import type { FileSource } from '../upload/FileSource';
import type { UploadOptions, UploadResult, Uploader } from '../upload/Uploader';
import { blockKindFor, type BlockKind } from './blockKind';
import { describeObjType, type DocumentRef } from './documentLink';

/** A document files can go into, found from what the user gave. */
export interface ResolvedDocument {
  documentId: string;
  title: string;
  /** The link the user gave (a docx or wiki link), if any: the one to open afterwards. */
  link?: string;
}

export interface InsertResult extends UploadResult {
  documentId: string;
  /** The Image block, or the File block inside its View block. */
  blockId: string;
  blockKind: BlockKind;
}

export interface DocumentUploaderOptions extends RetrySettings {
  /** Told when an empty block could not be removed after a failure (the original error is still thrown). */
  onWarning?: (message: string) => void;
}

/**
 * Puts files at the end of a docx document, one block each: create the empty block, upload the bytes as
 * media of that block, then bind the media to it. If anything fails once the block exists, the block is
 * removed again, so a failure never leaves an empty image or file in someone's document.
 */
export class DocumentUploader {
  constructor(
    private readonly client: FeishuClient,
    private readonly uploader: Uploader,
    private readonly docx: DocxApi,
    private readonly options: DocumentUploaderOptions = {},
  ) {}

  /** A docx link or id is checked (and its title read); a wiki page must turn out to be a docx. */
  async resolve(ref: DocumentRef, signal?: AbortSignal): Promise<ResolvedDocument> {
    const retry = retryContext(this.options, signal);
    if (ref.kind === 'wiki') {
      const node = await withRetry(() => getWikiNode(this.client, ref.nodeToken, signal), retry);
      if (node.obj_type !== 'docx') {
        const what = node.title ? `The wiki page "${node.title}"` : `Wiki page ${ref.nodeToken}`;
        throw new FeishuError({ code: 'NOT_A_DOCX', detail: `${what} is ${describeObjType(node.obj_type)}.` });
      }
      return { documentId: node.obj_token, title: node.title || node.obj_token, link: ref.link };
    }
    const document = await withRetry(() => this.docx.document(ref.documentId, signal), retry);
    return { documentId: ref.documentId, title: document.title || ref.documentId, link: ref.link };
  }

  /** Appends one file; images (by extension) as Image blocks, everything else as File blocks. */
  async insert(source: FileSource, documentId: string, options: UploadOptions = {}): Promise<InsertResult> {
    const clock = this.options.clock ?? systemClock;
    const started = clock.now();
    const { signal } = options;
    if (signal?.aborted) throw cancelledError();
    const kind = blockKindFor(source.name);
    const retry = retryContext(this.options, signal);
    const page = await withRetry(() => this.docx.block(documentId, documentId, signal), retry);
    const index = page.children?.length ?? 0;
    // One token for every attempt: a retried create returns the block the first attempt made.
    const clientToken = randomUUID();
    const created = await withRetry(() => this.docx.createChildren(documentId, documentId, index, [emptyBlock(kind)], clientToken, signal), retry);
    const placeholder = created.children?.[0]?.block_id;
    if (!placeholder) throw badAnswer(documentId, 'No block in the answer.');
    try {
      const blockId = uploadNode(created, kind, documentId);
      const upload = await this.uploader.upload(
        source,
        { kind: 'media', parentType: kind === 'image' ? 'docx_image' : 'docx_file', parentNode: blockId, extra: JSON.stringify({ drive_route_token: documentId }) },
        // The block exists for this call only (it is deleted again if the upload stops): nothing to continue later.
        { ...options, resume: 'off' },
      );
      const patch: BlockPatch = kind === 'image' ? { replace_image: { token: upload.fileToken } } : { replace_file: { token: upload.fileToken } };
      await withRetry(() => this.docx.patchBlock(documentId, blockId, patch, signal), retry);
      return { ...upload, documentId, blockId, blockKind: kind, ms: Math.round(clock.now() - started) };
    } catch (err) {
      await this.removeBlock(documentId, placeholder);
      throw err;
    }
  }

  /**
   * Deletes a top-level block by id. Its index is looked up on every attempt (batch_delete takes indexes,
   * and a retry after a lost answer must not delete whatever moved into that place). No signal: a
   * cancelled upload still cleans up after itself.
   */
  private async removeBlock(documentId: string, blockId: string): Promise<void> {
    const remove = async (): Promise<void> => {
      const page = await this.docx.block(documentId, documentId);
      const index = page.children?.indexOf(blockId) ?? -1;
      if (index >= 0) await this.docx.deleteChildren(documentId, documentId, index, index + 1);
    };
    try {
      await withRetry(remove, retryContext(this.options));
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      this.options.onWarning?.(`Could not remove the empty block ${blockId} from document ${documentId}: ${why}`);
    }
  }
}

function emptyBlock(kind: BlockKind): NewBlock {
  return kind === 'image' ? { block_type: BLOCK_TYPE.image, image: {} } : { block_type: BLOCK_TYPE.file, file: { token: '' } };
}

/** The block the media belongs to: the Image block, or for files the File block inside the View block. */
function uploadNode(created: CreatedChildren, kind: BlockKind, documentId: string): string {
  const block = created.children![0];
  if (kind === 'image' || block.block_type === BLOCK_TYPE.file) return block.block_id;
  const inner = block.block_type === BLOCK_TYPE.view ? block.children?.[0] : undefined;
  if (!inner) throw badAnswer(documentId, `Block ${block.block_id} (type ${block.block_type}) holds no file block.`);
  return inner;
}

function badAnswer(documentId: string, detail: string): FeishuError {
  return new FeishuError({ code: 'BAD_RESPONSE', endpoint: `docx/v1/documents/${documentId}/blocks/${documentId}/children`, detail });
}
