import FormData from 'form-data';
import { FeishuError, cancelledError } from '../errors/FeishuError';
import type { FeishuClient } from '../feishu/FeishuClient';
import type { UploadApi } from '../feishu/wire';
import { systemClock, type Clock } from '../limits/Clock';
import { retryContext, withRetry, type RetryContext, type RetrySettings } from '../limits/retry';
import { untilAborted } from '../limits/untilAborted';
import { adler32, adler32Finish, adler32Update } from './checksum';
import { countingBufferStream, countingPassThrough } from './countingStream';
import { checkName, type FileSource } from './FileSource';
import { chooseMethod, planBlocks, type Block, type UploadMethod } from './plan';
import { apiOf, checkMediaTarget, type UploadTarget } from './target';

export interface UploadProgress {
  /** Bytes of the file acknowledged or on the wire so far. */
  bytesSent: number;
  totalBytes: number;
  /** 1-based part being sent; 1 of 1 for upload_all. */
  part: number;
  parts: number;
}

export interface UploadOptions {
  /** Stops the upload within the part on the wire; the promise rejects with a CANCELLED FeishuError. */
  signal?: AbortSignal;
  /** Raw progress, as often as bytes move; UIs throttle. */
  onProgress?: (progress: UploadProgress) => void;
}

export interface UploadResult {
  fileToken: string;
  name: string;
  bytes: number;
  parts: number;
  method: UploadMethod;
  /** Wall time of the whole upload, in ms. */
  ms: number;
}

export interface UploaderOptions extends RetrySettings {
  /** Times a multipart upload restarts from prepare after 1061021 (upload id expired). Default 2. */
  maxRestarts?: number;
}

interface Parent {
  api: UploadApi;
  parentType: string;
  parentNode: string;
  extra?: string;
}

const UPLOAD_ID_EXPIRED = 1061021;

/** Uploads one file per call: upload_all up to 20 MiB, prepare/part/finish above. */
export class Uploader {
  private rootLookup?: Promise<string>;
  private readonly clock: Clock;

  constructor(
    private readonly client: FeishuClient,
    private readonly options: UploaderOptions = {},
  ) {
    this.clock = options.clock ?? systemClock;
  }

  async upload(source: FileSource, target: UploadTarget, options: UploadOptions = {}): Promise<UploadResult> {
    const started = this.clock.now();
    checkName(source.name);
    if (options.signal?.aborted) throw cancelledError();
    const parent = await this.resolveParent(target, options.signal);
    const method = chooseMethod(source.size);
    const { fileToken, parts } =
      method === 'all' ? await this.uploadAll(source, parent, options) : await this.uploadMultipartWithRestart(source, parent, options);
    return { fileToken, name: source.name, bytes: source.size, parts, method, ms: Math.round(this.clock.now() - started) };
  }

  private retryContext(signal?: AbortSignal): RetryContext {
    return retryContext({ ...this.options, clock: this.clock }, signal);
  }

  private async resolveParent(target: UploadTarget, signal?: AbortSignal): Promise<Parent> {
    if (target.kind === 'media') {
      checkMediaTarget(target.parentType, target.parentNode, target.extra);
      return { api: 'medias', parentType: target.parentType, parentNode: target.parentNode, extra: target.extra };
    }
    const folder = target.folderToken || (await this.rootFolder(signal));
    return { api: apiOf(target), parentType: 'explorer', parentNode: folder };
  }

  /**
   * The root folder ("My Space") token, asked once per Uploader. The lookup is shared by every batch, so it
   * carries no caller's signal (cancelling one batch must not fail another waiting on it); each caller races its
   * own. A failed lookup is forgotten, so the next upload asks again.
   */
  rootFolder(signal?: AbortSignal): Promise<string> {
    if (!this.rootLookup) {
      const lookup = withRetry(() => this.client.rootFolderMeta(), this.retryContext()).then((meta) => meta.token);
      this.rootLookup = lookup;
      lookup.catch(() => {
        if (this.rootLookup === lookup) this.rootLookup = undefined;
      });
    }
    return untilAborted(this.rootLookup, signal);
  }

  private async uploadAll(source: FileSource, parent: Parent, options: UploadOptions): Promise<{ fileToken: string; parts: number }> {
    const checksum = await streamChecksum(source, options.signal);
    const report = monotonic(options.onProgress);
    const onBytes = (loaded: number): void => report({ bytesSent: Math.min(loaded, source.size), totalBytes: source.size, part: 1, parts: 1 });
    const form = (): FormData => {
      const f = parentFields(parent, source.name);
      f.append('size', String(source.size));
      f.append('checksum', checksum);
      if (parent.extra !== undefined) f.append('extra', parent.extra);
      f.append('file', countingPassThrough(source.stream(), onBytes), { filename: source.name, contentType: 'application/octet-stream', knownLength: source.size });
      return f;
    };
    const res = await withRetry(() => this.client.uploadAll(parent.api, form, options.signal), this.retryContext(options.signal));
    onBytes(source.size);
    return { fileToken: requireToken(res.file_token, parent.api, 'upload_all'), parts: 1 };
  }

