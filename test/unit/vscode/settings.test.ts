import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { FeishuError } from '../../../src/core';
import { urisFromArgs } from '../../../src/vscode/commands/commandArgs';
import { folderInputProblem, parseFolderChoice, settingValueFor, targetFromSetting } from '../../../src/vscode/folders/folderChoice';
import { markdownLink } from '../../../src/vscode/upload/markdownLink';
import { readSettings, type FeishuSettings } from '../../../src/vscode/config/settings';
import { english } from '../../../src/core';

function source(merged: Partial<Record<keyof FeishuSettings, unknown>>, user: Partial<Record<keyof FeishuSettings, unknown>>) {
  return { get: (k: keyof FeishuSettings) => merged[k], userValue: (k: keyof FeishuSettings) => user[k] };
}

void test('settings: defaults, and brand and base URL only from user settings', () => {
  assert.deepEqual(readSettings(source({}, {})), { brand: 'feishu', defaultFolder: '', defaultDocument: '', apiBaseUrl: '' });
  // A workspace value shows in the merged view but must not count for the base URL.
  const s = readSettings(source({ apiBaseUrl: 'https://evil.example.com', brand: 'lark', defaultFolder: ' fldcn123456 ', defaultDocument: ' doxcnAbc123 ' }, {}));
  assert.deepEqual(s, { brand: 'feishu', defaultFolder: 'fldcn123456', defaultDocument: 'doxcnAbc123', apiBaseUrl: '' });
  assert.deepEqual(readSettings(source({}, { apiBaseUrl: 'http://127.0.0.1:8123', brand: 'lark' })), {
    brand: 'lark',
    defaultFolder: '',
    defaultDocument: '',
    apiBaseUrl: 'http://127.0.0.1:8123',
  });
  assert.equal(readSettings(source({ defaultFolder: 42 }, { brand: 'nonsense' })).brand, 'feishu');
});

void test('folder setting: empty asks, "root" is My Space, links and tokens name a folder, anything else is refused', () => {
  assert.equal(targetFromSetting(''), undefined);
  assert.deepEqual(targetFromSetting('root'), { kind: 'folder', folderToken: undefined });
  assert.deepEqual(targetFromSetting('ROOT'), { kind: 'folder', folderToken: undefined });
  assert.deepEqual(targetFromSetting('https://acme.feishu.cn/drive/folder/fldcnAbC123xyz?from=x'), { kind: 'folder', folderToken: 'fldcnAbC123xyz' });
  assert.deepEqual(targetFromSetting('fldcnAbC123xyz'), { kind: 'folder', folderToken: 'fldcnAbC123xyz' });
  assert.throws(() => targetFromSetting('https://acme.feishu.cn/docx/doxcnAbC123'), (e: unknown) => e instanceof FeishuError && e.code === 'BAD_FOLDER' && /docx link/.test(e.message));
  assert.equal(parseFolderChoice(''), undefined);
});

void test('folder input box: empty is fine (My Space); a wrong link says why', () => {
  assert.equal(folderInputProblem('', english), undefined);
  assert.equal(folderInputProblem('https://acme.larksuite.com/drive/folder/fldAbcdef12', english), undefined);
  assert.match(folderInputProblem('https://example.com/drive/folder/x', english)!, /^This is not a Feishu folder link or token\. example\.com is not a Feishu or Lark host\. Paste a folder link/);
  assert.equal(settingValueFor('  '), 'root');
  assert.equal(settingValueFor(' fldAbcdef12 '), 'fldAbcdef12');
});

void test('command arguments: Explorer multi-select, editor menus, palette', () => {
  const a = { scheme: 'file', fsPath: '/a' };
  const b = { scheme: 'file', fsPath: '/b' };
  assert.deepEqual(urisFromArgs([a, [a, b]]), [a, b]);
  assert.deepEqual(urisFromArgs([a, []]), [a]);
  assert.deepEqual(urisFromArgs([a, { groupId: 1 }]), [a]);
  assert.deepEqual(urisFromArgs([a]), [a]);
  assert.equal(urisFromArgs([]), undefined);
});

void test('Insert Link writes a Markdown link that survives odd names', () => {
  assert.equal(markdownLink('report.pdf', 'https://www.feishu.cn/file/boxcnX'), '[report.pdf](https://www.feishu.cn/file/boxcnX)');
  assert.equal(markdownLink('a [draft] (v2).md', 'http://127.0.0.1:9/file/x y'), '[a \\[draft\\] (v2).md](http://127.0.0.1:9/file/x%20y)');
});
