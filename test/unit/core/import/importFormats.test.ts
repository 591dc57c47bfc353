import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { FeishuError, isImportType, planImport } from '../../../../src/core';

const MiB = 1024 * 1024;

void test('the usual type per extension, and the other allowed one on request', () => {
  for (const ext of ['md', 'markdown', 'mark', 'txt', 'html', 'docx', 'doc']) assert.equal(planImport(`a.${ext}`, 10).type, 'docx', ext);
  for (const ext of ['xlsx', 'xls', 'csv']) assert.equal(planImport(`a.${ext}`, 10).type, 'sheet', ext);
  assert.deepEqual(planImport('Data.CSV', 10, 'bitable'), { extension: 'csv', type: 'bitable', maxBytes: 100 * MiB });
  assert.equal(planImport('a.xlsx', 10, 'bitable').type, 'bitable');
  assert.ok(isImportType('sheet') && !isImportType('slides'));
});

void test('every size cap, exactly at the limit and one byte over', () => {
  const caps: [string, 'docx' | 'sheet' | 'bitable', number][] = [
    ['a.docx', 'docx', 600 * MiB],
    ['a.doc', 'docx', 600 * MiB],
    ['a.md', 'docx', 20 * MiB],
    ['a.txt', 'docx', 20 * MiB],
    ['a.html', 'docx', 20 * MiB],
    ['a.xlsx', 'sheet', 800 * MiB],
    ['a.xlsx', 'bitable', 800 * MiB],
    ['a.xls', 'sheet', 20 * MiB],
    ['a.csv', 'sheet', 20 * MiB],
    ['a.csv', 'bitable', 100 * MiB],
  ];
  for (const [name, type, cap] of caps) {
    assert.equal(planImport(name, cap, type).maxBytes, cap, `${name} ${type}`);
    assert.throws(
      () => planImport(name, cap + 1, type),
      (e: unknown) => e instanceof FeishuError && e.code === 'IMPORT_TOO_LARGE' && e.category === 'size',
      `${name} ${type}`,
    );
  }
});

void test('refusals say what was wrong and what works', () => {
  assert.throws(
    () => planImport('big.md', 20 * MiB + 1),
    (e: FeishuError) =>
      e.message === 'The file is larger than Feishu imports allow for this type. big.md is 20.0 MiB (20971521 bytes); a docx from .md takes at most 20.0 MiB (20971520 bytes). (IMPORT_TOO_LARGE)' &&
      /^Split or shrink the file\. Limits: .*\.csv 20 MiB as a sheet or 100 MiB as a bitable\.$/.test(e.hint),
  );
  assert.throws(() => planImport('photo.png', 10), (e: FeishuError) => e.code === 'IMPORT_UNSUPPORTED' && /^This file cannot be imported as that kind of Feishu document\. \.png files cannot be imported\./.test(e.message));
  assert.throws(() => planImport('README', 10), (e: FeishuError) => /Files without an extension cannot be imported\./.test(e.message));
  assert.throws(() => planImport('notes.md', 10, 'sheet'), (e: FeishuError) => /\.md files import as docx, not as sheet\./.test(e.message) && /^Import \.md, \.markdown/.test(e.hint));
  assert.throws(() => planImport('old.xls', 10, 'bitable'), (e: FeishuError) => /\.xls files import as sheet, not as bitable\./.test(e.message));
});
