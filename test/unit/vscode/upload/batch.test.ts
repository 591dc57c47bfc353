import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { cancelledError, english as t, FeishuError } from '../../../../src/core';
import { runBatch, stopsBatch, type UploadOne } from '../../../../src/vscode/upload/batch';
import { batchSummary, filesToRetry } from '../../../../src/vscode/upload/summary';
import { BATCH_FILES as files, fakeUploadOne as uploader } from '../../../helpers/batchFakes';

void test('a file-specific failure does not stop the batch: "n uploaded, k failed" and Retry Failed gets it', async () => {
  const result = await runBatch(files, uploader({ 'b.txt': new FeishuError({ code: 'FILE_CHANGED' }), 'c.txt': new FeishuError({ code: 1061113 }) }), new AbortController().signal);
  assert.equal(batchSummary(result, t), '2 uploaded, 2 failed.');
  assert.deepEqual(filesToRetry(result).map((f) => f.name), ['b.txt', 'c.txt']);
});

void test('an error every later file would meet stops the batch; the rest are reported as not tried', async () => {
  const tried: string[] = [];
  const result = await runBatch(files, uploader({ 'b.txt': new FeishuError({ code: 99991663 }) }, (f) => tried.push(f.name)), new AbortController().signal);
  assert.deepEqual(tried, ['a.txt', 'b.txt']);
  assert.deepEqual(result.outcomes.map((o) => o.status), ['uploaded', 'failed', 'notUploaded', 'notUploaded']);
  assert.equal(batchSummary(result, t), '1 uploaded, 1 failed. 2 not tried after that error.');
  assert.deepEqual(filesToRetry(result).map((f) => f.name), ['b.txt', 'c.txt', 'd.txt']);
});

void test('which errors stop a batch', () => {
  for (const code of [99991663, 99991672, 1061004, 1061044, 1061101, 'NETWORK', 'NO_CREDENTIALS'] as const) assert.ok(stopsBatch(new FeishuError({ code })), String(code));
  for (const code of [1061043, 1061113, 1062008, 'FILE_EMPTY', 'FILE_NOT_FOUND', 'BAD_RESPONSE'] as const) assert.ok(!stopsBatch(new FeishuError({ code })), String(code));
  assert.ok(!stopsBatch(new Error('bug')));
});

void test('Cancel: the file on the wire and the rest are not uploaded, and the summary says which', async () => {
  const controller = new AbortController();
  const upload: UploadOne = async (file, signal) => {
    if (file.name === 'b.txt') {
      controller.abort();
      assert.ok(signal.aborted);
      throw cancelledError();
    }
    return uploader()(file, signal, () => undefined);
  };
  const result = await runBatch(files, upload, controller.signal);
  assert.equal(result.cancelled, true);
  assert.deepEqual(result.outcomes.map((o) => o.status), ['uploaded', 'notUploaded', 'notUploaded', 'notUploaded']);
  assert.equal(batchSummary(result, t), 'Upload cancelled: 1 of 4 files uploaded. Not uploaded: b.txt, c.txt, d.txt.');
  const single = await runBatch(files.slice(0, 1), async () => {
    throw cancelledError();
  }, AbortSignal.abort());
  assert.equal(batchSummary(single, t), 'Upload cancelled: a.txt was not uploaded.');
});

void test('a bug in one file is a failure of that file, not of the batch', async () => {
  const result = await runBatch(files.slice(0, 2), uploader({ 'a.txt': new TypeError('oops') }), new AbortController().signal);
  assert.deepEqual(result.outcomes.map((o) => o.status), ['failed', 'uploaded']);
});

void test('the listener hears each file start, its bytes and its end', async () => {
  const events: string[] = [];
  await runBatch(files.slice(0, 2), uploader(), new AbortController().signal, {
    fileStarted: (i) => events.push(`start ${i}`),
    fileProgress: (b) => events.push(`bytes ${b}`),
    fileFinished: (i, o) => events.push(`end ${i} ${o.status}`),
  });
  assert.deepEqual(events, ['start 0', 'bytes 10', 'end 0 uploaded', 'start 1', 'bytes 20', 'end 1 uploaded']);
});
