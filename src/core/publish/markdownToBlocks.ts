// Markdown → the blocks of a Feishu document: the one mapping table from Markdown constructs (mdast nodes) to
// docx blocks (docs/feishu/docx.md §3), with local images found and checked first so the tree is final.
//
// Why our own mapping rather than Feishu's convert endpoint (docs/feishu/docx.md §7): convert needs one more
// scope people must enable, returns no source positions (warnings could not name a line), gives image
// placeholders whose exact form is undocumented, and would make our tests check the emulator's converter
// against itself. Our mapping runs without a network, is tested block by block, and the same blocks go to
// Feishu and to the emulator.
import * as path from 'node:path';
import type { Blockquote, Code, Definition, FootnoteDefinition, Heading, Html, List, ListItem, Nodes, Paragraph, RootContent, Table } from 'mdast';
import { BlockFactory, flatten, subtreeSize, type DraftBlock } from './draftBlocks';
import { codeLanguage } from './codeLanguages';
import { htmlTokens } from './htmlTokens';
import { imageKey, imgUse, phrasingSegments, type ImageUse, type InlineContext, type Segment } from './inlineText';
import { classifyImageSource, resolveLocalImage, type ImageResolution } from './localImages';
import { parseMarkdown } from './parseMarkdown';
import type { PublishWarning } from './publishMessages';

export interface ConvertedMarkdown {
  /** From the front matter's `title`, else the first heading 1, else the file name. */
  title: string;
  /** The document's top-level blocks. */
  blocks: DraftBlock[];
  warnings: PublishWarning[];
  /** Blocks in all, nested ones included. */
  blockCount: number;
  /** The image blocks that get a local file, in reading order. */
  images: DraftBlock[];
}

export interface ConvertOptions {
  /** Temporary block ids; default md1, md2, … */
  newId?: () => string;
}

interface BlockContext extends InlineContext {
  make: BlockFactory;
}

type Mapper<T> = (node: T, ctx: BlockContext) => DraftBlock[];

/** The mapping table: each Markdown construct and the blocks it becomes. Anything else is left out. */
const MAPPERS: { [K in RootContent['type']]?: Mapper<Extract<RootContent, { type: K }>> } = {
  paragraph: (node: Paragraph, ctx) => segmentBlocks(phrasingSegments(node.children, ctx), lineOf(node), ctx),
  heading: mapHeading,
  thematicBreak: (node, ctx) => [ctx.make.block('divider', {}, lineOf(node))],
  blockquote: (node: Blockquote, ctx) => [ctx.make.block('quote_container', {}, lineOf(node), nonEmpty(mapBlocks(node.children, ctx), lineOf(node), ctx))],
  list: (node: List, ctx) => node.children.map((item, index) => mapListItem(item, node, index, ctx)),
  code: (node: Code, ctx) => [
    ctx.make.text('code', node.value === '' ? [] : [{ text_run: { content: node.value } }], lineOf(node), { language: codeLanguage(node.lang), wrap: false }),
  ],
  table: mapTable,
  html: (node: Html, ctx) => segmentBlocks(phrasingSegments([node], ctx), lineOf(node), ctx),
  footnoteDefinition: mapFootnote,
  definition: () => [],
  yaml: () => [],
};

