import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { blockKindFor } from '../../../../src/core';

void test('images by extension become image blocks, everything else file blocks', () => {
  for (const name of ['a.png', 'b.JPG', 'c.jpeg', 'd.gif', 'e.bmp', 'f.webp']) assert.equal(blockKindFor(name), 'image', name);
  for (const name of ['a.svg', 'b.tiff', 'c.heic', 'd.pdf', 'png', 'e.png.zip', 'Makefile']) assert.equal(blockKindFor(name), 'file', name);
});
