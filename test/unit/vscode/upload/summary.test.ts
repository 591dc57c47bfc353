import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { runBatch, type BatchFile, type UploadOne } from '../../../../src/vscode/upload/batch';
import { batchSummary, filesToRetry, keptFiles, keptPercent, linkedFiles, linksText, nameList, uploadedFiles } from '../../../../src/vscode/upload/summary';
import { english as t, FeishuError } from '../../../../src/core';
import { BATCH_FILES as files, fakeUploadOne as uploader } from '../../../helpers/batchFakes';

void test('all uploaded: one line, and the links of every file', async () => {
  const result = await runBatch(files, uploader(), new AbortController().signal);
  assert.equal(batchSummary(result, t), '4 files uploaded to Feishu.');
  assert.equal(linksText(uploadedFiles(result)).split('\n')[0], '[a.txt](https://www.feishu.cn/file/tok_a.txt)');
  assert.deepEqual(filesToRetry(result), []);
});

void test('long name lists are cut', () => {
  assert.equal(nameList(['a', 'b'], t), 'a, b');
  assert.equal(nameList(['1', '2', '3', '4', '5', '6', '7'], t), '1, 2, 3, 4, 5 and 2 more');
});

void test('skipped files: counted, linked, never retried', async () => {
  const skipping: UploadOne = async (file) =>
    file.name === 'b.txt'
      ? { fileToken: 'tok_b', name: 'b.txt', bytes: 20, parts: 1, method: 'all', ms: 1, resumedFromPart: 0, recovered: false, url: 'https://t/file/tok_b' }
      : { skipped: true, name: file.name, fileToken: `old_${file.name}`, folderToken: 'fld', url: `https://t/file/old_${file.name}` };
  const some = await runBatch(files.slice(0, 2), skipping, new AbortController().signal);
  assert.equal(batchSummary(some, t), '1 files uploaded to Feishu. 1 skipped: already in the Feishu folder.');
  assert.deepEqual(linkedFiles(some).map((f) => f.url), ['https://t/file/old_a.txt', 'https://t/file/tok_b']);
  assert.deepEqual(filesToRetry(some), []);
  const none = await runBatch([files[0], files[2]], skipping, new AbortController().signal);
  assert.equal(batchSummary(none, t), 'Nothing new to upload. 2 skipped: already in the Feishu folder.');
  const failing: UploadOne = async (file) => {
    if (file.name === 'c.txt') throw new Error('boom');
    return skipping(file, new AbortController().signal, () => undefined);
  };
  const mixed = await runBatch(files.slice(0, 3), failing, new AbortController().signal);
  assert.equal(batchSummary(mixed, t), '1 uploaded, 1 failed. 1 skipped: already in the Feishu folder.');
  assert.deepEqual(filesToRetry(mixed).map((f) => f.name), ['c.txt']);
});

void test('a cancel or failure that left parts on Feishu says how far it got: "Cancelled at N %"', async () => {
  const MiB = 1024 * 1024;
  const kept = { name: 'big.bin', confirmedParts: 5, parts: 11, confirmedBytes: 20 * MiB, totalBytes: 41 * MiB, resumableUntil: 0 };
  const big: BatchFile = { path: '/w/big.bin', name: 'big.bin', size: 41 * MiB };
  const cancel = new AbortController();
  const stopped: UploadOne = async (_file, _signal, _progress, onKept) => {
    onKept?.(kept);
    cancel.abort();
    throw new FeishuError({ code: 'CANCELLED' });
  };
  const one = await runBatch([big], stopped, cancel.signal);
  assert.deepEqual(one.outcomes[0], { file: big, status: 'notUploaded', kept });
  assert.equal(batchSummary(one, t), 'Cancelled at 48 %: 20.0 MiB of big.bin are on Feishu. Resume sends only the rest.');
  assert.deepEqual(keptFiles(one), [{ name: 'big.bin', kept }]);

  const cancel2 = new AbortController();
  const batch = await runBatch([files[0], big, files[1]], async (file, signal, onProgress, onKept) => {
    if (file === big) {
      onKept?.(kept);
      cancel2.abort();
      throw new FeishuError({ code: 'CANCELLED' });
    }
    return uploader()(file, signal, onProgress);
  }, cancel2.signal);
  assert.equal(batchSummary(batch, t), 'Upload cancelled: 1 of 3 files uploaded. Not uploaded: big.bin, b.txt. big.bin stopped at 48 %; Resume sends only the rest.');

  const network = await runBatch([big], async (_f, _s, _p, onKept) => {
    onKept?.(kept);
    throw new FeishuError({ code: 'NETWORK' });
  }, new AbortController().signal);
  assert.equal(batchSummary(network, t), '0 uploaded, 1 failed. big.bin stopped at 48 %; Resume sends only the rest.');
  assert.equal(keptPercent({ ...kept, confirmedBytes: 41 * MiB }), 99, 'an unfinished file is never at 100 %');
});
