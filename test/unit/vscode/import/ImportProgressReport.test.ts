import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { type ImportProgress } from '../../../../src/core';
import { ImportProgressReport } from '../../../../src/vscode/import/ImportProgressReport';
import { english } from '../../../../src/core';
import { FakeClock } from '../../../helpers/FakeClock';

void test('import progress: upload fills half the bar, each status check a step more, never back, throttled', async () => {
  const clock = new FakeClock();
  const reports: { message: string; increment: number }[] = [];
  const progress = new ImportProgressReport('plan.md', clock, english, (r) => reports.push(r), 200);
  const upload = (bytesSent: number): ImportProgress => ({ phase: 'upload', upload: { bytesSent, bytesConfirmed: 0, totalBytes: 1000, part: 1, parts: 1 } });
  progress.update(upload(0));
  progress.update(upload(500));
  progress.update(upload(1000));
  await clock.advance(200);
  progress.update({ phase: 'convert', jobStatus: 1, polls: 1 });
  await clock.advance(200);
  progress.update({ phase: 'convert', jobStatus: 2, polls: 2 });
  await clock.advance(200);
  progress.dispose();
  assert.deepEqual(reports, [
    { message: 'Uploading plan.md: 0%', increment: 0, percent: 0 },
    { message: 'Uploading plan.md: 100%', increment: 50, percent: 50 },
    { message: 'Feishu is converting plan.md…', increment: 10, percent: 60 },
    { message: 'Feishu is converting plan.md…', increment: 10, percent: 70 },
  ]);
});
