// What a descendant call may create (docs/feishu/docx.md §3, §8): the block kinds and their payload keys, which
// kinds hold children, tables made of exactly row_size × column_size cells, cells that hold at least one block,
// text runs whose links are percent-encoded web addresses, at most 1,000 blocks per call. A request that breaks
// a rule gets the code Feishu gives (or, where Feishu's is undocumented, the nearest one; see docx.md §8).
import type { NewBlock } from './Documents';
import { failure, type Reply } from './reply';

/** How a kind holds children: any blocks, none, only table cells (tables), at least one (cells, callouts). */
type Holds = 'any' | 'none' | 'cells' | 'oneOrMore';

interface Kind {
  /** The wire key of its payload. */
  key: string;
  /** Its payload is text: `{ elements, style }`. */
  text: boolean;
  holds: Holds;
}

export const KINDS: ReadonlyMap<number, Kind> = new Map<number, Kind>([
  [2, { key: 'text', text: true, holds: 'any' }],
  ...[1, 2, 3, 4, 5, 6, 7, 8, 9].map((n): [number, Kind] => [2 + n, { key: `heading${n}`, text: true, holds: 'any' }]),
  [12, { key: 'bullet', text: true, holds: 'any' }],
  [13, { key: 'ordered', text: true, holds: 'any' }],
  [14, { key: 'code', text: true, holds: 'none' }],
  [15, { key: 'quote', text: true, holds: 'any' }],
  [17, { key: 'todo', text: true, holds: 'any' }],
  [19, { key: 'callout', text: false, holds: 'oneOrMore' }],
  [22, { key: 'divider', text: false, holds: 'none' }],
  [27, { key: 'image', text: false, holds: 'none' }],
  [31, { key: 'table', text: false, holds: 'cells' }],
  [32, { key: 'table_cell', text: false, holds: 'oneOrMore' }],
  [34, { key: 'quote_container', text: false, holds: 'any' }],
]);

const TABLE = 31;
const TABLE_CELL = 32;

/** Feishu's maximum of blocks per descendant call. */
export const MAX_DESCENDANTS = 1000;
/** Quoted maxima of one table (docs/feishu/docx.md §8, UNCONFIRMED). */
const MAX_TABLE_COLUMNS = 100;
const MAX_TABLE_CELLS = 2000;

/** Code block languages run 1 (plain text) to 75 (TOML). */
const MAX_CODE_LANGUAGE = 75;

export interface CheckedDescendants {
  roots: string[];
  blocks: Map<string, NewBlock>;
}

/** Checks a descendant body against the kind of block it goes under (`parentType`; 1 = the page). */
export function checkDescendants(json: Record<string, unknown>, parentType: number): CheckedDescendants | Reply {
  const parentKind = KINDS.get(parentType);
  if (parentType !== 1 && (!parentKind || parentKind.holds === 'none' || parentKind.holds === 'cells')) {
    return failure(1770014, { message: `a block of type ${parentType} cannot hold these children` });
  }
  const { children_id: roots, descendants } = json;
  if (!Array.isArray(descendants) || descendants.length === 0) return invalid('descendants must be a non-empty array');
  if (descendants.length > MAX_DESCENDANTS) {
    return failure(99992402, {
      message: `descendants holds ${descendants.length} blocks; at most ${MAX_DESCENDANTS} per call`,
      error: { field_violations: [{ field: 'descendants', description: `the max len is ${MAX_DESCENDANTS}` }] },
    });
  }
  if (!Array.isArray(roots) || roots.length === 0 || !roots.every((r) => typeof r === 'string')) return invalid('children_id must be a non-empty array of block ids');
  const blocks = new Map<string, NewBlock>();
  for (const raw of descendants) {
    const block = checkBlock(raw);
    if (typeof block === 'string') return invalid(block);
    if (blocks.has(block.temporaryId)) return failure(1770019, { message: `block_id ${block.temporaryId} is repeated` });
    blocks.set(block.temporaryId, block);
  }
  // Every block is reached exactly once from children_id, through children of the right kinds.
  const reached = new Set<string>();
  const visit = (id: string, parent: number): string | undefined => {
    const block = blocks.get(id);
    if (!block) return `block ${id} is named as a child but is not in descendants`;
    if (reached.has(id)) return `block ${id} has more than one parent`;
    reached.add(id);
    const kind = KINDS.get(block.blockType)!;
    if ((block.blockType === TABLE_CELL) !== (parent === TABLE)) return `block ${id} (type ${block.blockType}) cannot be a child of type ${parent}`;
    if (parent === TABLE_CELL && block.blockType === TABLE) return `a table cannot hold a table (block ${id})`;
    if (kind.holds === 'none' && block.children.length > 0) return `block ${id} (type ${block.blockType}) cannot have children`;
    if (kind.holds === 'oneOrMore' && block.children.length === 0) return `block ${id} (type ${block.blockType}) needs at least one child block`;
    for (const child of block.children) {
      const problem = visit(child, block.blockType);
      if (problem) return problem;
    }
    return undefined;
  };
  for (const root of roots as string[]) {
    const problem = visit(root, parentType);
    if (problem) return failure(1770014, { message: problem });
  }
  const unreached = [...blocks.keys()].filter((id) => !reached.has(id));
  if (unreached.length > 0) return failure(1770014, { message: `block ${unreached[0]} is not under any of children_id` });
  for (const block of blocks.values()) {
    if (block.blockType !== TABLE) continue;
    const problem = tableProblem(block);
    if (problem) return problem;
  }
  return { roots: roots as string[], blocks };
}

