import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { english as t } from '../../../../src/core';
import { levelRows, pathLabel, subFolders, typedRow, type Crumb } from '../../../../src/vscode/folders/folderPicks';

const mySpace: Crumb = { token: '', name: 'My Space' };

void test('sub-folders: folders and shortcuts to folders, by name; files and other shortcuts are not', () => {
  const folders = subFolders([
    { token: 'f2', name: 'beta', type: 'folder' },
    { token: 'x', name: 'a.pdf', type: 'file' },
    { token: 's1', name: 'Alpha (shortcut)', type: 'shortcut', shortcut: { targetType: 'folder', targetToken: 'target1' } },
    { token: 's2', name: 'doc shortcut', type: 'shortcut', shortcut: { targetType: 'docx', targetToken: 'd' } },
    { token: 'f1', name: 'alpha', type: 'folder', url: 'https://t/drive/folder/f1' },
  ]);
  assert.deepEqual(folders.map((f) => [f.token, f.name]), [
    ['f1', 'alpha'],
    ['target1', 'Alpha (shortcut)'],
    ['f2', 'beta'],
  ]);
});

void test('My Space: Upload here, New folder…, the recent folders, then its folders; no Up', () => {
  const rows = levelRows({ crumbs: [mySpace], folders: [{ token: 'f', name: 'Team' }], loading: false, recent: [{ token: 'r', name: 'Reports', identity: 'app:x' }] }, t);
  assert.deepEqual(
    rows.map((r) => [r.label, r.description, r.action?.kind ?? (r.separator ? 'separator' : 'note')]),
    [
      ['$(cloud-upload) Upload here', 'My Space', 'here'],
      ['$(new-folder) New folder…', 'in My Space', 'new'],
      ['Recent folders', undefined, 'separator'],
      ['$(history) Reports', undefined, 'recent'],
      ['Folders in My Space', undefined, 'separator'],
      ['$(folder) Team', undefined, 'into'],
    ],
  );
  assert.equal(rows[3].browse, true, 'a recent folder can also be opened');
});

void test('deeper: Up to the parent, no recents; loading, empty and refused folders say so', () => {
  const crumbs = [mySpace, { token: 't', name: 'Team' }];
  const loading = levelRows({ crumbs, loading: true, recent: [{ token: 'r', name: 'R', identity: 'app:x' }] }, t);
  assert.deepEqual(loading.map((r) => r.label), ['$(cloud-upload) Upload here', '$(new-folder) New folder…', '$(arrow-up) Up', 'Folders in Team']);
  assert.equal(loading[0].description, 'My Space / Team');
  assert.equal(loading[2].description, 'My Space');
  const empty = levelRows({ crumbs, folders: [], loading: false, recent: [] }, t);
  assert.equal(empty.at(-1)?.label, 'No folders here yet.');
  const refused = levelRows({ crumbs, folders: [], loading: false, problem: 'No permission.', recent: [] }, t);
  assert.deepEqual(refused.slice(-1).map((r) => [r.label, r.action]), [['$(warning) No permission.', undefined]]);
  assert.equal(pathLabel(crumbs), 'My Space / Team');
});

void test('typed text: a folder link or a token offers "Use this folder"; a wrong link says why; a word is a filter', () => {
  assert.deepEqual(typedRow('https://acme.feishu.cn/drive/folder/fldcnAbc123?from=x', t), {
    label: '$(link) Use this folder',
    description: 'fldcnAbc123',
    alwaysShow: true,
    action: { kind: 'link', token: 'fldcnAbc123' },
  });
  assert.equal(typedRow('nodcnAbcdefghijklmnopqrstuvw', t)?.action?.kind, 'link');
  const wrong = typedRow('https://acme.feishu.cn/docx/doxcnAbc', t);
  assert.match(wrong?.label ?? '', /^\$\(warning\) This is not a Feishu folder link or token\. acme\.feishu\.cn\/docx\/doxcnAbc is a docx link, not a folder\./);
  assert.equal(wrong?.action, undefined);
  assert.equal(typedRow('report', t), undefined);
  assert.equal(typedRow('', t), undefined);
});

void test("the app's My Space: Upload here says nobody can browse it; deeper levels name their path", () => {
  const note = "My Space: the app's own, which people cannot browse";
  assert.equal(levelRows({ crumbs: [mySpace], folders: [], loading: false, recent: [], rootNote: note }, t)[0].description, note);
  assert.equal(levelRows({ crumbs: [mySpace, { token: 'x', name: 'X' }], folders: [], loading: false, recent: [], rootNote: note }, t)[0].description, 'My Space / X');
});
