import type { Clock, PublishProgress, Translate } from '../../core';
import type { ProgressReport } from '../upload/BatchProgress';
import { PROGRESS_INTERVAL_MS } from '../upload/BatchProgress';
import { Throttle } from '../ui/Throttle';

/** Where each stage starts on the bar, in percent: blocks fill 5-60, images 60-95, removing the old content 95. */
const CONVERTED = 5;
const BLOCKS_END = 60;
const IMAGES_END = 95;

/**
 * A publish's progress for the notification: "Converting…", "Adding blocks: 40/120", "Uploading images: 2/3",
 * "Removing the previous content…"; at most one report per interval, and the bar never moves back.
 */
export class PublishProgressReport {
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

  update(p: PublishProgress): void {
    switch (p.stage) {
      case 'converting':
        this.percent = 0;
        this.message = this.t('Converting {0}…', this.name);
        break;
      case 'blocks':
        this.percent = CONVERTED + Math.floor(((BLOCKS_END - CONVERTED) * p.done) / Math.max(1, p.total));
        this.message = this.t('Adding blocks: {0}/{1}', p.done, p.total);
        break;
      case 'images':
        this.percent = BLOCKS_END + Math.floor(((IMAGES_END - BLOCKS_END) * p.done) / Math.max(1, p.total));
        this.message = this.t('Uploading images: {0}/{1}', p.done, p.total);
        break;
      case 'finishing':
        this.percent = IMAGES_END;
        this.message = this.t('Removing the previous content…');
        break;
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
