import type { ImportProgress } from '../../core';
import { NamedProgressReport } from '../ui/ForwardProgress';

/** Share of the bar for the upload; the rest fills while Feishu converts, a step per status check. */
const UPLOAD_SHARE = 50;
const CONVERT_STEP = 10;
const CONVERT_MAX = 95;

/**
 * An import's progress for the notification: the upload's bytes, then "Feishu is converting…" while the
 * task is polled; at most one report per interval, and the bar never moves back.
 */
export class ImportProgressReport extends NamedProgressReport<ImportProgress> {
  update(p: ImportProgress): void {
    if (p.phase === 'upload') {
      const uploaded = p.upload.totalBytes === 0 ? 100 : Math.floor((p.upload.bytesSent * 100) / p.upload.totalBytes);
      this.bar.set(Math.floor((uploaded * UPLOAD_SHARE) / 100), this.t('Uploading {0}: {1}%', this.name, uploaded));
    } else {
      this.bar.set(Math.min(CONVERT_MAX, UPLOAD_SHARE + CONVERT_STEP * p.polls), this.t('Feishu is converting {0}…', this.name));
    }
  }
}