export async function convertMarkdown(markdown: string, filePath: string, options: ConvertOptions = {}): Promise<ConvertedMarkdown> {
  const parsed = parseMarkdown(markdown);
  const { root } = parsed;
  const warnings = [...parsed.warnings];
  const definitions = new Map<string, Definition>();
  walk(root, (node) => {
    if (node.type === 'definition' && !definitions.has(node.identifier)) definitions.set(node.identifier, node);
  });
  const images = await resolveImages(imageUses(root, definitions), path.dirname(path.resolve(filePath)), warnings);
  const ctx: BlockContext = { definitions, images, warnings, make: new BlockFactory(options.newId) };

  const content = root.children.filter((n) => n.type !== 'yaml' && n.type !== 'definition');
  const firstH1 = content.find((n): n is Heading => n.type === 'heading' && n.depth === 1);
  const h1Text = firstH1 ? plainText(firstH1).trim() : '';
  const title = parsed.frontMatterTitle ?? (h1Text || path.basename(filePath, path.extname(filePath)));
  // Feishu shows the title above the content: an opening heading 1 that says the same would show twice.
  const body = content[0] === firstH1 && h1Text === title ? content.slice(1) : content;

  const blocks = mapBlocks(body, ctx);
  // Warnings in the order of the file, each once.
  const seen = new Set<string>();
  const ordered = warnings
    .sort((a, b) => a.line - b.line)
    .filter((w) => {
      const key = `${w.kind} ${w.line} ${w.subject}`;
      return seen.has(key) ? false : (seen.add(key), true);
    });
  return {
    title,
    blocks,
    warnings: ordered,
    blockCount: blocks.reduce((n, b) => n + subtreeSize(b), 0),
    images: flatten(blocks).filter((b) => b.image !== undefined),
  };
}

function mapBlocks(nodes: readonly RootContent[], ctx: BlockContext): DraftBlock[] {
  return nodes.flatMap((node) => mapBlock(node, ctx));
}

function mapBlock(node: RootContent, ctx: BlockContext): DraftBlock[] {
  const mapper = MAPPERS[node.type] as Mapper<RootContent> | undefined;
  return mapper ? mapper(node, ctx) : [];
}

/** Text segments become text blocks (with `style`), images image blocks, in order. */
function segmentBlocks(segments: readonly Segment[], line: number, ctx: BlockContext, style?: Record<string, unknown>): DraftBlock[] {
  return segments.map((s) => (s.kind === 'text' ? ctx.make.text('text', s.elements, line, style) : ctx.make.block('image', {}, s.line ?? line, [], s.file)));
}

/** Headings 1-9 (Markdown writes 1-6); images in a heading follow it as blocks of their own. */
function mapHeading(node: Heading, ctx: BlockContext): DraftBlock[] {
  const segments = phrasingSegments(node.children, ctx);
  const first = segments[0]?.kind === 'text' ? segments.shift() : undefined;
  const heading = first?.kind === 'text' ? [ctx.make.text(`heading${node.depth}`, first.elements, lineOf(node))] : [];
  return [...heading, ...segmentBlocks(segments, lineOf(node), ctx)];
}

/**
 * A list item is a bullet, a numbered item or (with [ ] / [x]) a to-do; its first paragraph is its text and
 * everything else in it (more paragraphs, nested lists, code, images) its children.
 */
function mapListItem(item: ListItem, list: List, index: number, ctx: BlockContext): DraftBlock {
  const task = item.checked === true || item.checked === false;
  const kind = task ? 'todo' : list.ordered ? 'ordered' : 'bullet';
  const [first, ...rest] = item.children;
  let elements: Extract<Segment, { kind: 'text' }>['elements'] = [];
  const children: DraftBlock[] = [];
  if (first?.type === 'paragraph') {
    const segments = phrasingSegments(first.children, ctx);
    if (segments[0]?.kind === 'text') elements = (segments.shift() as Extract<Segment, { kind: 'text' }>).elements;
    children.push(...segmentBlocks(segments, lineOf(first), ctx));
  } else if (first) {
    children.push(...mapBlock(first, ctx));
  }
  children.push(...mapBlocks(rest, ctx));
  // Each Markdown list numbers from its own start; "auto" continues from the item before.
  const style = task ? { done: item.checked === true } : list.ordered ? { sequence: index === 0 ? String(list.start ?? 1) : 'auto' } : undefined;
  return ctx.make.text(kind, elements, lineOf(item), style, children);
}

const ALIGN: Readonly<Record<string, number>> = { left: 1, center: 2, right: 3 };

