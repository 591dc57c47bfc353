import type { Clock, ImportProgress, Translate } from '../../core';
import type { ProgressReport } from '../upload/BatchProgress';
import { PROGRESS_INTERVAL_MS } from '../upload/BatchProgress';
import { Throttle } from '../ui/Throttle';

/** Share of the bar for the upload; the rest fills while Feishu converts, a step per status check. */
const UPLOAD_SHARE = 50;
const CONVERT_STEP = 10;
const CONVERT_MAX = 95;

/**
 * An import's progress for the notification: the upload's bytes, then "Feishu is converting…" while the
 * task is polled; at most one report per interval, and the bar never moves back.
 */
export class ImportProgressReport {
  private readonly throttle: Throttle;
  private percent = 0;
  private reported = 0;
  private message = '';

  constructor(
    private readonly name: string,
    clock: Clock,
    private readonly t: Translate,
    private readonly onReport: (report: ProgressReport) => void,
    intervalMs = PROGRESS_INTERVAL_MS,
  ) {
    this.throttle = new Throttle(clock, intervalMs, () => this.emit());
  }

  update(p: ImportProgress): void {
    if (p.phase === 'upload') {
      const uploaded = p.upload.totalBytes === 0 ? 100 : Math.floor((p.upload.bytesSent * 100) / p.upload.totalBytes);
      this.percent = Math.floor((uploaded * UPLOAD_SHARE) / 100);
      this.message = this.t('Uploading {0}: {1}%', this.name, uploaded);
    } else {
      this.percent = Math.min(CONVERT_MAX, UPLOAD_SHARE + CONVERT_STEP * p.polls);
      this.message = this.t('Feishu is converting {0}…', this.name);
    }
    this.throttle.push();
  }

  dispose(): void {
    this.throttle.dispose();
  }

  private emit(): void {
    const increment = Math.max(0, this.percent - this.reported);
    this.reported += increment;
    this.onReport({ message: this.message, increment, percent: this.reported });
  }
}
