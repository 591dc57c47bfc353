import { createReadStream, promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { Readable } from 'node:stream';
import { FeishuError } from '../errors/FeishuError';

/** What the engine needs of a file; a port so unit tests can use in-memory bytes. */
export interface FileSource {
  /** The name sent to Feishu (base name of the path unless overridden). */
  readonly name: string;
  /** Bytes, as measured when the file was opened. */
  readonly size: number;
  /** Absolute path of a file on disk; absent for bytes that have no file (an upload of them cannot be resumed). */
  readonly path?: string;
  /** Modification time when the file was opened, epoch ms (with path: what a resume record checks). */
  readonly mtimeMs?: number;
  /**
   * Exactly `length` bytes from `offset`, into `into` when given (reused between blocks so memory stays at
   * two blocks however large the file), else into a new buffer. Fails with FILE_CHANGED if the file got shorter.
   */
  read(offset: number, length: number, into?: Buffer): Promise<Buffer>;
  /** The whole file as a stream, for upload_all. */
  stream(): Readable;
  close(): Promise<void>;
}

/** Feishu's limit on file_name, in characters. */
export const MAX_NAME_CHARS = 250;

/** Opens a local file for upload, refusing what Feishu would refuse, with a message that says so. */
export async function openFileSource(filePath: string, nameOverride?: string): Promise<FileSource> {
  const name = nameOverride ?? path.basename(filePath);
  const shown = JSON.stringify(filePath);
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(filePath, 'r');
  } catch (err) {
    throw openError(err, shown);
  }
  try {
    const stat = await handle.stat();
    if (stat.isDirectory()) throw new FeishuError({ code: 'IS_DIRECTORY', detail: shown });
    if (!stat.isFile()) throw new FeishuError({ code: 'FILE_UNREADABLE', detail: `${shown} is not a regular file.` });
    if (stat.size === 0) throw new FeishuError({ code: 'FILE_EMPTY', detail: shown });
    checkName(name);
    return new NodeFileSource(path.resolve(filePath), name, stat.size, stat.mtimeMs, handle);
  } catch (err) {
    await handle.close();
    throw err;
  }
}

export function checkName(name: string): void {
  const chars = [...name].length;
  if (chars > MAX_NAME_CHARS) throw new FeishuError({ code: 'NAME_TOO_LONG', detail: `"${name.slice(0, 40)}…" has ${chars} characters.` });
}

function openError(err: unknown, shown: string): FeishuError {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return new FeishuError({ code: 'FILE_NOT_FOUND', detail: shown, cause: err });
  if (code === 'EISDIR') return new FeishuError({ code: 'IS_DIRECTORY', detail: shown, cause: err });
  return new FeishuError({ code: 'FILE_UNREADABLE', detail: `${shown} (${code ?? 'error'}).`, cause: err });
}

class NodeFileSource implements FileSource {
  constructor(
    readonly path: string,
    readonly name: string,
    readonly size: number,
    readonly mtimeMs: number,
    private readonly handle: fs.FileHandle,
  ) {}

  async read(offset: number, length: number, into?: Buffer): Promise<Buffer> {
    const buf = into && into.length >= length ? into.subarray(0, length) : Buffer.allocUnsafe(length);
    let filled = 0;
    while (filled < length) {
      const { bytesRead } = await this.handle.read(buf, filled, length - filled, offset + filled);
      if (bytesRead === 0) throw new FeishuError({ code: 'FILE_CHANGED', detail: JSON.stringify(this.path) });
      filled += bytesRead;
    }
    return buf;
  }

  stream(): Readable {
    return createReadStream(this.path, { start: 0, end: this.size - 1, highWaterMark: 256 * 1024 });
  }

  close(): Promise<void> {
    return this.handle.close();
  }
}
