import FormData from 'form-data';
import { FeishuError, cancelledError } from '../errors/FeishuError';
import type { FeishuClient, Prepared } from '../feishu/FeishuClient';
import type { UploadApi } from '../feishu/wire';
import { systemClock, type Clock } from '../limits/Clock';
import { retryContext, withRetry, type RetryContext, type RetrySettings } from '../limits/retry';
import { lingeringSignal } from '../limits/lingeringSignal';
import { untilAborted } from '../limits/untilAborted';
import { adler32, adler32Finish, adler32Update } from './checksum';
import { countingBufferStream, countingPassThrough } from './countingStream';
import { checkName, type FileSource } from './FileSource';
import { chooseMethod, planBlocks, type Block, type UploadMethod } from './plan';
import { lookInFolder, type FolderPages } from './resume/lostFinish';
import { ResumeTracker, type KeptUpload, type ResumeInfo, type ResumeMode, type ResumeSettings, type StartOverReason, type TrackedUpload } from './resume/ResumeTracker';
import { confirmedBytes, type SessionRecord } from './resume/SessionRecord';
import { apiOf, checkMediaTarget, type UploadTarget } from './target';

export interface UploadProgress {
  /** Bytes of the file acknowledged or on the wire so far (parts sent by an earlier run included). */
  bytesSent: number;
  /** Bytes Feishu confirmed: what an interrupted upload keeps. */
  bytesConfirmed: number;
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
  /** What to do with an earlier interrupted upload of the same file to the same place. Default 'auto'. */
  resume?: ResumeMode;
  /** An interrupted upload is being continued (before its first part leaves). */
  onResume?: (info: ResumeInfo) => void;
  /** An earlier interrupted upload was found but could not be continued: this one starts over. */
  onStartOver?: (reason: StartOverReason) => void;
  /** The upload stopped unfinished (cancelled, or retries ran out) and what Feishu holds is kept for later. */
  onKept?: (kept: KeptUpload) => void;
  /**
   * Keep the resume record after success, marked with the stored file's token, until `uploader.reported(token)`:
   * a run killed between the upload and its report (Feishu's link still being fetched, a group of results not yet
   * printed) is answered by the next run with that file instead of a second copy. Default false: the record goes
   * when the upload ends (for callers that report at once).
   */
  untilReported?: boolean;
}

export interface UploadResult {
  fileToken: string;
  name: string;
  bytes: number;
  parts: number;
  method: UploadMethod;
  /** Wall time of the whole upload, in ms. */
  ms: number;
  /** 1-based part an interrupted upload was continued at (parts + 1 when only the finish was left); 0 when none. */
  resumedFromPart: number;
  /**
   * The answer to upload_finish was lost, and the file was found in the folder instead of being uploaded again:
   * fileToken is that file's.
   */
  recovered: boolean;
}

interface Sent {
  fileToken: string;
  parts: number;
  resumedFromPart?: number;
  recovered?: boolean;
}

export interface UploaderOptions extends RetrySettings {
  /** Times a multipart upload restarts from prepare after 1061021 (upload id expired). Default 2. */
  maxRestarts?: number;
  /** Where multipart uploads are recorded so an interrupted one can be continued. Default: not recorded. */
  resume?: ResumeSettings;
  /**
   * Folder listings (Drive's DriveApi, paced per app), read after an answer to upload_finish was lost to find the
   * file instead of storing it twice. Without it such an upload ends in FINISH_UNCONFIRMED.
   */
  drive?: FolderPages;
}

interface Parent {
  api: UploadApi;
  parentType: string;
  parentNode: string;
  extra?: string;
}

const UPLOAD_ID_EXPIRED = 1061021;

/**
 * Answers that mean Feishu no longer takes an upload_id an earlier run left: expired (1061021), prepared by
 * another identity (1062007), unknown (1061002: after Feishu dropped the session, or its finish went through),
 * or blocks missing at finish though recorded as sent (1062010). Such an upload starts over with a new prepare.
 */
const SESSION_REFUSED: ReadonlySet<number | string> = new Set([1061021, 1062007, 1061002, 1062010]);

/**
 * A part whose bytes had all left when the upload was cancelled gets this long for its answer, in ms (3 s): a
 * part Feishu stored is then recorded, not sent again by the next run. Cancel still stops within that part.
 */
const PART_GRACE_MS = 3000;

/** Uploads one file per call: upload_all up to 20 MiB, prepare/part/finish above. */
export class Uploader {
  private rootLookup?: Promise<string>;
  /** Records of uploads done but not reported yet (options.untilReported), by file token. */
  private readonly unreported = new Map<string, TrackedUpload>();
  private readonly clock: Clock;
  private readonly resume?: ResumeTracker;

