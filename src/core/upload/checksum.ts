import * as ADLER32 from 'adler-32';

/** Feishu's checksum: zlib Adler-32 as an unsigned decimal string (e.g. "3248270248"). */
export function adler32(data: Uint8Array): string {
  return (ADLER32.buf(data) >>> 0).toString();
}

/** Rolling form for data that arrives in chunks: pass the previous return value as seed. */
export function adler32Update(seed: number | undefined, chunk: Uint8Array): number {
  return ADLER32.buf(chunk, seed);
}

export function adler32Finish(state: number | undefined): string {
  return ((state ?? 1) >>> 0).toString();
}
