import { Readable } from 'node:stream';
import type { FileSource } from '../../src/core';

/** A FileSource over bytes in memory: the file-source port's fake for unit tests. */
export function memorySource(name: string, bytes: Buffer): FileSource {
  return {
    name,
    size: bytes.length,
    read: async (offset, length, into) => {
      const out = into && into.length >= length ? into.subarray(0, length) : Buffer.allocUnsafe(length);
      bytes.copy(out, 0, offset, offset + length);
      return out;
    },
    stream: () => Readable.from([bytes]),
    close: async () => undefined,
  };
}
