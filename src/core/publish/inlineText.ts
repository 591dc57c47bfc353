// A paragraph's (or heading's, list item's, table cell's) inline content → runs of styled text, cut where a
// local image stands: images are blocks of their own in Feishu, so "text ![](a.png) text" becomes text, image,
// text. Bold, italic, strikethrough, inline code and web links carry over (docs/feishu/docx.md §3.1).
import type { Definition, PhrasingContent } from 'mdast';
import type { TextElement, TextElementStyle } from '../feishu/docx';
import type { ImageFile } from './draftBlocks';
import { htmlTokens } from './htmlTokens';
import type { ImageResolution } from './localImages';
import { pixels } from './localImages';
import type { PublishWarning } from './publishMessages';

export type Segment = { kind: 'text'; elements: TextElement[] } | { kind: 'image'; file: ImageFile; line?: number };

export interface InlineContext {
  /** Link and image definitions ([x]: url), by their normalised identifier. */
  definitions: ReadonlyMap<string, Definition>;
  /** What every image src turned out to be (see collectImages). */
  images: ReadonlyMap<string, ImageResolution>;
  warnings: PublishWarning[];
}

/** An image as the Markdown wrote it, wherever it appears. */
export interface ImageUse {
  src: string;
  alt: string;
  line: number;
  width?: number;
  height?: number;
}

type Style = Omit<TextElementStyle, 'link'> & { link?: string };