function checkBlock(raw: unknown): NewBlock | string {
  const b = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const id = b.block_id;
  if (typeof id !== 'string' || id === '') return 'every descendant needs a block_id';
  const kind = typeof b.block_type === 'number' ? KINDS.get(b.block_type) : undefined;
  if (!kind) return `block ${id}: block_type ${JSON.stringify(b.block_type)} cannot be created here`;
  const children = b.children ?? [];
  if (!Array.isArray(children) || !children.every((c) => typeof c === 'string')) return `block ${id}: children must be an array of block ids`;
  const payload = b[kind.key];
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return `block ${id}: block_type ${b.block_type as number} needs an object "${kind.key}"`;
  if (kind.text) {
    const problem = textProblem(payload as Record<string, unknown>, b.block_type as number);
    if (problem) return `block ${id}: ${problem}`;
  }
  return { temporaryId: id, blockType: b.block_type as number, content: { [kind.key]: payload }, children: children as string[] };
}

/** A text payload: elements of text runs (strings, styles, encoded links) and a style fitting the kind. */
function textProblem(payload: Record<string, unknown>, blockType: number): string | undefined {
  const { elements, style } = payload;
  if (!Array.isArray(elements) || elements.length === 0) return 'elements must be a non-empty array';
  for (const element of elements) {
    const run = (element as { text_run?: { content?: unknown; text_element_style?: { link?: { url?: unknown } } } } | null)?.text_run;
    if (!run || typeof run.content !== 'string') return 'each element needs a text_run with a string content';
    const url = run.text_element_style?.link?.url;
    if (url !== undefined && !isEncodedWebUrl(url)) return `link url ${JSON.stringify(url)} must be a percent-encoded http(s) address`;
  }
  if (style === undefined) return undefined;
  if (typeof style !== 'object' || style === null) return 'style must be an object';
  const s = style as Record<string, unknown>;
  if (s.align !== undefined && s.align !== 1 && s.align !== 2 && s.align !== 3) return `style.align ${JSON.stringify(s.align)} is not 1, 2 or 3`;
  if (blockType === 14 && s.language !== undefined && !(Number.isInteger(s.language) && (s.language as number) >= 1 && (s.language as number) <= MAX_CODE_LANGUAGE)) {
    return `style.language ${JSON.stringify(s.language)} is not a code language (1-${MAX_CODE_LANGUAGE})`;
  }
  if (s.done !== undefined && typeof s.done !== 'boolean') return 'style.done must be a boolean';
  if (s.sequence !== undefined && !(s.sequence === 'auto' || (typeof s.sequence === 'string' && /^[1-9]\d*$/.test(s.sequence)))) {
    return `style.sequence ${JSON.stringify(s.sequence)} is neither "auto" nor a number`;
  }
  return undefined;
}

/** Feishu takes link addresses percent-encoded: no bare ":" or "/" left, and an http(s) address inside. */
function isEncodedWebUrl(url: unknown): boolean {
  if (typeof url !== 'string' || url.includes(':') || url.includes('/')) return false;
  try {
    const protocol = new URL(decodeURIComponent(url)).protocol;
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

function tableProblem(block: NewBlock): Reply | undefined {
  const property = (block.content.table as { property?: { row_size?: unknown; column_size?: unknown } }).property;
  const rows = property?.row_size;
  const columns = property?.column_size;
  if (!Number.isInteger(rows) || !Number.isInteger(columns) || (rows as number) < 1 || (columns as number) < 1) {
    return invalid(`table ${block.temporaryId}: property.row_size and column_size must be positive integers`);
  }
  if ((columns as number) > MAX_TABLE_COLUMNS) return failure(1770010, { message: `table ${block.temporaryId} has ${columns as number} columns; at most ${MAX_TABLE_COLUMNS}` });
  const cells = (rows as number) * (columns as number);
  if (cells > MAX_TABLE_CELLS) return failure(1770011, { message: `table ${block.temporaryId} has ${cells} cells; at most ${MAX_TABLE_CELLS}` });
  if (block.children.length !== cells) {
    return failure(1770006, { message: `table ${block.temporaryId} is ${rows as number} × ${columns as number} but has ${block.children.length} cells` });
  }
  return undefined;
}

function invalid(message: string): Reply {
  return failure(1770001, { message });
}
