// Identifier shapes copied from what Feishu hands out, so clients that validate or store them see the real format.
import { randomBytes, randomInt } from 'node:crypto';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function randomAlphanumeric(length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHANUMERIC[randomInt(ALPHANUMERIC.length)];
  return out;
}

/** File, folder and block tokens: 27 alphanumeric characters (import_tasks caps file_token at 27). */
export function newDriveToken(): string {
  return randomAlphanumeric(27);
}

/** upload_id: a 19-digit decimal string like "7111211691345512356" (fits no JS number exactly, on purpose). */
export function newUploadId(): string {
  let out = '7';
  for (let i = 0; i < 18; i++) out += String(randomInt(10));
  return out;
}

/** Tenant/app tokens look like "t-g1044…"; clients must not rely on more than opacity. */
export function newAccessToken(prefix: 't' | 'a'): string {
  return `${prefix}-${randomAlphanumeric(40)}`;
}

/** X-Tt-Logid: UTC timestamp (yyyyMMddHHmmss) followed by 20 upper-case hex digits. */
export function newLogId(now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  return stamp + randomBytes(10).toString('hex').toUpperCase();
}

/** A numeric id such as the root folder's `id` / `user_id`. */
export function newNumericId(digits: number): string {
  let out = String(1 + randomInt(9));
  for (let i = 1; i < digits; i++) out += String(randomInt(10));
  return out;
}
