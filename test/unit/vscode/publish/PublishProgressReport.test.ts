import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { english } from '../../../../src/core';
import { PublishProgressReport } from '../../../../src/vscode/publish/PublishProgressReport';
import { FakeClock } from '../../../helpers/FakeClock';

void test('publish progress: converting, blocks up to 60 %, images up to 95 %, then removing the old content; throttled, never back', async () => {
  const clock = new FakeClock();
  const reports: { message: string; increment: number; percent: number }[] = [];
  const progress = new PublishProgressReport('notes.md', clock, english, (r) => reports.push(r), 200);
  progress.update({ stage: 'converting' });
  await clock.advance(200);
  progress.update({ stage: 'blocks', done: 0, total: 2000 });
  progress.update({ stage: 'blocks', done: 1000, total: 2000 });
  await clock.advance(200);
  progress.update({ stage: 'blocks', done: 2000, total: 2000 });
  await clock.advance(200);
  progress.update({ stage: 'images', done: 1, total: 2 });
  await clock.advance(200);
  progress.update({ stage: 'images', done: 2, total: 2 });
  await clock.advance(200);
  progress.update({ stage: 'finishing' });
  await clock.advance(200);
  progress.dispose();
  assert.deepEqual(reports, [
    { message: 'Converting notes.md…', increment: 0, percent: 0 },
    { message: 'Adding blocks: 0/2000', increment: 5, percent: 5 },
    { message: 'Adding blocks: 1000/2000', increment: 27, percent: 32 },
    { message: 'Adding blocks: 2000/2000', increment: 28, percent: 60 },
    { message: 'Uploading images: 1/2', increment: 17, percent: 77 },
    { message: 'Uploading images: 2/2', increment: 18, percent: 95 },
    { message: 'Removing the previous content…', increment: 0, percent: 95 },
  ]);
});
