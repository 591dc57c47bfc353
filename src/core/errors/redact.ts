/**
 * Tokens and secrets must never reach a message, a log line or test output. Feishu tokens look like
 * t-/u-/a-/ur- followed by a long run, or JWTs (eyJ...); Bearer headers carry either.
 */
const PATTERNS: readonly RegExp[] = [
  /Bearer\s+[^\s"',]+/gi,
  /\b(?:t|u|a|ur)-[A-Za-z0-9_.-]{16,}/g,
  /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_.-]+/g,
  /("?(?:app_secret|access_token|tenant_access_token|app_access_token|refresh_token)"?\s*[:=]\s*)"?[^\s",}]+"?/gi,
];

export function redact(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const s of secrets) if (s.length >= 4) out = out.split(s).join('***');
  for (const p of PATTERNS) out = out.replace(p, (m, prefix?: string) => (typeof prefix === 'string' ? `${prefix}***` : m.startsWith('Bearer') ? 'Bearer ***' : '***'));
  return out;
}
