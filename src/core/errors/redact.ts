/**
 * Tokens and secrets must never reach a message, a log line or test output. Feishu tokens look like
 * t-/u-/a-/ur- followed by a long run, or JWTs (eyJ..., v2 user and refresh tokens: docs/feishu/auth.md §12);
 * Bearer and Basic headers carry them; JSON and forms name them (our saved sign-in uses camelCase), and a
 * sign-in callback URL carries a one-time code.
 */
const SECRET_FIELDS = [
  'app_secret',
  'client_secret',
  'access_token',
  'tenant_access_token',
  'app_access_token',
  'refresh_token',
  'code_verifier',
  'device_code',
  'accessToken',
  'refreshToken',
  'appSecret',
].join('|');

const PATTERNS: readonly RegExp[] = [
  /\bBearer\s+[^\s"',]+/gi,
  // Basic credentials are base64: a digit, +, / or = tells them from a word ("Basic client credentials").
  /\bBasic\s+(?=[A-Za-z0-9+/]*[0-9+/=])[A-Za-z0-9+/=]{8,}/gi,
  /\b(?:t|u|a|ur)-[A-Za-z0-9_.-]{16,}/g,
  /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_.-]+/g,
  new RegExp(`("?(?:${SECRET_FIELDS})"?\\s*[:=]\\s*)"?[^\\s",}&]+"?`, 'gi'),
  /([?&]code=)[^&\s"']+/g,
];

export function redact(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const s of secrets) if (s.length >= 4) out = out.split(s).join('***');
  for (const p of PATTERNS) {
    out = out.replace(p, (m, prefix?: string) => {
      if (typeof prefix === 'string') return `${prefix}***`;
      const scheme = /^(Bearer|Basic)\s/i.exec(m)?.[1];
      return scheme ? `${scheme} ***` : '***';
    });
  }
  return out;
}
