import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { BatchProgress, type ProgressReport } from '../../../../src/vscode/upload/BatchProgress';
import { english } from '../../../../src/core';
import { FakeClock } from '../../../helpers/FakeClock';

void test('batch progress: file i of N, percent, bytes, speed and ETA; increments add up to the percent', async () => {
  const clock = new FakeClock();
  const reports: ProgressReport[] = [];
  const files = [
    { name: 'a.pdf', size: 4 * 1024 * 1024 },
    { name: 'b.zip', size: 4 * 1024 * 1024 },
  ];
  const p = new BatchProgress(files, clock, english, (r) => reports.push(r));
  p.fileStarted(0);
  assert.equal(reports[0].message, 'File 1 of 2: a.pdf · 0% · 0 B of 8.0 MiB');
  for (let i = 1; i <= 8; i++) {
    await clock.advance(250);
    p.fileProgress(i * 512 * 1024); // 2 MiB/s
  }
  p.fileFinished(0);
  p.fileStarted(1);
  await clock.advance(250);
  p.fileProgress(1024 * 1024);
  assert.match(reports.at(-1)!.message, /· 50% ·/, 'within 200 ms of the last report: held back');
  await clock.advance(200); // …and shown at the end of the interval
  const last = reports.at(-1)!;
  assert.match(last.message, /^File 2 of 2: b\.zip · 62% · 5\.0 MiB of 8\.0 MiB · 2\.\d MiB\/s · [12]s left$/);
  assert.equal(reports.reduce((sum, r) => sum + r.increment, 0), last.percent);
  p.dispose();
});

void test('batch progress: never more than one report per 200 ms however often the engine reports', async () => {
  const clock = new FakeClock();
  const at: number[] = [];
  const p = new BatchProgress([{ name: 'big.bin', size: 100_000 }], clock, english, () => at.push(clock.now()));
  p.fileStarted(0);
  for (let i = 1; i <= 1000; i++) {
    p.fileProgress(i * 100);
    if (i % 10 === 0) await clock.advance(5);
  }
  await clock.advance(300);
  for (let i = 1; i < at.length; i++) assert.ok(at[i] - at[i - 1] >= 200, `reports at ${at[i - 1]} and ${at[i]}`);
  assert.ok(at.length <= 1 + Math.ceil(800 / 200));
  p.dispose();
});

void test('batch progress: a resent part never moves the bar back; one file shows no "File 1 of 1"', async () => {
  const clock = new FakeClock();
  const reports: ProgressReport[] = [];
  const p = new BatchProgress([{ name: 'x.bin', size: 1000 }], clock, english, (r) => reports.push(r));
  p.fileStarted(0);
  await clock.advance(200);
  p.fileProgress(600);
  await clock.advance(200);
  p.fileProgress(200); // the part is sent again after a retry
  await clock.advance(200);
  assert.ok(reports.every((r) => r.increment >= 0));
  assert.match(reports[0].message, /^x\.bin · 0%/);
  p.dispose();
});

void test('batch progress: a resumed file starts where it stopped, and the bytes already on Feishu do not count as speed', async () => {
  const clock = new FakeClock();
  const reports: ProgressReport[] = [];
  const MiB = 1024 * 1024;
  const p = new BatchProgress([{ name: 'big.bin', size: 40 * MiB }], clock, english, (r) => reports.push(r));
  p.fileStarted(0);
  await clock.advance(250);
  p.fileSkipped(20 * MiB); // what an earlier run left on Feishu
  p.fileProgress(20 * MiB); // the engine's first report: the same bytes
  await clock.advance(1000);
  p.fileProgress(22 * MiB); // 2 MiB sent since the file started 1.25 s ago
  await clock.advance(200);
  // 1.6 MiB/s (not the 17.6 MiB/s the skipped bytes would make it), 18 MiB to go.
  assert.equal(reports.at(-1)!.message, 'big.bin · 55% · 22.0 MiB of 40.0 MiB · 1.6 MiB/s · 11s left');
  p.dispose();
});
