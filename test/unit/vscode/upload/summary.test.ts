import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { runBatch } from '../../../../src/vscode/upload/batch';
import { batchSummary, filesToRetry, linksText, nameList, uploadedFiles } from '../../../../src/vscode/upload/summary';
import { english as t } from '../../../../src/core';
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
