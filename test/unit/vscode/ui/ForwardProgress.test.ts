import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { ForwardProgress } from '../../../../src/vscode/ui/ForwardProgress';
import { FakeClock } from '../../../helpers/FakeClock';

void test('the latest state per interval, as increments that never go back', async () => {
  const clock = new FakeClock();
  const reports: { message: string; increment: number; percent: number }[] = [];
  const bar = new ForwardProgress(clock, (r) => reports.push(r), 100);
  bar.set(10, 'a');
  bar.set(20, 'b');
  bar.set(30, 'c');
  await clock.advance(100);
  bar.set(25, 'back');
  await clock.advance(100);
  bar.set(80, 'd');
  bar.dispose();
  await clock.advance(100);
  assert.deepEqual(reports, [
    { message: 'a', increment: 10, percent: 10 },
    { message: 'c', increment: 20, percent: 30 },
    { message: 'back', increment: 0, percent: 30 },
  ]);
});
