import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { FeishuError } from '../../../../src/core';
import { UploadLog, type LogSink } from '../../../../src/vscode/ui/UploadLog';

function capture(): LogSink & { lines: string[] } {
  const lines: string[] = [];
  return { lines, info: (m) => lines.push(`info ${m}`), warn: (m) => lines.push(`warn ${m}`), error: (m) => lines.push(`error ${m}`), show: () => undefined };
}

void test('one line per call: endpoint, status, code, log id, ms; failures as warnings', () => {
  const sink = capture();
  const log = new UploadLog(sink);
  log.call({ method: 'POST', endpoint: 'drive/v1/files/upload_part', httpStatus: 200, code: 0, logId: '202611240001', ms: 87 });
  log.call({ method: 'POST', endpoint: 'drive/v1/files/upload_all', httpStatus: 403, code: 1061004, logId: '202611240002', ms: 12 });
  assert.deepEqual(sink.lines, [
    'info POST drive/v1/files/upload_part → HTTP 200, code 0, log id 202611240001, 87 ms',
    'warn POST drive/v1/files/upload_all → HTTP 403, code 1061004, log id 202611240002, 12 ms',
  ]);
});

void test('every error is logged with its log id and hint; never a token', () => {
  const sink = capture();
  const log = new UploadLog(sink);
  log.failure('/w/a.txt', new FeishuError({ code: 99991663, logId: 'LOG42', endpoint: 'drive/v1/files/upload_all', detail: 'Bearer t-g1044ca7TWJQKSVXA5BSNHRVAABBCCDD' }));
  log.failure('feishu.upload', new Error('leaked u-abcdefghijklmnopqrstuvwxyz'));
  log.info('"app_secret":"Zx9SecretValue123"');
  const text = sink.lines.join('\n');
  assert.match(text, /log id LOG42/);
  assert.match(text, /Hint: Set the App ID and App Secret again/);
  assert.doesNotMatch(text, /t-g1044|u-abcdef|Zx9Secret/);
});
