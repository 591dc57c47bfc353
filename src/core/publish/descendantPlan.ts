// How a tree of blocks goes into a document: as few descendant calls as possible, each within Feishu's limit
// of 1,000 blocks per call (docs/feishu/docx.md §8). Whole subtrees go together; a subtree larger than the
// limit goes in as its top block first (with the children Feishu requires at creation), then its other children
// in further calls under the block's real id.
import { FeishuError } from '../errors/FeishuError';
import { subtreeSize, type DraftBlock } from './draftBlocks';

/** Feishu's maximum of blocks per descendant call (docs/feishu/docx.md §8). */
export const MAX_BLOCKS_PER_CALL = 1000;

/** The parent of a call: the page (the document), or a block an earlier call created (by its temporary id). */
export const PAGE = '';

export interface DescendantCall {
  /** PAGE, or the temporary id of a block created by an earlier call. */
  readonly parent: string;
  /** The first-level blocks, each with the part of its subtree this call creates. */
  readonly roots: DraftBlock[];
  /** Blocks this call creates. */
  readonly blocks: number;
}

/**
 * Kinds Feishu creates only with at least one child (docs/feishu/docx.md §8 names table cells; quote containers
 * are kept with their first child too, as the editor never shows an empty one).
 */
const NEEDS_FIRST_CHILD: ReadonlySet<string> = new Set(['table_cell', 'quote_container']);

export function planDescendantCalls(blocks: readonly DraftBlock[], limit = MAX_BLOCKS_PER_CALL): DescendantCall[] {
  const calls: DescendantCall[] = [];
  const place = (parent: string, children: readonly DraftBlock[]): void => {
    let batch: DraftBlock[] = [];
    let count = 0;
    const flush = (): void => {
      if (batch.length > 0) calls.push({ parent, roots: batch, blocks: count });
      batch = [];
      count = 0;
    };
    for (const child of children) {
      const size = subtreeSize(child);
      if (size <= limit) {
        if (count + size > limit) flush();
        batch.push(child);
        count += size;
        continue;
      }
      flush();
      const { head, deferred } = split(child, limit);
      const headSize = subtreeSize(head);
      if (headSize > limit) {
        throw new FeishuError({ code: 'BLOCK_TOO_LARGE', detail: `The table at line ${child.line ?? '?'} needs ${headSize} blocks.` });
      }
      calls.push({ parent, roots: [head], blocks: headSize });
      for (const d of deferred) place(d.parent, d.children);
    }
    flush();
  };
  place(PAGE, blocks);
  return calls;
}

interface Split {
  /** The block with only the children that must be created with it. */
  head: DraftBlock;
  /** The rest, to be added under already created blocks, in order. */
  deferred: { parent: string; children: DraftBlock[] }[];
}

/** Cuts an oversized subtree into what must go in one call and what can follow. */
function split(block: DraftBlock, limit: number): Split {
  const deferred: Split['deferred'] = [];
  let kept: DraftBlock[] = [];
  if (block.kind === 'table') {
    // A table is created with all its cells, and every cell with its first child.
    kept = block.children.map((cell) => {
      const s = split(cell, limit);
      deferred.push(...s.deferred);
      return s.head;
    });
  } else if (NEEDS_FIRST_CHILD.has(block.kind) && block.children.length > 0) {
    const [first, ...rest] = block.children;
    const s = subtreeSize(first) <= limit ? { head: first, deferred: [] } : split(first, limit);
    kept = [s.head];
    deferred.push(...s.deferred);
    if (rest.length > 0) deferred.push({ parent: block.id, children: rest });
  } else if (block.children.length > 0) {
    deferred.push({ parent: block.id, children: block.children });
  }
  return { head: { ...block, children: kept }, deferred };
}
