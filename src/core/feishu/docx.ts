// docx/v1 document and block calls (docs/feishu/docx.md §4-§11). Writes are paced: 3 per second per app and per
// document (docs/feishu/limits.md §4).
import { FeishuError } from '../errors/FeishuError';
import type { KeyedPacer } from '../limits/KeyedPacer';
import type { Call, FeishuClient } from './FeishuClient';

/**
 * Block types this tool reads or writes (docs/feishu/docx.md §3). Each block's payload sits under the key named
 * like the type here (`text`, `heading1`, `quote_container`, …).
 */
export const BLOCK_TYPE = {
  page: 1,
  text: 2,
  heading1: 3,
  heading2: 4,
  heading3: 5,
  heading4: 6,
  heading5: 7,
  heading6: 8,
  heading7: 9,
  heading8: 10,
  heading9: 11,
  bullet: 12,
  ordered: 13,
  code: 14,
  todo: 17,
  divider: 22,
  file: 23,
  image: 27,
  table: 31,
  table_cell: 32,
  view: 33,
  quote_container: 34,
} as const;

export type BlockKindName = keyof typeof BLOCK_TYPE;

export interface WireBlock {
  block_id: string;
  block_type: number;
  parent_id?: string;
  children?: string[];
  image?: { token?: string; width?: number; height?: number };
  file?: { token?: string; name?: string };
  view?: { view_type?: number };
  /** Every other payload, keyed by its kind (text, heading1, table, …). */
  [payload: string]: unknown;
}

/** A run of text in a block (docs/feishu/docx.md §3.1). */
export interface TextElement {
  text_run: { content: string; text_element_style?: TextElementStyle };
}

export interface TextElementStyle {
  bold?: boolean;
  italic?: boolean;
  strikethrough?: boolean;
  inline_code?: boolean;
  /** `url` is percent-encoded (docs/feishu/docx.md §3.1). */
  link?: { url: string };
}

/** A block to create with descendant: a temporary id, its type, its payload under its kind, its children's ids. */
export interface NewDescendant {
  block_id: string;
  block_type: number;
  children: string[];
  [payload: string]: unknown;
}

export interface InsertedDescendants {
  children?: WireBlock[];
  document_revision_id?: number;
  client_token?: string;
  /** Temporary id → real id, for every block created. */
  block_id_relations?: { temporary_block_id: string; block_id: string }[];
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

/**
 * One update of one block: bind uploaded media (with the image's size in pixels, docs/feishu/docx.md §10), or
 * replace a block's text (the page block's text is the document title).
 */
export type BlockPatch =
  | { replace_image: { token: string; width?: number; height?: number } }
  | { replace_file: { token: string } }
  | { update_text_elements: { elements: TextElement[] } };

/** Blocks per page of the block listing (docs/feishu/docx.md §5: 500 is what clients use; the maximum is UNCONFIRMED). */
export const BLOCKS_PAGE_SIZE = 500;

/** "Latest revision": every write applies to the document as it is now. */
const LATEST = -1;

export class DocxApi {
  constructor(
    private readonly client: FeishuClient,
    /** Share one per app: Feishu counts the app's writes across all documents. */
    private readonly pacer: KeyedPacer,
  ) {}

  /**
   * A new document (docs/feishu/docx.md §4) in `folderToken` (undefined: the identity's root). Not paced: it
   * is not an edit of a document. Not idempotent either, so callers must not repeat it after a lost answer.
   */
  async createDocument(title: string, folderToken: string | undefined, signal?: AbortSignal): Promise<WireDocument> {
    const endpoint = 'docx/v1/documents';
    const data = await this.client.call<{ document?: WireDocument }>({ method: 'POST', endpoint, json: { title, folder_token: folderToken ?? '' }, signal });
    if (!data.document?.document_id) throw new FeishuError({ code: 'BAD_RESPONSE', endpoint, detail: 'No document in the answer.' });
    return data.document;
  }

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

  /** Every block of the document in reading order, the page block first (docs/feishu/docx.md §5), page by page. */
  async listBlocks(documentId: string, signal?: AbortSignal): Promise<WireBlock[]> {
    const endpoint = `${documentPath(documentId)}/blocks`;
    const blocks: WireBlock[] = [];
    let pageToken: string | undefined;
    do {
      const data = await this.client.call<{ items?: WireBlock[]; page_token?: string; has_more?: boolean }>({
        method: 'GET',
        endpoint,
        query: { page_size: BLOCKS_PAGE_SIZE, page_token: pageToken, document_revision_id: LATEST },
        signal,
      });
      blocks.push(...(data.items ?? []));
      pageToken = data.has_more ? data.page_token : undefined;
      if (data.has_more && !pageToken) throw new FeishuError({ code: 'BAD_RESPONSE', endpoint, detail: 'has_more without a page_token.' });
    } while (pageToken);
    return blocks;
  }

  /**
   * Creates a tree of blocks under `parentId` at `index` in one write (docs/feishu/docx.md §8): `childrenIds` are
   * the temporary ids of the first-level blocks, `descendants` every block (at most 1000). `clientToken` makes a
   * retry after a lost answer return the first call's result instead of inserting the blocks twice.
   */
  insertDescendants(
    documentId: string,
    parentId: string,
    index: number,
    childrenIds: string[],
    descendants: NewDescendant[],
    clientToken: string,
    signal?: AbortSignal,
  ): Promise<InsertedDescendants> {
    return this.write<InsertedDescendants>(documentId, {
      method: 'POST',
      endpoint: `${blockPath(documentId, parentId)}/descendant`,
      query: { document_revision_id: LATEST, client_token: clientToken },
      // `index` goes in the body: as a query parameter Feishu ignores it (docs/feishu/docx.md §8).
      json: { children_id: childrenIds, index, descendants },
      signal,
    });
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
