import type { PublishProgress } from '../../core';
import { NamedProgressReport } from '../ui/ForwardProgress';

/** Where each stage is on the bar, in percent: blocks fill 5-60, images 60-95, removing the old content 95. */
const CONVERTED = 5;
const BLOCKS_END = 60;
const IMAGES_END = 95;

/**
 * A publish's progress for the notification: "Converting…", "Adding blocks: 40/120", "Uploading images: 2/3",
 * "Removing the previous content…"; at most one report per interval, and the bar never moves back.
 */
export class PublishProgressReport extends NamedProgressReport<PublishProgress> {
  update(p: PublishProgress): void {
    switch (p.stage) {
      case 'converting':
        return this.bar.set(0, this.t('Converting {0}…', this.name));
      case 'blocks':
        return this.bar.set(CONVERTED + Math.floor(((BLOCKS_END - CONVERTED) * p.done) / Math.max(1, p.total)), this.t('Adding blocks: {0}/{1}', p.done, p.total));
      case 'images':
        return this.bar.set(BLOCKS_END + Math.floor(((IMAGES_END - BLOCKS_END) * p.done) / Math.max(1, p.total)), this.t('Uploading images: {0}/{1}', p.done, p.total));
      case 'finishing':
        return this.bar.set(IMAGES_END, this.t('Removing the previous content…'));
    }
  }
}
