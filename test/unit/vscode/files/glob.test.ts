import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { globToRegExp } from '../../../../src/vscode/files/glob';

void test('globs: the parts of VS Code syntax files.exclude uses', () => {
  const m = (glob: string, p: string): boolean => globToRegExp(glob).test(p);
  assert.ok(m('**/.git', '.git'));
  assert.ok(m('**/.git', 'a/b/.git'));
  assert.ok(!m('**/.git', 'a/.github'));
  assert.ok(m('**/*.{js,map}', 'dist/x.map'));
  assert.ok(!m('*.log', 'sub/x.log'), 'no ** means the top level only');
  assert.ok(m('*.log', 'x.log'));
  assert.ok(m('build/**', 'build'));
  assert.ok(m('build/**', 'build/a/b.o'));
  assert.ok(!m('build/**', 'builder'));
  assert.ok(m('**/file?.[ch]', 'src/file1.c'));
  assert.ok(!m('**/[!a]*.txt', 'a.txt'));
  assert.ok(m('a.b', 'a.b') && !m('a.b', 'axb'), 'dots are literal');
});
