import type { Clock, ImportProgress, Translate } from '../../core';
import type { ProgressReport } from '../upload/BatchProgress';
import { PROGRESS_INTERVAL_MS } from '../upload/BatchProgress';
import { ForwardProgress } from '../ui/ForwardProgress';

/** Share of the bar for the upload; the rest fills while Feishu converts, a step per status check. */
const UPLOAD_SHARE = 50;
const CONVERT_STEP = 10;
const CONVERT_MAX = 95;

/**
 * An import's progress for the notification: the upload's bytes, then "Feishu is converting…" while the
 * task is polled; at most one report per interval, and the bar never moves back.
 */
export class ImportProgressReport {
  private readonly bar: ForwardProgress;

  constructor(
    private readonly name: string,
    clock: Clock,
    private readonly t: Translate,
    onReport: (report: ProgressReport) => void,
    intervalMs = PROGRESS_INTERVAL_MS,
  ) {
    this.bar = new ForwardProgress(clock, onReport, intervalMs);
  }

  update(p: ImportProgress): void {
    if (p.phase === 'upload') {
      const uploaded = p.upload.totalBytes === 0 ? 100 : Math.floor((p.upload.bytesSent * 100) / p.upload.totalBytes);
      this.bar.set(Math.floor((uploaded * UPLOAD_SHARE) / 100), this.t('Uploading {0}: {1}%', this.name, uploaded));
    } else {
      this.bar.set(Math.min(CONVERT_MAX, UPLOAD_SHARE + CONVERT_STEP * p.polls), this.t('Feishu is converting {0}…', this.name));
    }
  }

  dispose(): void {
    this.bar.dispose();
  }
}
