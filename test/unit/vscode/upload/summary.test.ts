import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { runBatch, type BatchFile, type UploadOne } from '../../../../src/vscode/upload/batch';
import { batchSummary, filesToRetry, linksText, nameList, uploadedFiles } from '../../../../src/vscode/upload/summary';
import { english as t } from '../../../../src/core';

const files: BatchFile[] = ['a.txt', 'b.txt', 'c.txt', 'd.txt'].map((name, i) => ({ path: `/w/${name}`, name, size: 10 * (i + 1) }));

function uploader(failures: Record<string, unknown> = {}, onCall?: (f: BatchFile) => void): UploadOne {
  return async (file, _signal, onProgress) => {
    onCall?.(file);
    onProgress(file.size);
    if (file.name in failures) throw failures[file.name];
    return { fileToken: `tok_${file.name}`, name: file.name, bytes: file.size, parts: 1, method: 'all', ms: 1, url: `https://www.feishu.cn/file/tok_${file.name}` };
  };
}

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
