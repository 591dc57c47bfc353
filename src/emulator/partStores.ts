// Where upload_part bytes wait until upload_finish. In memory when files keep their bytes; otherwise in
// one temp file per session (written at seq × block_size), so a 1 GiB benchmark holds ~one block in memory.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, rm, type FileHandle } from 'node:fs/promises';

export interface Assembled {
  /** Lower-case hex. */
  sha256: string;
  bytes?: Buffer;
}

export interface PartStore {
  /** Stores (or overwrites) block `seq`. Calls are serialized by the store. */
  put(seq: number, bytes: Buffer): Promise<void>;
  has(seq: number): boolean;
  /** Joins blocks 0..blockNum-1 (all must be present) and frees the storage. */
  assemble(blockNum: number): Promise<Assembled>;
  /** Frees the storage without assembling. Safe to call more than once. */
  discard(): Promise<void>;
}

export function sha256Hex(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export class MemoryPartStore implements PartStore {
  private readonly parts = new Map<number, Buffer>();

  async put(seq: number, bytes: Buffer): Promise<void> {
    this.parts.set(seq, bytes);
  }

  has(seq: number): boolean {
    return this.parts.has(seq);
  }

  async assemble(blockNum: number): Promise<Assembled> {
    const ordered: Buffer[] = [];
    for (let seq = 0; seq < blockNum; seq++) ordered.push(this.parts.get(seq) ?? Buffer.alloc(0));
    const bytes = Buffer.concat(ordered);
    this.parts.clear();
    return { sha256: sha256Hex(bytes), bytes };
  }

  async discard(): Promise<void> {
    this.parts.clear();
  }
}

/**
 * Parts go to a temp file. A running sha256 follows the blocks in order (catching up from the file when
 * they arrive out of order), so finish needs no second pass unless an already-hashed block was
 * overwritten with different bytes.
 */
export class TempFilePartStore implements PartStore {
  private handle: Promise<FileHandle> | undefined;
  private readonly sizes = new Map<number, number>();
  private readonly digests = new Map<number, string>();
  private readonly running = createHash('sha256');
  private hashedThrough = 0;
  private runningValid = true;
  private queue: Promise<unknown> = Promise.resolve();
  private discarded = false;

  constructor(
    private readonly path: string,
    private readonly blockSize: number,
  ) {}

  put(seq: number, bytes: Buffer): Promise<void> {
    return this.serialized(async () => {
      const digest = sha256Hex(bytes);
      if (seq < this.hashedThrough && this.digests.get(seq) !== digest) this.runningValid = false;
      const file = await this.file();
      await file.write(bytes, 0, bytes.length, seq * this.blockSize);
      this.sizes.set(seq, bytes.length);
      this.digests.set(seq, digest);
      while (this.runningValid && this.sizes.has(this.hashedThrough)) {
        const next = this.hashedThrough;
        this.running.update(next === seq ? bytes : await this.read(file, next));
        this.hashedThrough++;
      }
    });
  }

  has(seq: number): boolean {
    return this.sizes.has(seq);
  }

  assemble(blockNum: number): Promise<Assembled> {
    return this.serialized(async () => {
      let sha256: string;
      if (this.runningValid && this.hashedThrough === blockNum) {
        sha256 = this.running.digest('hex');
      } else {
        sha256 = await hashFile(this.path);
      }
      await this.release();
      return { sha256 };
    });
  }

  discard(): Promise<void> {
    return this.serialized(() => this.release());
  }

  private async read(file: FileHandle, seq: number): Promise<Buffer> {
    const size = this.sizes.get(seq) ?? 0;
    const buffer = Buffer.alloc(size);
    await file.read(buffer, 0, size, seq * this.blockSize);
    return buffer;
  }

  private file(): Promise<FileHandle> {
    if (this.discarded) return Promise.reject(new Error('upload session storage was discarded'));
    this.handle ??= open(this.path, 'w+');
    return this.handle;
  }

  private async release(): Promise<void> {
    if (this.discarded) return;
    this.discarded = true;
    this.sizes.clear();
    if (!this.handle) return;
    await (await this.handle).close().catch(() => undefined);
    await rm(this.path, { force: true });
  }

  private serialized<T>(work: () => Promise<T>): Promise<T> {
    const result = this.queue.then(work);
    this.queue = result.catch(() => undefined);
    return result;
  }
}

function hashFile(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}
