import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { FeishuError } from '../../../../src/core';
import { parseFolderChoice, targetFromSetting } from '../../../../src/vscode/folders/folderChoice';

void test('folder setting: empty asks, "root" is My Space, links and tokens name a folder, anything else is refused', () => {
  assert.equal(targetFromSetting(''), undefined);
  assert.deepEqual(targetFromSetting('root'), { kind: 'folder', folderToken: undefined });
  assert.deepEqual(targetFromSetting('ROOT'), { kind: 'folder', folderToken: undefined });
  assert.deepEqual(targetFromSetting('https://acme.feishu.cn/drive/folder/fldcnAbC123xyz?from=x'), { kind: 'folder', folderToken: 'fldcnAbC123xyz' });
  assert.deepEqual(targetFromSetting('fldcnAbC123xyz'), { kind: 'folder', folderToken: 'fldcnAbC123xyz' });
  assert.throws(() => targetFromSetting('https://acme.feishu.cn/docx/doxcnAbC123'), (e: unknown) => e instanceof FeishuError && e.code === 'BAD_FOLDER' && /docx link/.test(e.message));
  assert.equal(parseFolderChoice(''), undefined);
});