  private async uploadMultipartWithRestart(source: FileSource, parent: Parent, options: UploadOptions): Promise<{ fileToken: string; parts: number }> {
    const maxRestarts = this.options.maxRestarts ?? 2;
    for (let restart = 0; ; restart++) {
      try {
        return await this.uploadMultipart(source, parent, options);
      } catch (err) {
        const expired = err instanceof FeishuError && err.code === UPLOAD_ID_EXPIRED;
        if (!expired || restart >= maxRestarts || options.signal?.aborted) throw err;
      }
    }
  }

  private async uploadMultipart(source: FileSource, parent: Parent, options: UploadOptions): Promise<{ fileToken: string; parts: number }> {
    const { signal } = options;
    const report = monotonic(options.onProgress);
    const retry = this.retryContext(signal);
    const prepared = await withRetry(
      () =>
        this.client.uploadPrepare(
          parent.api,
          { file_name: source.name, parent_type: parent.parentType, parent_node: parent.parentNode, size: source.size, extra: parent.extra },
          signal,
        ),
      retry,
    );
    const endpoint = `drive/v1/${parent.api}/upload_prepare`;
    if (!prepared.upload_id) throw new FeishuError({ code: 'BAD_RESPONSE', endpoint, detail: 'No upload_id in the answer.' });
    const blocks = planBlocks(source.size, prepared, endpoint);
    // Two block buffers, used in turn: one on the wire, the other being filled. A buffer is refilled only
    // after the part that used it has been answered, so no request ever sends half-overwritten bytes.
    const buffers = [Buffer.allocUnsafe(prepared.block_size), Buffer.allocUnsafe(Math.min(prepared.block_size, source.size))];
    const read = (b: Block): Promise<{ block: Block; data: Buffer; checksum: string }> =>
      source.read(b.offset, b.length, buffers[b.seq % 2]).then((data) => ({ block: b, data, checksum: adler32(data) }));

    let sentBefore = 0;
    // Read and checksum block i+1 while block i is on the wire: the disk and CPU never hold up the network.
    let next: ReturnType<typeof read> | undefined = read(blocks[0]);
    try {
      for (let i = 0; i < blocks.length; i++) {
        const current = await next!;
        next = undefined;
        // Read and checksum the next block once this part's bytes flow, not before: the checksum holds the
        // event loop for a few ms, and doing that between pacing a call and sending it would make Feishu see
        // our calls closer together than we timed them.
        const readAhead = (): void => {
          if (next || i + 1 >= blocks.length) return;
          next = read(blocks[i + 1]);
          next.catch(() => undefined); // observed here; awaited (and rethrown) on the next turn
        };
        const base = sentBefore;
        const onBytes = (loaded: number): void => {
          readAhead();
          report({ bytesSent: base + Math.min(loaded, current.data.length), totalBytes: source.size, part: i + 1, parts: blocks.length });
        };
        const form = (): FormData => {
          const f = new FormData();
          f.append('upload_id', prepared.upload_id);
          f.append('seq', String(current.block.seq));
          f.append('size', String(current.data.length));
          f.append('checksum', current.checksum);
          f.append('file', countingBufferStream(current.data, onBytes), {
            filename: source.name,
            contentType: 'application/octet-stream',
            knownLength: current.data.length,
          });
          return f;
        };
        await withRetry(() => this.client.uploadPart(parent.api, form, signal), retry);
        onBytes(current.data.length); // also starts the read-ahead if no byte was counted yet
        sentBefore += current.data.length;
      }
    } finally {
      // Never leave a read running against a file the caller is about to close.
      await next?.catch(() => undefined);
    }
    const res = await withRetry(() => this.client.uploadFinish(parent.api, prepared.upload_id, blocks.length, signal), retry);
    return { fileToken: requireToken(res.file_token, parent.api, 'upload_finish'), parts: blocks.length };
  }
}

/** Progress never goes back: a retried part re-sends bytes that were already counted once. */
function monotonic(onProgress: UploadOptions['onProgress']): (p: UploadProgress) => void {
  let high = -1;
  let lastPart = 0;
  return (p) => {
    if (p.bytesSent < high || (p.bytesSent === high && p.part === lastPart)) return;
    high = p.bytesSent;
    lastPart = p.part;
    onProgress?.(p);
  };
}

function parentFields(parent: Parent, name: string): FormData {
  const f = new FormData();
  f.append('file_name', name);
  f.append('parent_type', parent.parentType);
  // ccm_import_open has no upload point; Feishu wants the field left out on upload_all.
  if (parent.parentNode !== '' || parent.parentType !== 'ccm_import_open') f.append('parent_node', parent.parentNode);
  return f;
}

function requireToken(token: string | undefined, api: UploadApi, step: string): string {
  if (!token) throw new FeishuError({ code: 'BAD_RESPONSE', endpoint: `drive/v1/${api}/${step}`, detail: 'No file_token in the answer.' });
  return token;
}

/** Adler-32 of the whole file, streamed: upload_all files are checksummed without holding them in memory. */
async function streamChecksum(source: FileSource, signal?: AbortSignal): Promise<string> {
  let state: number | undefined;
  let seen = 0;
  const stream = source.stream();
  const onAbort = (): void => {
    stream.destroy(cancelledError());
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    for await (const chunk of stream) {
      state = adler32Update(state, chunk as Buffer);
      seen += (chunk as Buffer).length;
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
  if (seen !== source.size) throw new FeishuError({ code: 'FILE_CHANGED', detail: `${source.name}: ${seen} bytes read, ${source.size} expected.` });
  return adler32Finish(state);
}