/** A table and its cells, row by row; every cell holds at least one block (Feishu requires it). */
function mapTable(node: Table, ctx: BlockContext): DraftBlock[] {
  const rows = node.children;
  const columns = rows[0]?.children.length ?? 0;
  if (rows.length === 0 || columns === 0) return [];
  const cells: DraftBlock[] = [];
  for (const row of rows) {
    for (let c = 0; c < columns; c++) {
      const cell = row.children[c];
      const align = node.align?.[c];
      const style = align ? { align: ALIGN[align] } : undefined;
      const line = lineOf(cell ?? row);
      const content = cell ? segmentBlocks(phrasingSegments(cell.children, ctx), line, ctx, style) : [];
      cells.push(ctx.make.block('table_cell', {}, line, content.length > 0 ? content : [ctx.make.text('text', [], line, style)]));
    }
  }
  const property = { row_size: rows.length, column_size: columns, header_row: true };
  return [ctx.make.block('table', { property }, lineOf(node), cells)];
}

/** A footnote's text, where it is defined, starting with its label: "[1] …". */
function mapFootnote(node: FootnoteDefinition, ctx: BlockContext): DraftBlock[] {
  const label = { text_run: { content: `[${node.label ?? node.identifier}] ` } };
  const blocks = mapBlocks(node.children, ctx);
  const first = blocks[0];
  if (first?.kind === 'text') {
    const elements = first.payload.elements as unknown[];
    return [{ ...first, payload: { ...first.payload, elements: [label, ...elements] } }, ...blocks.slice(1)];
  }
  return [ctx.make.text('text', [label], lineOf(node)), ...blocks];
}

function nonEmpty(blocks: DraftBlock[], line: number, ctx: BlockContext): DraftBlock[] {
  return blocks.length > 0 ? blocks : [ctx.make.text('text', [], line)];
}

/** Every image the Markdown shows: ![](…), ![][ref] and <img src>, in order. */
function imageUses(root: Nodes, definitions: ReadonlyMap<string, Definition>): ImageUse[] {
  const uses: ImageUse[] = [];
  walk(root, (node) => {
    if (node.type === 'image') uses.push({ src: node.url, alt: node.alt ?? '', line: lineOf(node) });
    else if (node.type === 'imageReference') {
      const definition = definitions.get(node.identifier);
      if (definition) uses.push({ src: definition.url, alt: node.alt ?? '', line: lineOf(node) });
    } else if (node.type === 'html') {
      for (const token of htmlTokens(node.value)) {
        if (token.kind === 'tag' && token.name === 'img' && !token.closing && token.attrs.src) uses.push(imgUse(token.attrs, lineOf(node)));
      }
    }
  });
  return uses;
}

/** Each distinct image once (the file system is asked once per src); a warning for every use that fails. */
async function resolveImages(uses: readonly ImageUse[], markdownDir: string, warnings: PublishWarning[]): Promise<Map<string, ImageResolution>> {
  const resolved = new Map<string, ImageResolution>();
  for (const use of uses) {
    const key = imageKey(use);
    let found = resolved.get(key);
    if (!found) {
      const source = classifyImageSource(use.src, markdownDir);
      found = source.kind === 'local' ? await resolveLocalImage(source.candidates, use) : source.kind === 'remote' ? { kind: 'remote', url: source.url } : { kind: 'embedded' };
      resolved.set(key, found);
    }
    const warning = IMAGE_WARNINGS[found.kind];
    if (warning) warnings.push({ kind: warning, line: use.line, subject: found.kind === 'embedded' ? `${use.src.slice(0, 24)}…` : use.src });
  }
  return resolved;
}

const IMAGE_WARNINGS: Readonly<Partial<Record<ImageResolution['kind'], PublishWarning['kind']>>> = {
  missing: 'imageMissing',
  notAnImage: 'imageNotAnImage',
  unreadable: 'imageUnreadable',
  embedded: 'imageEmbedded',
};

function walk(node: Nodes, visit: (node: Nodes) => void): void {
  visit(node);
  if ('children' in node) for (const child of node.children as Nodes[]) walk(child, visit);
}

/** The text a heading reads as. */
function plainText(node: Nodes): string {
  if (node.type === 'text' || node.type === 'inlineCode') return node.value;
  if (node.type === 'image') return node.alt ?? '';
  if ('children' in node) return (node.children as Nodes[]).map(plainText).join('');
  return '';
}

function lineOf(node: { position?: { start: { line: number } } }): number {
  return node.position?.start.line ?? 0;
}
