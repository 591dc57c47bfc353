import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { expandSelection, nodeFileSystem } from '../../../../src/core';

void test('the real file system port: kinds, sizes, symlinked folders left out', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'feishu-fl-'));
  try {
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'sub', 'one.txt'), 'hello');
    writeFileSync(join(dir, 'two.txt'), 'hi');
    symlinkSync(join(dir, 'sub'), join(dir, 'loop'));
    symlinkSync(join(dir, 'two.txt'), join(dir, 'link.txt'));
    const result = await expandSelection([dir], nodeFileSystem);
    assert.deepEqual(
      result.files.map((f) => [f.name, f.size]),
      [
        ['link.txt', 2],
        ['one.txt', 5],
        ['two.txt', 2],
      ],
    );
    assert.equal(result.skipped, 1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
