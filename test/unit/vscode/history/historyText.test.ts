import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { english as t } from '../../../../src/core';
import { actorLabel, ago, entryDescription, entryTooltip } from '../../../../src/vscode/history/historyText';
import type { HistoryEntry } from '../../../../src/vscode/history/UploadHistory';
import { bundleTranslate } from '../../../helpers/l10nSource';

const entry: HistoryEntry = {
  id: 'i',
  kind: 'file',
  name: 'plan.pdf',
  localPath: '/w/plan.pdf',
  url: 'https://acme.feishu.cn/file/tok',
  token: 'tok',
  target: { kind: 'folder', token: 'fld', label: 'My Space / Team' },
  bytes: 2048,
  at: Date.UTC(2026, 0, 2, 3, 4),
  as: { kind: 'app', id: 'cli_a' },
};

void test('how long ago: just now, minutes, hours, then the date', () => {
  const at = 1_000_000_000_000;
  assert.equal(ago(at, at + 30_000, t), 'just now');
  assert.equal(ago(at, at + 5 * 60_000, t), '5 min ago');
  assert.equal(ago(at, at + 3 * 3_600_000, t), '3 h ago');
  assert.equal(ago(at, at + 48 * 3_600_000, t), new Date(at).toLocaleDateString());
});

void test('the description: where, size, when; the tooltip: everything, as whom', () => {
  assert.equal(entryDescription(entry, entry.at + 120_000, t), 'My Space / Team · 2.0 KiB · 2 min ago');
  const deep = { ...entry, target: { kind: 'folder' as const, token: 'f', label: 'My Space / Team / Release 1 / project / src' } };
  assert.equal(entryDescription(deep, entry.at, t), '… / project / src · 2.0 KiB · just now', 'the last two levels tell same-named files apart');
  assert.equal(entryTooltip(deep, t).split('\n')[1], 'Folder: My Space / Team / Release 1 / project / src');
  const titled = { ...entry, target: { kind: 'document' as const, id: 'd', label: 'A / B / C' } };
  assert.equal(entryDescription(titled, entry.at, t), 'A / B / C · 2.0 KiB · just now', 'a document title is not a path');
  const lines = entryTooltip(entry, t).split('\n');
  assert.deepEqual([lines[0], lines[1], lines[2], lines[4], lines[5], lines[6]], [
    'plan.pdf',
    'Folder: My Space / Team',
    'Size: 2.0 KiB',
    'As: app cli_a',
    'https://acme.feishu.cn/file/tok',
    'Local file: /w/plan.pdf',
  ]);
  assert.equal(actorLabel({ ...entry, as: { kind: 'user', id: 'ou_1', name: 'Li Lei' } }, t), 'Li Lei');
  assert.equal(actorLabel({ ...entry, as: { kind: 'user', id: 'token-abc' } }, t), 'user token-abc');
  const doc = entryTooltip({ ...entry, target: { kind: 'document', id: 'd', label: 'Notes' }, localPath: undefined, bytes: undefined }, t).split('\n');
  assert.equal(doc[1], 'Document: Notes');
  assert.equal(doc.length, 5);
});

void test('in Chinese', () => {
  const zh = bundleTranslate('l10n/bundle.l10n.zh-cn.json');
  assert.equal(entryDescription(entry, entry.at + 120_000, zh), 'My Space / Team · 2.0 KiB · 2 分钟前');
  assert.match(entryTooltip(entry, zh), /^plan\.pdf\n文件夹：My Space \/ Team\n大小：2.0 KiB\n上传时间：.+\n身份：应用 cli_a\n/);
});
