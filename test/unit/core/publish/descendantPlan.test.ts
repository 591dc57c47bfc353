import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { FeishuError } from '../../../../src/core';
import { PAGE, planDescendantCalls, type DescendantCall } from '../../../../src/core/publish/descendantPlan';
import { BlockFactory, subtreeSize, type DraftBlock } from '../../../../src/core/publish/draftBlocks';

const make = new BlockFactory();
const text = (children: DraftBlock[] = []): DraftBlock => make.text('text', [], 1, undefined, children);
const texts = (n: number): DraftBlock[] => Array.from({ length: n }, () => text());

/** Each call as [parent ('page' or the index of the block it goes under), blocks]. */
function summary(calls: readonly DescendantCall[], named: readonly DraftBlock[] = []): [string, number][] {
  return calls.map((c) => [c.parent === PAGE ? 'page' : String(named.findIndex((b) => b.id === c.parent)), c.blocks]);
}

void test('whole subtrees are packed into calls of at most the limit, in order', () => {
  const blocks = [...texts(3), text(texts(4)), ...texts(2)];
  const calls = planDescendantCalls(blocks, 5);
  assert.deepEqual(summary(calls), [
    ['page', 3],
    ['page', 5],
    ['page', 2],
  ]);
  assert.deepEqual(calls.flatMap((c) => c.roots.map((r) => r.id)), blocks.map((b) => b.id), 'every block once, in order');
  assert.deepEqual(planDescendantCalls([]), []);
  assert.deepEqual(summary(planDescendantCalls(texts(2500))), [
    ['page', 1000],
    ['page', 1000],
    ['page', 500],
  ]);
});

void test('a subtree over the limit goes in as its top block, then its children under it', () => {
  const big = text(texts(7));
  const calls = planDescendantCalls([text(), big, text()], 5);
  assert.deepEqual(summary(calls, [big]), [
    ['page', 1],
    ['page', 1],
    ['0', 5],
    ['0', 2],
    ['page', 1],
  ]);
  assert.deepEqual(calls[1].roots[0].children, [], 'the top block alone');
});

void test('a table goes in with every cell and each cell\'s first block; the rest of a cell follows', () => {
  const cell = (extra: number): DraftBlock => make.block('table_cell', {}, 1, [text(), ...texts(extra)]);
  const cells = [cell(0), cell(3), cell(0), cell(0)];
  const table = make.block('table', { property: { row_size: 2, column_size: 2 } }, 1, cells);
  assert.equal(subtreeSize(table), 12);
  const calls = planDescendantCalls([table], 10);
  assert.deepEqual(summary(calls, cells), [
    ['page', 9],
    ['1', 3],
  ]);
  assert.ok(calls[0].roots[0].children.every((c) => c.children.length === 1));
});

void test('a table whose cells alone exceed the limit is refused, naming its line', () => {
  const table = make.block('table', {}, 42, Array.from({ length: 6 }, () => make.block('table_cell', {}, 42, [text()])));
  assert.throws(
    () => planDescendantCalls([table], 10),
    (e: unknown) => e instanceof FeishuError && e.code === 'BLOCK_TOO_LARGE' && e.message.includes('The table at line 42 needs 13 blocks.'),
  );
});
