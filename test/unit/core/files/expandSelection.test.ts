import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { expandSelection, type FileSystemPort } from '../../../../src/core';
import { compileExcludes } from '../../../../src/vscode/files/excludeRules';

/** An in-memory tree: paths ending in "/" are folders, others are files with that many bytes. */
function fakeFs(tree: Record<string, number | 'dir'>): FileSystemPort & { reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    async stat(p) {
      const v = tree[p];
      if (v === undefined) return undefined;
      return v === 'dir' ? { kind: 'directory', size: 0 } : { kind: 'file', size: v };
    },
    async readdir(p) {
      reads.push(p);
      const prefix = `${p}/`;
      return Object.keys(tree)
        .filter((k) => k.startsWith(prefix) && !k.slice(prefix.length).includes('/'))
        .map((k) => ({ name: k.slice(prefix.length), kind: tree[k] === 'dir' ? ('directory' as const) : ('file' as const) }));
    },
  };
}

const tree = {
  '/ws': 'dir',
  '/ws/b.txt': 5,
  '/ws/a.md': 3,
  '/ws/empty.txt': 0,
  '/ws/.git': 'dir',
  '/ws/.git/HEAD': 10,
  '/ws/node_modules': 'dir',
  '/ws/node_modules/x.js': 10,
  '/ws/docs': 'dir',
  '/ws/docs/guide.pdf': 100,
  '/ws/docs/deep': 'dir',
  '/ws/docs/deep/node_modules': 'dir',
  '/ws/docs/deep/node_modules/y.js': 1,
  '/ws/docs/deep/z.png': 7,
  '/ws/out': 'dir',
  '/ws/out/app.js': 9,
} as const;

void test('folders expand recursively in name order, skipping .git, node_modules and empty files', async () => {
  const fs = fakeFs(tree);
  const result = await expandSelection(['/ws'], fs);
  assert.deepEqual(
    result.files.map((f) => f.path),
    ['/ws/a.md', '/ws/b.txt', '/ws/docs/deep/z.png', '/ws/docs/guide.pdf', '/ws/out/app.js'],
  );
  assert.deepEqual(result.files[0], { path: '/ws/a.md', name: 'a.md', size: 3, dir: ['ws'] });
  assert.equal(result.skipped, 4); // .git, node_modules ×2, empty.txt
  assert.ok(!fs.reads.some((p) => p.includes('node_modules') || p.includes('.git')), 'ignored folders are not even read');
  assert.equal(result.truncated, false);
});

void test('selected files are kept as they are (empty, missing), and a file reached twice is listed once', async () => {
  const result = await expandSelection(['/ws/empty.txt', '/ws/missing.txt', '/ws/docs', '/ws/docs/guide.pdf'], fakeFs(tree));
  assert.deepEqual(
    result.files.map((f) => [f.path, f.size]),
    [
      ['/ws/empty.txt', 0],
      ['/ws/missing.txt', 0],
      ['/ws/docs/deep/z.png', 7],
      ['/ws/docs/guide.pdf', 100],
    ],
  );
});

void test('files.exclude patterns apply inside folders, including sibling clauses', async () => {
  const excludes = compileExcludes({ '**/out': true, '**/*.md': true, '**/*.txt': { when: '$(basename).md' }, 'docs/deep/**': false });
  const result = await expandSelection(['/ws'], fakeFs(tree), { isExcluded: (p, siblings) => excludes(p.slice('/ws/'.length), siblings) });
  // b.txt stays: its sibling clause wants a b.md next to it, and there is none.
  assert.deepEqual(result.files.map((f) => f.path), ['/ws/b.txt', '/ws/docs/deep/z.png', '/ws/docs/guide.pdf']);
  const jsNextToTs = compileExcludes({ '**/*.js': { when: '$(basename).ts' } });
  assert.equal(jsNextToTs('src/app.js', new Set(['app.js', 'app.ts'])), true);
  assert.equal(jsNextToTs('src/tool.js', new Set(['tool.js', 'app.ts'])), false);
});

void test('the walk stops at maxFiles and says so', async () => {
  const result = await expandSelection(['/ws'], fakeFs(tree), { maxFiles: 2 });
  assert.equal(result.files.length, 2);
  assert.equal(result.truncated, true);
});

void test('a selected folder is recreated below the target with its sub-folders, like cp -r; selected files go to the target itself', async () => {
  const result = await expandSelection(['/ws/docs', '/ws/b.txt', '/ws/out'], fakeFs(tree));
  assert.deepEqual(
    result.files.map((f) => [f.path, f.dir.join('/')]),
    [
      ['/ws/docs/deep/z.png', 'docs/deep'],
      ['/ws/docs/guide.pdf', 'docs'],
      ['/ws/b.txt', ''],
      ['/ws/out/app.js', 'out'],
    ],
  );
  // Every folder walked, parents first, empty ones too; ignored folders are not among them.
  assert.deepEqual(result.folders.map((f) => f.join('/')), ['docs', 'docs/deep', 'out']);
});

void test('a trailing slash or a relative path still names the folder by its own name', async () => {
  const rel = await expandSelection(['/ws/docs/'], fakeFs({ '/ws/docs/': 'dir', '/ws/docs//a.txt': 1 }));
  assert.deepEqual(rel.folders, [['docs']]);
});
