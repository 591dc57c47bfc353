// Request fields of the accounts endpoints, which take JSON or application/x-www-form-urlencoded (the docs show
// JSON, larksuite/cli sends forms: auth.md §6.1), and HTTP Basic client credentials.
import type { Body } from './readBody';

/** String fields of the body; undefined when it is neither a JSON object nor a form. */
export function formFields(body: Body, contentType: string | undefined): Record<string, string> | undefined {
  if (body.overflow) return undefined;
  const text = body.bytes.toString('utf8');
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (type === 'application/x-www-form-urlencoded' || (type === '' && !text.trimStart().startsWith('{'))) {
    return Object.fromEntries(new URLSearchParams(text));
  }
  if (type !== 'application/json' && type !== '') return undefined;
  try {
    const value: unknown = JSON.parse(text === '' ? '{}' : text);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(value)) if (typeof v === 'string' || typeof v === 'number') out[k] = String(v);
    return out;
  } catch {
    return undefined;
  }
}

/** `Authorization: Basic base64(id:secret)`, or undefined when the header is absent or not Basic. */
export function basicCredentials(header: string | undefined): { id: string; secret: string } | undefined {
  const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (!m) return undefined;
  const text = Buffer.from(m[1], 'base64').toString('utf8');
  const colon = text.indexOf(':');
  return colon < 0 ? undefined : { id: text.slice(0, colon), secret: text.slice(colon + 1) };
}
