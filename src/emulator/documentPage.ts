// What the "Open in Browser" link of an emulated document shows: GET /docx/<id> renders the document's blocks
// as a plain HTML page (title, headings, text with its styles and links, lists, to-dos, code, quotes, dividers,
// tables, images), and /docx/<id>/media/<token> serves an image's bytes. For people and browser tests to see
// what was published; Feishu's own pages are, of course, another matter.
import type { ServerResponse } from 'node:http';
import type { Documents } from './Documents';
import type { Drive } from './Drive';
import type { DocxBlock } from './types';

interface Run {
  text_run?: { content?: string; text_element_style?: { bold?: boolean; italic?: boolean; strikethrough?: boolean; inline_code?: boolean; link?: { url?: string } } };
}

const PAGE_PATH = /^\/docx\/([^/]+)$/;
const MEDIA_PATH = /^\/docx\/([^/]+)\/media\/([^/]+)$/;

/** Answers /docx/… paths; false when the path is not one of them. */
export function serveDocumentPage(path: string, documents: Documents, drive: Drive, res: ServerResponse): boolean {
  const media = MEDIA_PATH.exec(path);
  if (media) {
    const file = drive.get(decodeURIComponent(media[2]));
    if (!file?.bytes || file.parentType !== 'docx_image') return send(res, 404, 'text/plain; charset=utf-8', 'no such image');
    return send(res, 200, imageType(file.bytes), file.bytes);
  }
  const page = PAGE_PATH.exec(path);
  if (!page) return false;
  const documentId = decodeURIComponent(page[1]);
  const doc = documents.get(documentId);
  if (!doc) return send(res, 404, 'text/html; charset=utf-8', shell('Not found', `<p class="gone">Document ${escape(documentId)} does not exist${documents.isDeleted(documentId) ? ' any more (deleted)' : ''}.</p>`));
  const blocks = new Map(documents.ordered(doc).map((b) => [b.blockId, b]));
  const render = (ids: readonly string[]): string => {
    let html = '';
    let number = 0;
    for (const id of ids) {
      const block = blocks.get(id);
      if (!block) continue;
      const payload = (Object.values(block.content ?? {})[0] ?? {}) as { elements?: Run[]; style?: { sequence?: string; done?: boolean; language?: number }; property?: { column_size?: number } };
      const text = runs(payload.elements ?? []);
      const children = block.children.length > 0 ? `<div class="children">${render(block.children)}</div>` : '';
      number = block.blockType === 13 ? (payload.style?.sequence && payload.style.sequence !== 'auto' ? Number(payload.style.sequence) : number + 1) : 0;
      html += renderBlock(block, documentId, text, children, number, payload.property?.column_size ?? 1, (cells) => render(cells));
    }
    return html;
  };
  return send(res, 200, 'text/html; charset=utf-8', shell(doc.title, `<h1 class="title">${escape(doc.title)}</h1>${render(blocks.get(documentId)?.children ?? [])}`));
}

function renderBlock(block: DocxBlock, documentId: string, text: string, children: string, number: number, columns: number, render: (ids: string[]) => string): string {
  const t = block.blockType;
  if (t >= 3 && t <= 11) return `<h${Math.min(6, t - 1)} data-block="${t}">${text}</h${Math.min(6, t - 1)}>${children}`;
  switch (t) {
    case 2:
      return `<p>${text || '&nbsp;'}</p>${children}`;
    case 12:
      return `<div class="item"><span class="mark">•</span>${text}</div>${children}`;
    case 13:
      return `<div class="item"><span class="mark">${number}.</span>${text}</div>${children}`;
    case 17: {
      const done = block.content?.todo && (block.content.todo as { style?: { done?: boolean } }).style?.done === true;
      return `<div class="item${done ? ' done' : ''}"><span class="mark">${done ? '☑' : '☐'}</span>${text}</div>${children}`;
    }
    case 14:
      return `<pre><code>${text}</code></pre>`;
    case 34:
      return `<blockquote>${children.replace(/^<div class="children">|<\/div>$/g, '')}</blockquote>`;
    case 22:
      return '<hr>';
    case 27:
      return block.token
        ? // Relative, so the page also works behind a proxy that adds a prefix (code-server's /proxy/<port>/).
          `<p class="image"><img src="${encodeURIComponent(documentId)}/media/${encodeURIComponent(block.token)}" width="${block.width ?? ''}" alt=""></p>`
        : '<p class="image empty">(empty image block)</p>';
    case 31: {
      const rows: string[] = [];
      for (let i = 0; i < block.children.length; i += columns) {
        const cells = block.children.slice(i, i + columns).map((cell) => `<td>${render([cell]).replace(/^<div class="children">|<\/div>$/g, '')}</td>`);
        rows.push(`<tr>${cells.join('')}</tr>`);
      }
      return `<table>${rows.join('')}</table>`;
    }
    case 32:
      return children;
    default:
      return `<p class="other">(block type ${t})</p>${children}`;
  }
}

function runs(elements: readonly Run[]): string {
  return elements
    .map((e) => {
      const r = e.text_run;
      if (!r) return '';
      let html = escape(r.content ?? '').replace(/\n/g, '<br>');
      const s = r.text_element_style ?? {};
      if (s.inline_code) html = `<code>${html}</code>`;
      if (s.bold) html = `<strong>${html}</strong>`;
      if (s.italic) html = `<em>${html}</em>`;
      if (s.strikethrough) html = `<del>${html}</del>`;
      if (s.link?.url) html = `<a href="${escape(safeDecode(s.link.url))}">${html}</a>`;
      return html;
    })
    .join('');
}

function shell(title: string, body: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${escape(title)} - Feishu emulator</title><style>
body{font:15px/1.6 -apple-system,"Segoe UI","PingFang SC","Microsoft YaHei","WenQuanYi Micro Hei",sans-serif;max-width:820px;margin:0 auto;padding:0 24px 48px;color:#1f2329}
.banner{background:#3370ff;color:#fff;padding:6px 12px;margin:0 -24px 16px;font-size:13px}
.title{font-size:30px;margin:24px 0 8px}.item{display:flex;gap:8px}.mark{color:#3370ff;min-width:1.2em}.done{color:#8f959e;text-decoration:line-through}
.children{margin-left:24px}pre{background:#f5f6f7;padding:12px;border-radius:6px;overflow:auto}code{background:#f5f6f7;padding:0 3px;border-radius:3px}
blockquote{border-left:3px solid #bbbfc4;margin:8px 0;padding:0 12px;color:#646a73}table{border-collapse:collapse}td{border:1px solid #dee0e3;padding:4px 8px;vertical-align:top}
td p{margin:0}img{max-width:100%;height:auto}hr{border:0;border-top:1px solid #dee0e3}.empty,.other,.gone{color:#8f959e}
</style></head><body><div class="banner">Feishu emulator · docx</div>${body}</body></html>`;
}

function imageType(bytes: Buffer): string {
  if (bytes[0] === 0x89 && bytes[1] === 0x50) return 'image/png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return 'image/jpeg';
  if (bytes.subarray(0, 3).toString('latin1') === 'GIF') return 'image/gif';
  if (bytes.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  if (bytes.subarray(0, 2).toString('latin1') === 'BM') return 'image/bmp';
  return 'application/octet-stream';
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer): true {
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
  return true;
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function safeDecode(url: string): string {
  try {
    return decodeURIComponent(url);
  } catch {
    return url;
  }
}
