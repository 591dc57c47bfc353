// Raw HTML inside Markdown (a README's centred logo, <img width=…>, <br>): Markdown parsers hand it over
// untouched, so its tags are read here, by the HTML tokenizer's rules for tags, attributes and comments, not
// with patterns. Only what publishing needs is recognised (img, br, simple inline styles); the rest is text.

export type HtmlToken =
  | { kind: 'text'; text: string }
  | { kind: 'tag'; name: string; closing: boolean; attrs: Readonly<Record<string, string>> }
  | { kind: 'comment' };

/** Elements whose content is not text a reader sees. */
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title']);

export function htmlTokens(html: string): HtmlToken[] {
  const tokens: HtmlToken[] = [];
  let text = '';
  const flushText = (): void => {
    if (text !== '') tokens.push({ kind: 'text', text: decodeEntities(text) });
    text = '';
  };
  let i = 0;
  while (i < html.length) {
    if (html.startsWith('<!--', i)) {
      flushText();
      const end = html.indexOf('-->', i + 4);
      i = end < 0 ? html.length : end + 3;
      tokens.push({ kind: 'comment' });
      continue;
    }
    const tag = html[i] === '<' ? readTag(html, i) : undefined;
    if (!tag) {
      text += html[i];
      i++;
      continue;
    }
    flushText();
    tokens.push(tag.token);
    i = tag.end;
    if (!tag.token.closing && RAW_TEXT.has(tag.token.name)) {
      const close = html.toLowerCase().indexOf(`</${tag.token.name}`, i);
      i = close < 0 ? html.length : close;
    }
  }
  flushText();
  return tokens;
}

function isLetter(c: string | undefined): boolean {
  return c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
}

function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f';
}

/** A start or end tag at `start` (which holds '<'), or undefined when the '<' is just text. */
function readTag(html: string, start: number): { token: Extract<HtmlToken, { kind: 'tag' }>; end: number } | undefined {
  let i = start + 1;
  const closing = html[i] === '/';
  if (closing) i++;
  if (!isLetter(html[i])) return undefined;
  let name = '';
  while (i < html.length && !isSpace(html[i]) && html[i] !== '/' && html[i] !== '>') name += html[i++];
  const attrs: Record<string, string> = {};
  for (;;) {
    while (isSpace(html[i]) || html[i] === '/') i++;
    if (i >= html.length) return undefined;
    if (html[i] === '>') break;
    let attr = '';
    while (i < html.length && !isSpace(html[i]) && html[i] !== '/' && html[i] !== '>' && html[i] !== '=') attr += html[i++];
    while (isSpace(html[i])) i++;
    let value = '';
    if (html[i] === '=') {
      i++;
      while (isSpace(html[i])) i++;
      const quote = html[i];
      if (quote === '"' || quote === "'") {
        const close = html.indexOf(quote, i + 1);
        if (close < 0) return undefined;
        value = html.slice(i + 1, close);
        i = close + 1;
      } else {
        while (i < html.length && !isSpace(html[i]) && html[i] !== '>') value += html[i++];
      }
    }
    if (attr !== '') attrs[attr.toLowerCase()] = decodeEntities(value);
  }
  return { token: { kind: 'tag', name: name.toLowerCase(), closing, attrs }, end: i + 1 };
}

const NAMED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** The character references people write in README HTML: the five XML ones, &nbsp; and numeric ones. */
export function decodeEntities(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const semi = text[i] === '&' ? text.indexOf(';', i + 1) : -1;
    const ref = semi > i && semi - i <= 10 ? text.slice(i + 1, semi) : undefined;
    const decoded = ref === undefined ? undefined : decodeReference(ref);
    if (decoded === undefined) {
      out += text[i++];
    } else {
      out += decoded;
      i = semi + 1;
    }
  }
  return out;
}

function decodeReference(ref: string): string | undefined {
  if (ref.startsWith('#')) {
    const hex = ref[1] === 'x' || ref[1] === 'X';
    const digits = ref.slice(hex ? 2 : 1);
    const code = digits === '' ? NaN : Number.parseInt(digits, hex ? 16 : 10);
    return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
  }
  return NAMED[ref.toLowerCase()];
}
