// docx/v1 block calls (docs/feishu/docx.md §5-§11). Writes are paced: 3 per second per app and per document
// (docs/feishu/limits.md §4).
import { FeishuError } from '../errors/FeishuError';
import type { KeyedPacer } from '../limits/KeyedPacer';
import type { Call, FeishuClient } from './FeishuClient';

/** Block types this tool reads or writes (docs/feishu/docx.md §3). */
export const BLOCK_TYPE = { page: 1, file: 23, image: 27, view: 33 } as const;

export interface WireBlock {
  block_id: string;
  block_type: number;
  parent_id?: string;
  children?: string[];
  image?: { token?: string; width?: number; height?: number };
  file?: { token?: string; name?: string };
  view?: { view_type?: number };
}

export interface WireDocument {
  document_id: string;
  revision_id?: number;
  title?: string;
}

export interface CreatedChildren {
  children?: WireBlock[];
  document_revision_id?: number;
  client_token?: string;
}

/** A new empty block: an Image block, or a File block (Feishu wraps it in a View block). */
export type NewBlock = { block_type: 27; image: Record<string, never> } | { block_type: 23; file: { token: '' } };

/** Binds an uploaded media token to its block. */
export type BlockPatch = { replace_image: { token: string } } | { replace_file: { token: string } };

/** "Latest revision": every write applies to the document as it is now. */
const LATEST = -1;

export class DocxApi {
  constructor(
    private readonly client: FeishuClient,
    /** Share one per app: Feishu counts the app's writes across all documents. */
    private readonly pacer: KeyedPacer,
  ) {}

  async document(documentId: string, signal?: AbortSignal): Promise<WireDocument> {
    const data = await this.client.call<{ document?: WireDocument }>({ method: 'GET', endpoint: documentPath(documentId), signal });
    return data.document ?? { document_id: documentId };
  }

  async block(documentId: string, blockId: string, signal?: AbortSignal): Promise<WireBlock> {
    const endpoint = blockPath(documentId, blockId);
    const data = await this.client.call<{ block?: WireBlock }>({ method: 'GET', endpoint, signal });
    if (!data.block) throw new FeishuError({ code: 'BAD_RESPONSE', endpoint, detail: 'No block in the answer.' });
    return data.block;
  }

  /** `clientToken` makes a repeated call (a retry) return the first call's blocks instead of adding more. */
  createChildren(documentId: string, parentId: string, index: number, children: NewBlock[], clientToken: string, signal?: AbortSignal): Promise<CreatedChildren> {
    return this.write<CreatedChildren>(documentId, {
      method: 'POST',
      endpoint: `${blockPath(documentId, parentId)}/children`,
      query: { document_revision_id: LATEST, client_token: clientToken },
      json: { index, children },
      signal,
    });
  }

  async patchBlock(documentId: string, blockId: string, patch: BlockPatch, signal?: AbortSignal): Promise<void> {
    await this.write<unknown>(documentId, {
      method: 'PATCH',
      endpoint: blockPath(documentId, blockId),
      query: { document_revision_id: LATEST },
      json: patch,
      signal,
    });
  }

  /** Deletes the children [startIndex, endIndex) of a block. */
  async deleteChildren(documentId: string, parentId: string, startIndex: number, endIndex: number, signal?: AbortSignal): Promise<void> {
    await this.write<unknown>(documentId, {
      method: 'DELETE',
      endpoint: `${blockPath(documentId, parentId)}/children/batch_delete`,
      query: { document_revision_id: LATEST },
      json: { start_index: startIndex, end_index: endIndex },
      signal,
    });
  }

  private write<T>(documentId: string, call: Omit<Call, 'pace'>): Promise<T> {
    return this.client.call<T>({ ...call, pace: (signal) => this.pacer.acquire(['app', `document ${documentId}`], signal) });
  }
}

function documentPath(documentId: string): string {
  return `docx/v1/documents/${encodeURIComponent(documentId)}`;
}

function blockPath(documentId: string, blockId: string): string {
  return `${documentPath(documentId)}/blocks/${encodeURIComponent(blockId)}`;
}
