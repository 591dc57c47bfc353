import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { cliTranslate } from '../../../src/cli/i18n';
import { keptLine, resumeLine, startOverLine } from '../../../src/cli/resumeLines';
import { english as en } from '../../../src/core';

const zh = cliTranslate({ LANG: 'zh_CN.UTF-8' });

void test('the resume line names the file and the part it continues at, in both languages', () => {
  assert.equal(resumeLine(en, 'big.iso', { fromPart: 21, parts: 41, skippedBytes: 1 }), 'resuming big.iso at part 21/41');
  assert.equal(resumeLine(zh, 'big.iso', { fromPart: 21, parts: 41, skippedBytes: 1 }), '从第 21/41 个分片继续上传 big.iso');
  assert.equal(resumeLine(en, 'big.iso', { fromPart: 42, parts: 41, skippedBytes: 1 }), 'resuming big.iso: all 41 parts were sent, finishing');
});

void test('every reason to start over has its own line, in both languages', () => {
  const lines = (['changed', 'expired', 'refused', 'requested'] as const).map((r) => [startOverLine(en, 'a.iso', r), startOverLine(zh, 'a.iso', r)]);
  assert.deepEqual(lines, [
    ['a.iso changed since its upload was interrupted; starting over', 'a.iso 在上传中断后已被修改；重新开始上传'],
    [
      'the interrupted upload of a.iso is too old to continue (Feishu keeps parts for 24 hours); starting over',
      'a.iso 被中断的上传已太久，无法继续（飞书只保留分片 24 小时）；重新开始上传',
    ],
    ['Feishu no longer holds the interrupted upload of a.iso; starting over', '飞书已不再保留 a.iso 被中断的上传；重新开始上传'],
    ['starting a.iso over (--no-resume)', '重新开始上传 a.iso（--no-resume）'],
  ]);
});

void test('the kept line says how much is on Feishu and for how long the same command continues it', () => {
  const kept = { name: 'big.iso', confirmedParts: 20, parts: 41, confirmedBytes: 1, totalBytes: 2, resumableUntil: 10 * 3600_000 };
  assert.equal(keptLine(en, kept, 0, 3600_000), 'big.iso: 20 of 41 parts are on Feishu; run the same command again within 9h 0m to continue.');
  assert.equal(keptLine(zh, kept, 0, 3600_000), 'big.iso：41 个分片中已有 20 个在飞书上；在 9h 0m 内再次运行同一命令即可继续。');
  assert.equal(keptLine(en, kept, 10 * 3600_000, 3600_000), 'big.iso: 20 of 41 parts are on Feishu; run the same command again within 0s to continue.');
});
