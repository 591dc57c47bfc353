import * as path from 'node:path';
import { importJobCode } from '../errors/catalogue';
import { cancelledError, FeishuError } from '../errors/FeishuError';
import type { FeishuClient } from '../feishu/FeishuClient';
import { createImportTask, getImportTask, type ImportTaskResult } from '../feishu/importTasks';
import { systemClock } from '../limits/Clock';
import { retryContext, withRetry, type RetrySettings } from '../limits/retry';
import type { FileSource } from '../upload/FileSource';
import type { UploadProgress, Uploader } from '../upload/Uploader';
import { planImport, type ImportType } from './importFormats';

export interface ImportOptions {
  /** What to create; default the usual one for the extension (docx for text, sheet for spreadsheets). */
  type?: ImportType;
  /** Drive folder for the new document; default the root folder ("My Space"). */
  folderToken?: string;
  signal?: AbortSignal;
  onProgress?: (progress: ImportProgress) => void;
}

/** Uploading the source, then Feishu converting it (polled). */
export type ImportProgress = { phase: 'upload'; upload: UploadProgress } | { phase: 'convert'; jobStatus: number; polls: number };

export interface ImportResult {
  /** Token of the new document, sheet or Base. */
  token: string;
  url: string;
  type: ImportType;
  name: string;
  bytes: number;
  ticket: string;
  /** Feishu's notes on what it could not import (job result `extra`), e.g. truncated tables. */
  notes: string[];
  /** Wall time of upload and conversion, in ms. */
  ms: number;
}

export interface ImporterOptions extends RetrySettings {
  /**
   * Waits before each status poll, in ms; the last repeats. Default 200, 300, 500, 1000, 2000, 3000: small
   * files convert in a second or two, and status reads allow 50 per second.
   */
  pollDelaysMs?: readonly number[];
  /** Gives up waiting after this long, in ms (Feishu may still finish). Default 600000 (10 min). */
  timeoutMs?: number;
}

const RUNNING: ReadonlySet<number> = new Set([1, 2]);

/**
 * Local file → Feishu doc, sheet or Base (docs/feishu/import.md §1): checked against the size caps, uploaded
 * as a temporary ccm_import_open media, turned into an import task, polled until Feishu is done.
 */
export class Importer {
  constructor(
    private readonly client: FeishuClient,
    private readonly uploader: Uploader,
    private readonly options: ImporterOptions = {},
  ) {}

  async import(source: FileSource, options: ImportOptions = {}): Promise<ImportResult> {
    const clock = this.options.clock ?? systemClock;
    const started = clock.now();
    const { signal } = options;
    const plan = planImport(source.name, source.size, options.type);
    if (signal?.aborted) throw cancelledError();
    const extra = JSON.stringify({ obj_type: plan.type, file_extension: plan.extension });
    const upload = await this.uploader.upload(source, { kind: 'media', parentType: 'ccm_import_open', parentNode: '', extra }, {
      signal,
      onProgress: (p) => options.onProgress?.({ phase: 'upload', upload: p }),
    });
    // Not retried: a repeated create after a lost answer would make a second document.
    const ticket = await createImportTask(
      this.client,
      {
        file_extension: plan.extension,
        file_token: upload.fileToken,
        type: plan.type,
        file_name: path.basename(source.name, path.extname(source.name)),
        point: { mount_type: 1, mount_key: options.folderToken ?? '' },
      },
      signal,
    );
    const result = await this.poll(ticket, options);
    return {
      token: result.token!,
      url: result.url ?? '',
      type: plan.type,
      name: source.name,
      bytes: source.size,
      ticket,
      notes: result.extra ?? [],
      ms: Math.round(clock.now() - started),
    };
  }

  /** Until job_status is 0 with a token (0 without one is still pending, as the official CLI treats it). */
  private async poll(ticket: string, options: ImportOptions): Promise<ImportTaskResult> {
    const clock = this.options.clock ?? systemClock;
    const delays = this.options.pollDelaysMs ?? [200, 300, 500, 1000, 2000, 3000];
    const deadline = clock.now() + (this.options.timeoutMs ?? 600_000);
    const retry = retryContext(this.options, options.signal);
    for (let polls = 1; ; polls++) {
      await clock.sleep(delays[Math.min(polls - 1, delays.length - 1)], options.signal);
      const result = await withRetry(() => getImportTask(this.client, ticket, options.signal), retry);
      options.onProgress?.({ phase: 'convert', jobStatus: result.job_status, polls });
      if (result.job_status === 0 && result.token) return result;
      if (result.job_status !== 0 && !RUNNING.has(result.job_status)) {
        throw new FeishuError({
          code: importJobCode(result.job_status),
          endpoint: `drive/v1/import_tasks/${ticket}`,
          detail: result.job_error_msg ? `Feishu says: "${result.job_error_msg}".` : undefined,
        });
      }
      if (clock.now() >= deadline) throw new FeishuError({ code: 'IMPORT_TIMEOUT', detail: `Ticket ${ticket}, last job_status ${result.job_status}.` });
    }
  }
}