  constructor(
    private readonly client: FeishuClient,
    private readonly options: UploaderOptions = {},
  ) {
    this.clock = options.clock ?? systemClock;
    this.resume = options.resume && new ResumeTracker(options.resume);
  }

  async upload(source: FileSource, target: UploadTarget, options: UploadOptions = {}): Promise<UploadResult> {
    const started = this.clock.now();
    checkName(source.name);
    if (options.signal?.aborted) throw cancelledError();
    const parent = await this.resolveParent(target, options.signal);
    const method = chooseMethod(source.size);
    const sent =
      method === 'all'
        ? parent.api === 'files'
          ? await this.tracked(source, parent, options, (t) => this.uploadAll(source, parent, options, t), 'untracked')
          : await this.uploadAll(source, parent, options)
        : await this.tracked(source, parent, options, (t) => this.uploadMultipartWithRestart(source, parent, options, t));
    return {
      fileToken: sent.fileToken,
      name: source.name,
      bytes: source.size,
      parts: sent.parts,
      method,
      ms: Math.round(this.clock.now() - started),
      resumedFromPart: sent.resumedFromPart ?? 0,
      recovered: sent.recovered ?? false,
    };
  }

  /**
   * The caller reported the upload of `fileToken` (made with options.untilReported): its record goes. A token
   * without a record (an upload that kept none, a skipped file) is ignored.
   */
  async reported(fileToken: string): Promise<void> {
    const tracked = this.unreported.get(fileToken);
    this.unreported.delete(fileToken);
    await tracked?.forget();
  }

