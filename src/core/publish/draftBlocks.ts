// The document as we build it before it is sent: a tree of docx blocks with temporary ids
// (docs/feishu/docx.md §3, §8), each remembering the Markdown line it came from.
import { BLOCK_TYPE, type BlockKindName, type NewDescendant, type TextElement } from '../feishu/docx';

/** A local image that becomes the media of its image block. */
export interface ImageFile {
  /** Absolute path. */
  readonly path: string;
  /** Pixels to show it at (its own size, or what an <img width/height> asked for); undefined when unknown. */
  readonly width?: number;
  readonly height?: number;
}

export interface DraftBlock {
  /** Temporary id, unique within one publish; Feishu maps it to the real one (block_id_relations). */
  readonly id: string;
  readonly kind: BlockKindName;
  /** What goes under the kind's key on the wire, e.g. `{ elements, style }` for text blocks. */
  readonly payload: Record<string, unknown>;
  readonly children: DraftBlock[];
  /** The 1-based Markdown line the block comes from, for messages. */
  readonly line?: number;
  /** Image blocks only: the file to upload into it. */
  readonly image?: ImageFile;
}

/** Makes blocks with fresh temporary ids. */
export class BlockFactory {
  private count = 0;

  constructor(private readonly newId: () => string = () => `md${++this.count}`) {}

  block(kind: BlockKindName, payload: Record<string, unknown>, line: number | undefined, children: DraftBlock[] = [], image?: ImageFile): DraftBlock {
    return { id: this.newId(), kind, payload, children, line, image };
  }

  text(kind: BlockKindName, elements: TextElement[], line: number | undefined, style?: Record<string, unknown>, children: DraftBlock[] = []): DraftBlock {
    const payload: Record<string, unknown> = { elements: elements.length > 0 ? elements : [emptyRun()] };
    if (style && Object.keys(style).length > 0) payload.style = style;
    return this.block(kind, payload, line, children);
  }
}

/**
 * What an empty text block holds: one empty run. Feishu requires a child block in every table cell, so empty
 * cells need one (docs/feishu/docx.md §8); whether `elements: []` would do is UNCONFIRMED.
 */
export function emptyRun(): TextElement {
  return { text_run: { content: '' } };
}

/** Blocks in the subtree, the block itself included. */
export function subtreeSize(block: DraftBlock): number {
  let size = 1;
  for (const child of block.children) size += subtreeSize(child);
  return size;
}

/** The subtree in reading order (pre-order), the block first. */
export function flatten(blocks: readonly DraftBlock[]): DraftBlock[] {
  const out: DraftBlock[] = [];
  const visit = (b: DraftBlock): void => {
    out.push(b);
    for (const child of b.children) visit(child);
  };
  for (const b of blocks) visit(b);
  return out;
}

/** One block as descendant wants it: temporary id, type, payload under its kind, children's temporary ids. */
export function toDescendant(block: DraftBlock): NewDescendant {
  return { block_id: block.id, block_type: BLOCK_TYPE[block.kind], [block.kind]: block.payload, children: block.children.map((c) => c.id) };
}
