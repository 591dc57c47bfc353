// A strict multipart/form-data parser over a body already held in memory (upload bodies are at most
// ~20 MiB plus a few KB of headers). Malformed input throws MultipartError, which routes answer with
// 1061002 "params error" — a real gateway rejects such bodies too.

export class MultipartError extends Error {
  override readonly name = 'MultipartError';
}

export interface FormPart {
  name: string;
  filename?: string;
  contentType?: string;
  data: Buffer;
}

const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');

/** Boundary from a Content-Type header, or undefined when it is not multipart/form-data. */
export function multipartBoundary(contentType: string | undefined): string | undefined {
  if (!contentType) return undefined;
  const [type, ...params] = splitHeaderParams(contentType);
  if (type.toLowerCase() !== 'multipart/form-data') return undefined;
  const boundary = params.find((p) => p.key === 'boundary')?.value;
  // RFC 2046: 1..70 characters.
  return boundary && boundary.length <= 70 ? boundary : undefined;
}

export function parseMultipart(body: Buffer, boundary: string): FormPart[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: FormPart[] = [];
  // The first delimiter may follow a preamble; later ones must follow CRLF.
  let at = body.indexOf(delimiter);
  if (at < 0 || (at > 0 && !endsWithCrlf(body, at))) throw new MultipartError('opening boundary not found');
  for (;;) {
    at += delimiter.length;
    if (body.subarray(at, at + 2).toString('latin1') === '--') return parts;
    at = skipLinearWhitespace(body, at);
    if (!startsWith(body, at, CRLF)) throw new MultipartError('boundary line not terminated by CRLF');
    at += CRLF.length;
    const headerEnd = body.indexOf(HEADER_END, at);
    // A part with no headers at all starts with an empty line.
    const headersText = startsWith(body, at, CRLF) ? '' : headerEnd < 0 ? undefined : body.subarray(at, headerEnd).toString('utf8');
    if (headersText === undefined || headersText.includes(`--${boundary}`)) throw new MultipartError('part headers not terminated');
    const contentStart = headersText === '' ? at + CRLF.length : headerEnd + HEADER_END.length;
    const next = indexOfDelimiter(body, delimiter, contentStart);
    if (next < 0) throw new MultipartError('closing boundary not found');
    parts.push(partFromHeaders(headersText, body.subarray(contentStart, next - CRLF.length)));
    at = next;
  }
}

/** Text value of the first part called `name`. */
export function fieldText(parts: FormPart[], name: string): string | undefined {
  return parts.find((p) => p.name === name)?.data.toString('utf8');
}

function partFromHeaders(headersText: string, data: Buffer): FormPart {
  let name: string | undefined;
  let filename: string | undefined;
  let contentType: string | undefined;
  for (const line of headersText.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) throw new MultipartError(`malformed part header: ${line.slice(0, 80)}`);
    const key = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (key === 'content-disposition') {
      const [type, ...params] = splitHeaderParams(value);
      if (type.toLowerCase() !== 'form-data') throw new MultipartError(`unexpected disposition: ${type}`);
      name = params.find((p) => p.key === 'name')?.value;
      filename = params.find((p) => p.key === 'filename')?.value;
    } else if (key === 'content-type') {
      contentType = value;
    }
  }
  if (name === undefined) throw new MultipartError('part without a name');
  return { name, filename, contentType, data };
}

interface HeaderParam {
  key: string;
  value: string;
}

/** Splits `type; a=1; b="x;y"` into ['type', {a:'1'}, {b:'x;y'}], tolerating a trailing ';'. */
function splitHeaderParams(header: string): [string, ...HeaderParam[]] {
  const semicolon = header.indexOf(';');
  const type = (semicolon < 0 ? header : header.slice(0, semicolon)).trim();
  const params: HeaderParam[] = [];
  let i = semicolon < 0 ? header.length : semicolon + 1;
  while (i < header.length) {
    while (i < header.length && (header[i] === ' ' || header[i] === '\t' || header[i] === ';')) i++;
    if (i >= header.length) break;
    const eq = header.indexOf('=', i);
    const stop = header.indexOf(';', i);
    if (eq < 0 || (stop >= 0 && stop < eq)) {
      // A bare flag such as `form-data; name="a"; inline` — ignore it.
      i = stop < 0 ? header.length : stop + 1;
      continue;
    }
    const key = header.slice(i, eq).trim().toLowerCase();
    i = eq + 1;
    let value = '';
    if (header[i] === '"') {
      i++;
      while (i < header.length && header[i] !== '"') {
        if (header[i] === '\\' && i + 1 < header.length) i++;
        value += header[i];
        i++;
      }
      if (i >= header.length) throw new MultipartError('unterminated quoted parameter');
      i++;
    } else {
      const end = header.indexOf(';', i);
      value = header.slice(i, end < 0 ? header.length : end).trim();
      i = end < 0 ? header.length : end;
    }
    params.push({ key, value });
  }
  return [type, ...params];
}

/** Next `CRLF--boundary` at or after `from`, returning the index of the `--boundary` part. */
function indexOfDelimiter(body: Buffer, delimiter: Buffer, from: number): number {
  let search = from;
  for (;;) {
    const hit = body.indexOf(delimiter, search);
    if (hit < 0) return -1;
    if (hit - CRLF.length >= from && endsWithCrlf(body, hit)) return hit;
    search = hit + 1;
  }
}

function endsWithCrlf(body: Buffer, index: number): boolean {
  return index >= 2 && body[index - 2] === 0x0d && body[index - 1] === 0x0a;
}

function startsWith(body: Buffer, at: number, prefix: Buffer): boolean {
  return body.subarray(at, at + prefix.length).equals(prefix);
}

/** RFC 2046 allows transport padding (spaces/tabs) after a boundary. */
function skipLinearWhitespace(body: Buffer, at: number): number {
  while (at < body.length && (body[at] === 0x20 || body[at] === 0x09)) at++;
  return at;
}
