import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { codeLabel, FEISHU_CODES, FeishuError, IMPORT_JOB_STATUSES, importJobCode, LOCAL_CODES, lookup, UNKNOWN_CODE, UNKNOWN_JOB_STATUS } from '../../../../src/core';

/** The codes of the error table of Feishu's upload_part page, kept in the repo as data (docs/feishu/upload-part-errors.json). */
function documentedUploadPartCodes(): number[] {
  const root = join(__dirname, __dirname.includes(join('out', 'test')) ? '../../../../..' : '../../../..');
  const table = JSON.parse(readFileSync(join(root, 'docs', 'feishu', 'upload-part-errors.json'), 'utf8')) as { codes: { code: number }[] };
  return table.codes.map((c) => c.code);
}

test('every code of the upload_part error table has an entry with a meaning and a hint', () => {
  const codes = documentedUploadPartCodes();
  assert.ok(codes.length >= 30, `found ${codes.length} codes in the table`);
  for (const code of codes) {
    const entry = FEISHU_CODES[code];
    assert.ok(entry, `missing ${code}`);
    assert.ok(entry.meaning.length > 5 && entry.hint.length > 5, `${code} needs words`);
  }
});

test('generic auth and rate codes are catalogued with the right category', () => {
  const expect: Record<number, string> = {
    99991400: 'rate',
    99991661: 'auth',
    99991663: 'auth',
    99991664: 'auth',
    99991668: 'auth',
    99991671: 'auth',
    99991672: 'scope',
    99991677: 'auth',
    1061073: 'scope',
    1061004: 'permission',
    1061043: 'size',
    1061101: 'quota',
    1061045: 'rate',
    10015: 'auth',
  };
  for (const [code, category] of Object.entries(expect)) assert.equal(lookup(Number(code)).category, category, code);
});

test('retryable exactly where the engine should retry on its own', () => {
  const retryable = Object.entries(FEISHU_CODES)
    .filter(([, e]) => e.retryable)
    .map(([c]) => Number(c));
  for (const c of [1061001, 1061006, 1061045, 99991400]) assert.ok(retryable.includes(c), `${c} should retry`);
  for (const [c, e] of Object.entries(FEISHU_CODES)) {
    if (['permission', 'quota', 'validation', 'scope', 'size', 'auth', 'notFound', 'compliance'].includes(e.category)) {
      assert.equal(e.retryable, false, `${c} (${e.category}) must not retry`);
    }
  }
  assert.equal(FEISHU_CODES[1061021].retryable, false, '1061021 restarts from prepare instead');
});

test('local codes all have text, unknown codes fall back, messages carry context', () => {
  for (const [code, e] of Object.entries(LOCAL_CODES)) assert.ok(e.meaning && e.hint, code);
  assert.equal(lookup(4242), UNKNOWN_CODE);
  const err = new FeishuError({ code: 1061004, httpStatus: 403, endpoint: 'drive/v1/files/upload_all', logId: '20261124abc', detail: 'Feishu says: "forbidden."' });
  assert.equal(
    err.message,
    'No permission to upload to this folder or document. Feishu says: "forbidden." (code 1061004, drive/v1/files/upload_all, HTTP 403, log id 20261124abc)',
  );
  assert.match(err.userMessage, /share the folder or document with a group that contains the app's bot/);
  assert.equal(err.category, 'permission');
});

test('every documented import job_status failure has an entry; 0, 1 and 2 are not failures', () => {
  const documented = [3, 100, 101, 102, 103, 104, 105, 106, 108, 109, 110, 112, 113, 114, 115, 116, 117, 118, 119, 120, 121, 122, 129, 5000, 7000, 7001, 7002];
  assert.deepEqual(Object.keys(IMPORT_JOB_STATUSES).map(Number).sort((a, b) => a - b), documented);
  for (const status of documented) {
    const entry = lookup(importJobCode(status));
    assert.ok(entry.meaning.length > 5 && entry.hint.length > 5, String(status));
    assert.equal(entry.retryable, false, `job_status ${status}: a failed import is imported again, not retried`);
  }
  assert.equal(lookup(importJobCode(4242)), UNKNOWN_JOB_STATUS);
  assert.equal(codeLabel(importJobCode(121)), 'job_status 121');
  assert.equal(codeLabel(1061004), 'code 1061004');
  assert.equal(codeLabel('FILE_EMPTY'), 'FILE_EMPTY');
});

test('every documented import task code, the docx block codes this tool meets, and the wiki codes are catalogued', () => {
  const expect: Record<number, string> = {
    1069901: 'transient',
    1069902: 'permission',
    1069903: 'transient',
    1069904: 'validation',
    1069905: 'transient',
    1069906: 'notFound',
    1069907: 'notFound',
    1069908: 'permission',
    1069909: 'size',
    1069910: 'validation',
    1069911: 'validation',
    1069912: 'notFound',
    1069913: 'transient',
    1069914: 'validation',
    1069923: 'rate',
    1770001: 'validation',
    1770002: 'notFound',
    1770013: 'validation',
    1770025: 'validation',
    1770032: 'permission',
    131005: 'notFound',
    131006: 'permission',
  };
  for (const [code, category] of Object.entries(expect)) assert.equal(FEISHU_CODES[Number(code)]?.category, category, code);
  assert.equal(FEISHU_CODES[1069913].retryable, false, 'an expired upload is uploaded again');
});