  /**
   * Removes resume records whose upload_id is dead (24 h after prepare). Callers run it now and then (the CLI
   * on every upload command, the extension at start-up); returns how many went.
   */
  async sweepRecords(): Promise<number> {
    if (!this.resume || !this.options.resume) return 0;
    return this.options.resume.store.sweep(this.resume.now() - this.resume.lifeMs);
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

  /**
   * upload_all. To a folder it is recorded just before it leaves, so an answer lost on the way back (a cut
   * connection here, a killed process before the next run) is followed by a look in the folder, not by a second
   * copy. A body that never left completely cannot have been stored: no look then.
   */
  private async uploadAll(source: FileSource, parent: Parent, options: UploadOptions, tracked?: TrackedUpload): Promise<Sent> {
    const { signal } = options;
    const previous = tracked?.previous;
    if (previous?.method === 'all') {
      const found = await this.lookForFinished(source, parent, previous, signal, { relist: false });
      if (found) return { fileToken: found, parts: 1, recovered: true };
    }
    const checksum = await streamChecksum(source, signal);
    const report = monotonic(options.onProgress);
    let loaded = 0;
    let bodySent = false;
    const onBytes = (n: number, confirmed = 0): void => {
      loaded = n;
      report({ bytesSent: Math.min(n, source.size), bytesConfirmed: confirmed, totalBytes: source.size, part: 1, parts: 1 });
    };
    const form = (): FormData => {
      loaded = 0;
      const f = parentFields(parent, source.name);
      f.append('size', String(source.size));
      f.append('checksum', checksum);
      if (parent.extra !== undefined) f.append('extra', parent.extra);
      f.append('file', countingPassThrough(source.stream(), onBytes), { filename: source.name, contentType: 'application/octet-stream', knownLength: source.size });
      return f;
    };
    // Feishu's clock when the first attempt leaves, less its uncertainty (the Date header has 1 s resolution).
    const serverNow = tracked ? this.client.serverNow() : undefined;
    const since = { preparedAt: this.wallNow(), serverPreparedAt: serverNow === undefined ? undefined : serverNow - 1500 };
    await tracked?.sendingAll(since.serverPreparedAt);
    let answerLost = false;
    const attempt = async (): Promise<{ file_token: string; recovered?: boolean }> => {
      if (answerLost && tracked) {
        // Inside this retry loop already: a listing that fails is retried with the upload, not on its own.
        const found = await this.lookForFinished(source, parent, since, signal, { relist: true, once: true });
        if (found) return { file_token: found, recovered: true };
      }
      try {
        return await this.client.uploadAll(parent.api, form, signal);
      } catch (err) {
        const whole = loaded >= source.size;
        bodySent ||= whole;
        if (whole && ambiguous(err)) answerLost = true;
        throw err;
      }
    };
    let res: { file_token: string; recovered?: boolean };
    try {
      res = await withRetry(attempt, this.retryContext(signal));
    } catch (err) {
      // Never sent whole: Feishu cannot have the file, so there is nothing for a later run to look for.
      if (!bodySent) await tracked?.discard().catch(() => undefined);
      throw err;
    }
    onBytes(source.size, source.size);
    return { fileToken: requireToken(res.file_token, parent.api, 'upload_all'), parts: 1, recovered: res.recovered };
  }

  /**
   * An upload under its record (when the uploader keeps them): an earlier interrupted run of the same file to the
   * same place is continued, a new one recorded. On success or a failure that can never be continued the record
   * goes; on cancel or a network that gave out it stays, for the next run.
   *
   * `whenBusy`: what to do when another process holds the record. A multipart upload is refused (UPLOAD_IN_PROGRESS:
   * two processes must never drive one upload_id). A single upload_all has nothing to continue: it goes ahead
   * without a record, as two runs of the same command always did (the other run keeps its record).
   */
  private async tracked(
    source: FileSource,
    parent: Parent,
    options: UploadOptions,
    upload: (tracked?: TrackedUpload) => Promise<Sent>,
    whenBusy: 'refuse' | 'untracked' = 'refuse',
  ): Promise<Sent> {
    const target = { api: parent.api, parentType: parent.parentType, parentNode: parent.parentNode, extra: parent.extra };
    const tracked = await this.resume?.open(source, target, options.resume ?? 'auto').catch((err: unknown) => {
      if (whenBusy === 'untracked' && err instanceof FeishuError && err.code === 'UPLOAD_IN_PROGRESS') return undefined;
      throw err;
    });
    try {
      if (tracked?.startOver) options.onStartOver?.(tracked.startOver);
      const sent = (await this.storedEarlier(source, parent, tracked, options.signal)) ?? (await upload(tracked));
      // Done: the record goes, or says so until the caller reported it. Failing to write it must not fail an
      // upload that worked (a later run finds the file in the folder, or its upload_id spent, and starts over).
      const warn = (err: unknown): void => this.options.resume?.onWarning?.(`Could not update the resume record of ${source.name}: ${String(err)}`);
      if (tracked && options.untilReported) {
        await tracked.stored(sent.fileToken).catch(warn);
        this.unreported.set(sent.fileToken, tracked);
      } else {
        await tracked?.discard().catch(warn);
      }
      return sent;
    } catch (err) {
      if (tracked && !keepsRecord(err)) await tracked.discard().catch(() => undefined);
      const kept = tracked?.kept();
      if (kept && keepsRecord(err) && !(err instanceof FeishuError && err.code === 'UPLOAD_IN_PROGRESS')) options.onKept?.(kept);
      throw err;
    } finally {
      await tracked?.release();
    }
  }

  /**
   * An earlier run stored this file but was stopped before it reported it (its record carries the file's token):
   * that file, when it is still in the folder (media cannot be listed: their token is taken as it is). Deleted
   * since: the record goes and the file is uploaded anew.
   */
  private async storedEarlier(source: FileSource, parent: Parent, tracked: TrackedUpload | undefined, signal?: AbortSignal): Promise<Sent | undefined> {
    const previous = tracked?.previous;
    if (!tracked || !previous?.fileToken) return undefined;
    const token = parent.api === 'files' ? await this.lookForFinished(source, parent, previous, signal, { relist: false, token: previous.fileToken }) : previous.fileToken;
    if (token) return { fileToken: token, parts: previous.blockNum, recovered: true };
    await tracked.startAfresh();
    return undefined;
  }

  private async uploadMultipartWithRestart(source: FileSource, parent: Parent, options: UploadOptions, tracked?: TrackedUpload): Promise<Sent> {
    const maxRestarts = this.options.maxRestarts ?? 2;
    let previous = tracked?.previous?.method === 'multipart' ? tracked.previous : undefined;
    for (let restart = 0; ; ) {
      try {
        return await this.uploadMultipart(source, parent, options, tracked, previous);
      } catch (err) {
        if (options.signal?.aborted || !(err instanceof FeishuError)) throw err;
        if (previous && SESSION_REFUSED.has(err.code)) {
          // What an earlier run left is gone on Feishu's side: start over, once, without using a restart.
          previous = undefined;
          await tracked?.discard();
          options.onStartOver?.('refused');
          continue;
        }
        if (err.code !== UPLOAD_ID_EXPIRED || restart >= maxRestarts) throw err;
        restart++;
        await tracked?.discard();
      }
    }
  }

  private async uploadMultipart(source: FileSource, parent: Parent, options: UploadOptions, tracked: TrackedUpload | undefined, previous: SessionRecord | undefined): Promise<Sent> {
    const { signal } = options;
    const report = monotonic(options.onProgress);
    const retry = this.retryContext(signal);
    let session: { uploadId: string; blockSize: number; blockNum: number; confirmed: Set<number>; preparedAt: number; serverPreparedAt?: number };
    let resumedFromPart: number | undefined;
    if (previous) {
      session = { ...previous, confirmed: new Set(previous.confirmed) };
      if (previous.finishSentAt !== undefined) {
        // The last run sent upload_finish and got no answer: the file may exist. Never store it twice.
        const found = await this.lookForFinished(source, parent, previous, signal, { relist: false });
        if (found) return { fileToken: found, parts: previous.blockNum, resumedFromPart: previous.blockNum + 1, recovered: true };
      }
      let first = 0;
      while (session.confirmed.has(first)) first++;
      resumedFromPart = first + 1;
      options.onResume?.({ fromPart: resumedFromPart, parts: previous.blockNum, skippedBytes: confirmedBytes(previous) });
    } else {
      const prepared: Prepared = await withRetry(
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
      planBlocks(source.size, prepared, endpoint); // refuses a plan that does not fit before anything is recorded
      session = {
        uploadId: prepared.upload_id,
        blockSize: prepared.block_size,
        blockNum: prepared.block_num,
        confirmed: new Set(),
        preparedAt: this.wallNow(),
        serverPreparedAt: prepared.answeredAt,
      };
      await tracked?.prepared(prepared.upload_id, prepared.block_size, prepared.block_num, prepared.answeredAt);
    }
    const uploadId = session.uploadId;
    const blocks = planBlocks(source.size, { block_size: session.blockSize, block_num: session.blockNum });
    const todo = blocks.filter((b) => !session.confirmed.has(b.seq));
    let confirmed = blocks.filter((b) => session.confirmed.has(b.seq)).reduce((sum, b) => sum + b.length, 0);
    if (confirmed > 0) report({ bytesSent: confirmed, bytesConfirmed: confirmed, totalBytes: source.size, part: (todo[0]?.seq ?? blocks.length - 1) + 1, parts: blocks.length });
    // Two block buffers, used in turn: one on the wire, the other being filled. A buffer is refilled only
    // after the part that used it has been answered, so no request ever sends half-overwritten bytes.
    const bufferSize = Math.min(session.blockSize, source.size);
    const buffers = [Buffer.allocUnsafe(bufferSize), Buffer.allocUnsafe(bufferSize)];
    const read = (i: number): Promise<{ block: Block; data: Buffer; checksum: string }> =>
      source.read(todo[i].offset, todo[i].length, buffers[i % 2]).then((data) => ({ block: todo[i], data, checksum: adler32(data) }));

    // Read and checksum block i+1 while block i is on the wire: the disk and CPU never hold up the network.
    let next: ReturnType<typeof read> | undefined = todo.length > 0 ? read(0) : undefined;
    try {
      for (let i = 0; i < todo.length; i++) {
        const current = await next!;
        next = undefined;
        // Read and checksum the next block once this part's bytes flow, not before: the checksum holds the
        // event loop for a few ms, and doing that between pacing a call and sending it would make Feishu see
        // our calls closer together than we timed them.
        const readAhead = (): void => {
          if (next || i + 1 >= todo.length) return;
          next = read(i + 1);
          next.catch(() => undefined); // observed here; awaited (and rethrown) on the next turn
        };
        const base = confirmed;
        let loadedOfPart = 0;
        const onBytes = (loaded: number): void => {
          loadedOfPart = loaded;
          readAhead();
          report({ bytesSent: base + Math.min(loaded, current.data.length), bytesConfirmed: base, totalBytes: source.size, part: current.block.seq + 1, parts: blocks.length });
        };
        const form = (): FormData => {
          const f = new FormData();
          f.append('upload_id', uploadId);
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
        // A cancel that comes once the whole part is on its way lets the answer arrive first (PART_GRACE_MS).
        const part = lingeringSignal(signal, () => loadedOfPart >= current.data.length, PART_GRACE_MS, this.clock);
        try {
          await withRetry(() => this.client.uploadPart(parent.api, form, part.signal), retry);
        } finally {
          part.dispose();
        }
        onBytes(current.data.length); // also starts the read-ahead if no byte was counted yet
        confirmed += current.data.length;
        // Recorded before the next part leaves: a crash from here on costs no part twice.
        await tracked?.confirmed(current.block.seq);
        report({ bytesSent: confirmed, bytesConfirmed: confirmed, totalBytes: source.size, part: current.block.seq + 1, parts: blocks.length });
      }
    } finally {
      // Never leave a read running against a file the caller is about to close.
      await next?.catch(() => undefined);
    }
    const finished = await this.finish(source, parent, session, blocks.length, tracked, previous?.finishSentAt !== undefined, signal);
    return { fileToken: finished.token, parts: blocks.length, resumedFromPart, recovered: finished.recovered };
  }

  /** Epoch ms: resume records and folder listings count in wall time, not the monotonic clock. */
  private wallNow(): number {
    return this.resume?.now() ?? Date.now();
  }

  /**
   * upload_finish, recorded as sent before it leaves. When an answer was lost on the way (a network error, a
   * timeout, HTTP 5xx) and the retry is refused, the finish may have gone through: the folder is checked for
   * the file before anything is reported or sent again.
   */
  private async finish(
    source: FileSource,
    parent: Parent,
    session: { uploadId: string; preparedAt: number; serverPreparedAt?: number },
    blockNum: number,
    tracked: TrackedUpload | undefined,
    sentBefore: boolean,
    signal: AbortSignal | undefined,
  ): Promise<{ token: string; recovered: boolean }> {
    await tracked?.finishing();
    let answerLost = sentBefore;
    const once = (): Promise<{ file_token: string }> =>
      this.client.uploadFinish(parent.api, session.uploadId, blockNum, signal).catch((err: unknown) => {
        if (ambiguous(err)) answerLost = true;
        throw err;
      });
    try {
      const res = await withRetry(once, this.retryContext(signal));
      return { token: requireToken(res.file_token, parent.api, 'upload_finish'), recovered: false };
    } catch (err) {
      if (!answerLost || signal?.aborted || !(err instanceof FeishuError) || err.retryable) throw err;
      const found = await this.lookForFinished(source, parent, session, signal, { relist: true, cause: err });
      if (found) return { token: found, recovered: true };
      throw err;
    }
  }

  /**
   * After a finish whose answer was lost: the file in the target folder, created since prepare, or undefined.
   * Media have no folder to look in (undefined). When the folder cannot be listed for good (a missing scope, no
   * permission) the upload stops with FINISH_UNCONFIRMED rather than risk a second copy.
   */
  private async lookForFinished(
    source: FileSource,
    parent: Parent,
    record: Pick<SessionRecord, 'preparedAt' | 'serverPreparedAt'>,
    signal: AbortSignal | undefined,
    how: { relist: boolean; once?: boolean; cause?: FeishuError; token?: string },
  ): Promise<string | undefined> {
    if (parent.api !== 'files') return undefined;
    const query = { folderToken: parent.parentNode, name: source.name, size: source.size, serverPreparedAt: record.serverPreparedAt, localPreparedAt: record.preparedAt, token: how.token, signal };
    return lookInFolder(this.options.drive, query, {
      retry: how.once ? undefined : this.retryContext(signal),
      relist: how.relist,
      cause: how.cause,
      sleep: (ms, s) => this.clock.sleep(ms, s),
    });
  }
}

/** A failure after which the request may have been handled: the answer, not the request, may be what was lost. */
function ambiguous(err: unknown): boolean {
  return err instanceof FeishuError && (err.category === 'network' || err.code === 'HTTP_ERROR');
}

/**
 * Whether an upload that failed with `err` keeps its record for a later run: after a cancel, a network that
 * gave out (retryable errors, retries used up), a lock another process took over, or a bug. Errors that a later
 * run would meet again (permission, quota, a changed file …) drop it.
 */
function keepsRecord(err: unknown): boolean {
  if (!(err instanceof FeishuError)) return true;
  return err.code === 'CANCELLED' || err.code === 'UPLOAD_IN_PROGRESS' || err.retryable;
}

/** Progress never goes back: a retried part re-sends bytes that were already counted once. */
function monotonic(onProgress: UploadOptions['onProgress']): (p: UploadProgress) => void {
  let high = -1;
  let highConfirmed = -1;
  let lastPart = 0;
  return (p) => {
    const moved = p.bytesSent > high || (p.bytesSent === high && p.part !== lastPart) || p.bytesConfirmed > highConfirmed;
    if (!moved || p.bytesSent < high) return;
    high = p.bytesSent;
    highConfirmed = Math.max(highConfirmed, p.bytesConfirmed);
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
