// JSON request bodies and JSON-in-a-string fields (`extra`), accepted only as objects.
import type { Body } from './readBody';

export function jsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export function parseJsonObject(body: Body): Record<string, unknown> | undefined {
  return body.overflow ? undefined : jsonObject(body.bytes.toString('utf8'));
}
