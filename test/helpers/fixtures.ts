import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A temp folder per test file, removed with dispose(). */
export function tempDir(prefix = 'feishu-upload-test-'): { dir: string; dispose(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Deterministic bytes that differ at every offset (so a shifted or swapped block fails the comparison). */
export function patternBytes(size: number, seed = 1): Buffer {
  const buf = Buffer.allocUnsafe(size);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < size; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    buf[i] = x & 0xff;
  }
  return buf;
}

export function writeFixture(dir: string, name: string, size: number, seed = size): { path: string; bytes: Buffer } {
  const bytes = patternBytes(size, seed);
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return { path, bytes };
}

export function sha256(buf: Buffer): string {
  return createHash('sha256').update(buf).digest('hex');
}
