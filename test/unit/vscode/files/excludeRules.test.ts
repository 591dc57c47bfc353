import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { compileExcludes } from '../../../../src/vscode/files/excludeRules';

const none: ReadonlySet<string> = new Set();
const excluded = (glob: string, path: string): boolean => compileExcludes({ [glob]: true })(path, none);

void test('files.exclude globs match as VS Code reads them', () => {
  assert.ok(excluded('**/.git', '.git'));
  assert.ok(excluded('**/.git', 'a/b/.git'));
  assert.ok(!excluded('**/.git', 'a/.github'));
  assert.ok(excluded('**/*.{js,map}', 'dist/x.map'));
  assert.ok(!excluded('*.log', 'sub/x.log'), 'no ** means the top level only');
  assert.ok(excluded('*.log', 'x.log'));
  assert.ok(excluded('build/**', 'build/a/b.o'));
  assert.ok(!excluded('build/**', 'builder'));
  assert.ok(excluded('**/file?.[ch]', 'src/file1.c'));
  assert.ok(!excluded('**/[!a]*.txt', 'a.txt') && excluded('**/[!a]*.txt', 'b.txt'), '[!…] negates');
  assert.ok(excluded('a.b', 'a.b') && !excluded('a.b', 'axb'), 'dots are literal');
});

void test('braces around globstar patterns match at the top level too (the hand-written matcher missed x.js)', () => {
  assert.ok(excluded('{**/*.js,**/*.map}', 'x.js'));
  assert.ok(excluded('{**/*.js,**/*.map}', 'a/b/x.map'));
  assert.ok(!excluded('{**/*.js,**/*.map}', 'x.ts'));
});

void test('false entries are ignored; a sibling clause needs the sibling', () => {
  const test = compileExcludes({ '**/*.tmp': false, '**/*.js': { when: '$(basename).ts' } });
  assert.ok(!test('a.tmp', none));
  assert.ok(test('src/a.js', new Set(['a.js', 'a.ts'])));
  assert.ok(!test('src/b.js', new Set(['b.js'])));
});
