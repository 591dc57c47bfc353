// Where an image in Markdown points, and what a local one really is. Remote images stay links (nothing is
// downloaded); local ones are found relative to the Markdown file (written URL-encoded, with spaces, with
// ?query or #fragment), and their header is read for the type and size in pixels.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { imageSize } from 'image-size';
import type { ImageFile } from './draftBlocks';

/** What an image reference turned out to be. */
export type ImageResolution =
  | { kind: 'local'; file: ImageFile }
  | { kind: 'remote'; url: string }
  | { kind: 'embedded' }
  | { kind: 'missing' }
  | { kind: 'notAnImage' }
  | { kind: 'unreadable' };

export type ImageSource = { kind: 'remote'; url: string } | { kind: 'embedded' } | { kind: 'local'; candidates: string[] };

/**
 * The types an image block shows (image-size's names), as DocumentUploader's IMAGE_EXTENSIONS: SVG, TIFF,
 * HEIC and the like are not images to Feishu's image block.
 */
const SHOWN_TYPES: ReadonlySet<string> = new Set(['png', 'jpg', 'gif', 'bmp', 'webp']);

/** Bytes read for the header: enough for PNG, GIF, BMP, WebP and for JPEGs whose size follows an EXIF block. */
const HEADER_BYTES = 512 * 1024;

/** A src as written, against the folder of the Markdown file. */
export function classifyImageSource(src: string, markdownDir: string): ImageSource {
  const raw = src.trim();
  let url: URL | undefined;
  try {
    url = new URL(raw);
  } catch {
    url = undefined;
  }
  // "C:\pics\a.png" parses as a URL with protocol "c:": a one-letter scheme is a Windows drive.
  if (url && url.protocol.length > 2) {
    if (url.protocol === 'http:' || url.protocol === 'https:') return { kind: 'remote', url: raw };
    if (url.protocol === 'data:') return { kind: 'embedded' };
    if (url.protocol === 'file:') {
      try {
        return { kind: 'local', candidates: [fileURLToPath(url)] };
      } catch {
        return { kind: 'local', candidates: [] };
      }
    }
    return { kind: 'remote', url: raw };
  }
  const withoutSuffix = cutQueryAndFragment(raw);
  const written = [decodeOrSelf(withoutSuffix), withoutSuffix, decodeOrSelf(raw), raw];
  const candidates = [...new Set(written.filter((p) => p !== '').map((p) => path.resolve(markdownDir, p)))];
  return { kind: 'local', candidates };
}

/** Finds and checks a local image; never throws (a bad image is a warning, not a failure). */
export async function resolveLocalImage(candidates: readonly string[], wanted: { width?: number; height?: number } = {}): Promise<ImageResolution> {
  for (const candidate of candidates) {
    let stat;
    try {
      stat = await fs.stat(candidate);
    } catch {
      continue;
    }
    if (!stat.isFile()) continue;
    if (stat.size === 0) return { kind: 'notAnImage' };
    let header: Buffer;
    try {
      header = await readHead(candidate, Math.min(stat.size, HEADER_BYTES));
    } catch {
      return { kind: 'unreadable' };
    }
    let size = measure(header);
    if (!size && stat.size > header.length) {
      // A JPEG with a large EXIF thumbnail keeps its size further in; files are at most tens of MiB.
      try {
        size = measure(await fs.readFile(candidate));
      } catch {
        return { kind: 'unreadable' };
      }
    }
    if (!size || !SHOWN_TYPES.has(size.type)) return { kind: 'notAnImage' };
    return { kind: 'local', file: { path: candidate, ...displaySize(size.width, size.height, wanted) } };
  }
  return { kind: 'missing' };
}

/**
 * The size to show: what <img width/height> asked for (the other side scaled to keep the proportions), else
 * the image's own size in pixels.
 */
export function displaySize(width: number, height: number, wanted: { width?: number; height?: number }): { width: number; height: number } {
  if (wanted.width && wanted.height) return { width: wanted.width, height: wanted.height };
  if (wanted.width) return { width: wanted.width, height: Math.max(1, Math.round((height * wanted.width) / width)) };
  if (wanted.height) return { width: Math.max(1, Math.round((width * wanted.height) / height)), height: wanted.height };
  return { width, height };
}

function measure(bytes: Buffer): { type: string; width: number; height: number } | undefined {
  try {
    const info = imageSize(bytes);
    if (!info.type || !info.width || !info.height) return undefined;
    // EXIF orientations 5-8 turn the picture a quarter: what people see is the other way round.
    const turned = info.orientation !== undefined && info.orientation >= 5;
    return { type: info.type, width: turned ? info.height : info.width, height: turned ? info.width : info.height };
  } catch {
    return undefined;
  }
}

async function readHead(file: string, length: number): Promise<Buffer> {
  const handle = await fs.open(file, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function decodeOrSelf(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** "img/a.png?raw=true#x" → "img/a.png" (a local path carries neither). */
function cutQueryAndFragment(text: string): string {
  const cut = [text.indexOf('?'), text.indexOf('#')].filter((i) => i >= 0);
  return cut.length === 0 ? text : text.slice(0, Math.min(...cut));
}

/** A positive whole number of pixels from an HTML width/height attribute ("200", "200px"); else undefined. */
export function pixels(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim().toLowerCase();
  const digits = text.endsWith('px') ? text.slice(0, -2) : text;
  const n = Number(digits);
  return digits !== '' && Number.isInteger(n) && n > 0 ? n : undefined;
}
