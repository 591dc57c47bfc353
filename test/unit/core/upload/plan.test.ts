import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { chooseMethod, FeishuError, planBlocks, UPLOAD_ALL_MAX_BYTES } from '../../../../src/core';

const MiB = 1024 * 1024;

test('upload_all up to exactly 20 MiB, multipart from 20 MiB + 1', () => {
  assert.equal(UPLOAD_ALL_MAX_BYTES, 20_971_520);
  assert.equal(chooseMethod(1), 'all');
  assert.equal(chooseMethod(20 * MiB), 'all');
  assert.equal(chooseMethod(20 * MiB + 1), 'multipart');
});

test('blocks follow block_size/block_num from prepare; the last block is the remainder', () => {
  const size = 3 * 4 * MiB + 1;
  const blocks = planBlocks(size, { block_size: 4 * MiB, block_num: 4 });
  assert.deepEqual(
    blocks.map((b) => [b.seq, b.offset, b.length]),
    [
      [0, 0, 4 * MiB],
      [1, 4 * MiB, 4 * MiB],
      [2, 8 * MiB, 4 * MiB],
      [3, 12 * MiB, 1],
    ],
  );
  assert.equal(blocks.reduce((n, b) => n + b.length, 0), size);
  // A server that picks another block size is followed, not second-guessed.
  assert.equal(planBlocks(10 * MiB, { block_size: 8 * MiB, block_num: 2 }).length, 2);
});

test('a plan that does not cover the file is refused with a clear message', () => {
  assert.throws(
    () => planBlocks(10 * MiB, { block_size: 4 * MiB, block_num: 2 }, 'drive/v1/files/upload_prepare'),
    (e: unknown) => e instanceof FeishuError && e.code === 'BAD_RESPONSE' && /Block plan 2 x 4194304 bytes does not fit a file of 10485760 bytes/.test(e.message),
  );
  assert.throws(() => planBlocks(10, { block_size: 0, block_num: 1 }), FeishuError);
});