/** HTML elements that start a new line of text. */
const HTML_BLOCKS: ReadonlySet<string> = new Set(['p', 'div', 'li', 'tr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'blockquote', 'section', 'details', 'summary', 'center', 'pre', 'hr', 'table', 'dl', 'dt', 'dd', 'figure', 'figcaption']);

/** HTML elements whose meaning is lost (only their text is kept): worth a warning. */
const HTML_LOSSY: ReadonlySet<string> = new Set(['table', 'iframe', 'video', 'audio', 'svg', 'script', 'style', 'form', 'input', 'select', 'textarea', 'button', 'object', 'embed', 'canvas', 'math']);

/** Inline HTML tags that style text: <b>bold</b> and friends. */
const HTML_STYLES: Readonly<Record<string, keyof Omit<Style, 'link'>>> = {
  b: 'bold',
  strong: 'bold',
  i: 'italic',
  em: 'italic',
  s: 'strikethrough',
  del: 'strikethrough',
  strike: 'strikethrough',
  code: 'inline_code',
  kbd: 'inline_code',
};

class SegmentBuilder {
  readonly segments: Segment[] = [];
  private runs: { content: string; style: Style }[] = [];

  text(content: string, style: Style): void {
    if (content === '') return;
    const last = this.runs.at(-1);
    if (last && sameStyle(last.style, style)) last.content += content;
    else this.runs.push({ content, style: { ...style } });
  }

  /** A line break where HTML starts or ends a block (<p>, <div>…): one, however many tags meet there. */
  lineBreak(): void {
    const last = this.runs.at(-1);
    if (!last) return;
    last.content = last.content.replace(/[ \t]+$/, '');
    if (last.content !== '' && !last.content.endsWith('\n')) last.content += '\n';
  }

  image(file: ImageFile, line: number | undefined): void {
    this.flush();
    this.segments.push({ kind: 'image', file, line });
  }

  finish(): Segment[] {
    this.flush();
    return this.segments;
  }

  /** Ends a text segment; whitespace at its edges (around a cut) is dropped, and so is a segment of only spaces. */
  private flush(): void {
    const runs = this.runs;
    this.runs = [];
    if (runs.length === 0) return;
    runs[0].content = runs[0].content.replace(/^[ \t\n]+/, '');
    runs[runs.length - 1].content = runs[runs.length - 1].content.replace(/[ \t\n]+$/, '');
    const elements = runs.filter((r) => r.content !== '').map((r) => element(r.content, r.style));
    if (elements.length > 0) this.segments.push({ kind: 'text', elements });
  }
}

export function phrasingSegments(nodes: readonly PhrasingContent[], ctx: InlineContext): Segment[] {
  const out = new SegmentBuilder();
  const htmlStyle: Style = {};
  const visit = (node: PhrasingContent, style: Style): void => {
    switch (node.type) {
      case 'text':
        out.text(softBreaks(node.value), { ...style, ...htmlStyle });
        return;
      case 'emphasis':
        return node.children.forEach((c) => visit(c, { ...style, italic: true }));
      case 'strong':
        return node.children.forEach((c) => visit(c, { ...style, bold: true }));
      case 'delete':
        return node.children.forEach((c) => visit(c, { ...style, strikethrough: true }));
      case 'inlineCode':
        out.text(node.value, { ...style, ...htmlStyle, inline_code: true });
        return;
      case 'break':
        out.text('\n', style);
        return;
      case 'link':
        return node.children.forEach((c) => visit(c, withLink(style, node.url, node.position?.start.line, ctx)));
      case 'linkReference': {
        const definition = ctx.definitions.get(node.identifier);
        const linked = definition ? withLink(style, definition.url, node.position?.start.line, ctx) : style;
        return node.children.forEach((c) => visit(c, linked));
      }
      case 'image':
        return placeImage(out, { src: node.url, alt: node.alt ?? '', line: lineOf(node) }, style, ctx);
      case 'imageReference': {
        const definition = ctx.definitions.get(node.identifier);
        if (definition) placeImage(out, { src: definition.url, alt: node.alt ?? '', line: lineOf(node) }, style, ctx);
        else out.text(node.alt ?? '', style);
        return;
      }
      case 'footnoteReference':
        out.text(`[${node.label ?? node.identifier}]`, style);
        return;
      case 'html': {
        const warned = new Set<string>();
        for (const token of htmlTokens(node.value)) {
          if (token.kind === 'tag' && HTML_LOSSY.has(token.name) && !warned.has(token.name)) {
            warned.add(token.name);
            ctx.warnings.push({ kind: 'htmlNotConverted', line: lineOf(node), subject: `<${token.name}>` });
          }
          if (token.kind === 'text') out.text(collapseSpaces(token.text), { ...style, ...htmlStyle });
          else if (token.kind === 'tag' && token.name === 'br') out.text('\n', style);
          else if (token.kind === 'tag' && HTML_BLOCKS.has(token.name)) out.lineBreak();
          else if (token.kind === 'tag' && token.name === 'img' && !token.closing) {
            placeImage(out, imgUse(token.attrs, lineOf(node)), style, ctx);
          } else if (token.kind === 'tag' && token.name === 'a') {
            if (token.closing || !token.attrs.href) delete htmlStyle.link;
            else Object.assign(htmlStyle, withLink({}, token.attrs.href, lineOf(node), ctx));
          } else if (token.kind === 'tag' && HTML_STYLES[token.name]) {
            const key = HTML_STYLES[token.name];
            if (token.closing) delete htmlStyle[key];
            else htmlStyle[key] = true;
          }
        }
        return;
      }
      default:
        return;
    }
  };
  for (const node of nodes) visit(node, {});
  return out.finish();
}

/** An <img> tag as an image use. */
export function imgUse(attrs: Readonly<Record<string, string>>, line: number): ImageUse {
  return { src: attrs.src ?? '', alt: attrs.alt ?? '', line, width: pixels(attrs.width), height: pixels(attrs.height) };
}

/** A local image that was found becomes its own block; anything else stays text (remote ones as links). */
function placeImage(out: SegmentBuilder, use: ImageUse, style: Style, ctx: InlineContext): void {
  const found = ctx.images.get(imageKey(use));
  if (found?.kind === 'local') return out.image(found.file, use.line);
  if (found?.kind === 'remote') return out.text(use.alt || found.url, { link: found.url, ...style });
  // A data: URL is no text to show; for a missing or unusable file its path tells the reader what was meant.
  out.text(found?.kind === 'embedded' ? use.alt : use.alt || use.src, style);
}

/** Images are resolved once per src and requested size. */
export function imageKey(use: Pick<ImageUse, 'src' | 'width' | 'height'>): string {
  return `${use.width ?? ''}x${use.height ?? ''} ${use.src}`;
}

/**
 * Feishu links must be absolute web addresses; a relative link (another .md, #a-heading) means nothing there,
 * so its text stays without the link, with a warning.
 */
function withLink(style: Style, url: string, line: number | undefined, ctx: InlineContext): Style {
  if (isWebUrl(url)) return { ...style, link: url };
  ctx.warnings.push({ kind: 'linkNotWeb', line: line ?? 0, subject: url });
  return style;
}

function isWebUrl(url: string): boolean {
  try {
    const protocol = new URL(url).protocol;
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

function element(content: string, style: Style): TextElement {
  const s: TextElementStyle = {};
  if (style.bold) s.bold = true;
  if (style.italic) s.italic = true;
  if (style.strikethrough) s.strikethrough = true;
  if (style.inline_code) s.inline_code = true;
  // Feishu wants the address percent-encoded (docs/feishu/docx.md §3.1).
  if (style.link) s.link = { url: encodeURIComponent(style.link) };
  return Object.keys(s).length > 0 ? { text_run: { content, text_element_style: s } } : { text_run: { content } };
}

function sameStyle(a: Style, b: Style): boolean {
  return !!a.bold === !!b.bold && !!a.italic === !!b.italic && !!a.strikethrough === !!b.strikethrough && !!a.inline_code === !!b.inline_code && a.link === b.link;
}

/**
 * A line break inside a paragraph is a space when it is rendered (as on GitHub), except between two CJK
 * characters, where a space would not be there in the text.
 */
export function softBreaks(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== '\n') {
      out += text[i];
      continue;
    }
    const before = out.at(-1);
    const after = text[i + 1];
    out += before !== undefined && after !== undefined && isCjk(before) && isCjk(after) ? '' : ' ';
  }
  return out;
}

/** HTML text as a browser shows it: any run of spaces and line breaks is one space. */
function collapseSpaces(text: string): string {
  let out = '';
  for (const c of text) {
    const space = c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f';
    if (!space) out += c;
    else if (!out.endsWith(' ')) out += ' ';
  }
  return out;
}

function isCjk(c: string): boolean {
  const code = c.codePointAt(0) ?? 0;
  return (
    (code >= 0x4e00 && code <= 0x9fff) || // CJK unified ideographs
    (code >= 0x3400 && code <= 0x4dbf) || // extension A
    (code >= 0x3000 && code <= 0x303f) || // CJK punctuation
    (code >= 0xff00 && code <= 0xffef) || // full-width forms
    (code >= 0x3040 && code <= 0x30ff) || // kana
    (code >= 0xac00 && code <= 0xd7af) // hangul
  );
}

function lineOf(node: { position?: { start: { line: number } } }): number {
  return node.position?.start.line ?? 0;
}
