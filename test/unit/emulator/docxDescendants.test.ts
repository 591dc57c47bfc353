import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { checkDescendants, MAX_DESCENDANTS } from '../../../src/emulator/docxDescendants';
import type { Reply } from '../../../src/emulator/reply';

const text = (id: string, children: string[] = [], extra: Record<string, unknown> = {}) => ({ block_id: id, block_type: 2, text: { elements: [{ text_run: { content: id, ...extra } }] }, children });
const cell = (id: string, children: string[]) => ({ block_id: id, block_type: 32, table_cell: {}, children });

function code(result: ReturnType<typeof checkDescendants>): number | 'ok' {
  return 'kind' in result ? ((result as Reply & { kind: 'json' }).body.code as number) : 'ok';
}

function message(result: ReturnType<typeof checkDescendants>): string {
  return 'kind' in result ? String(((result as Reply & { kind: 'json' }).body.error as { message: string }).message) : '';
}

void test('a tree of text, a table of cells each holding a block, an image: accepted', () => {
  const table = { block_id: 't', block_type: 31, table: { property: { row_size: 1, column_size: 2 } }, children: ['c1', 'c2'] };
  const body = { children_id: ['a', 't', 'i'], descendants: [text('a', ['b']), text('b'), table, cell('c1', ['x']), cell('c2', ['y']), text('x'), text('y'), { block_id: 'i', block_type: 27, image: {}, children: [] }] };
  const checked = checkDescendants(body, 1);
  assert.ok(!('kind' in checked));
  assert.deepEqual(checked.roots, ['a', 't', 'i']);
  assert.equal(checked.blocks.size, 8);
});

void test('more than 1,000 blocks: 99992402 with the field named', () => {
  const many = Array.from({ length: MAX_DESCENDANTS + 1 }, (_, i) => text(`b${i}`));
  const result = checkDescendants({ children_id: many.map((b) => b.block_id), descendants: many }, 1);
  assert.equal(code(result), 99992402);
  assert.deepEqual(((result as Reply & { kind: 'json' }).body.error as { field_violations: unknown }).field_violations, [{ field: 'descendants', description: 'the max len is 1000' }]);
  assert.equal((result as Reply).status, 400);
});

void test('each rule and its code', () => {
  const cases: [string, Record<string, unknown>, number, number, RegExp][] = [
    ['unknown type', { children_id: ['a'], descendants: [{ block_id: 'a', block_type: 999, x: {}, children: [] }] }, 1, 1770001, /block_type 999 cannot be created/],
    ['page type', { children_id: ['a'], descendants: [{ block_id: 'a', block_type: 1, page: {}, children: [] }] }, 1, 1770001, /cannot be created/],
    ['payload missing', { children_id: ['a'], descendants: [{ block_id: 'a', block_type: 2, children: [] }] }, 1, 1770001, /needs an object "text"/],
    ['repeated id', { children_id: ['a'], descendants: [text('a'), text('a')] }, 1, 1770019, /repeated/],
    ['child not given', { children_id: ['a'], descendants: [text('a', ['zz'])] }, 1, 1770014, /zz is named as a child but is not in descendants/],
    ['two parents', { children_id: ['a', 'b'], descendants: [text('a', ['c']), text('b', ['c']), text('c')] }, 1, 1770014, /more than one parent/],
    ['unreached', { children_id: ['a'], descendants: [text('a'), text('b')] }, 1, 1770014, /b is not under any of children_id/],
    ['image with children', { children_id: ['i'], descendants: [{ block_id: 'i', block_type: 27, image: {}, children: ['a'] }, text('a')] }, 1, 1770014, /cannot have children/],
    ['empty cell', { children_id: ['t'], descendants: [{ block_id: 't', block_type: 31, table: { property: { row_size: 1, column_size: 1 } }, children: ['c'] }, cell('c', [])] }, 1, 1770014, /needs at least one child block/],
    ['cell outside a table', { children_id: ['c'], descendants: [cell('c', ['a']), text('a')] }, 1, 1770014, /cannot be a child of type 1/],
    ['cells do not fill the table', { children_id: ['t'], descendants: [{ block_id: 't', block_type: 31, table: { property: { row_size: 2, column_size: 1 } }, children: ['c'] }, cell('c', ['a']), text('a')] }, 1, 1770006, /is 2 × 1 but has 1 cells/],
    ['raw link', { children_id: ['a'], descendants: [{ block_id: 'a', block_type: 2, text: { elements: [{ text_run: { content: 'x', text_element_style: { link: { url: 'https://e.com' } } } }] }, children: [] }] }, 1, 1770001, /must be a percent-encoded http\(s\) address/],
    ['empty elements', { children_id: ['a'], descendants: [{ block_id: 'a', block_type: 2, text: { elements: [] }, children: [] }] }, 1, 1770001, /elements must be a non-empty array/],
    ['bad code language', { children_id: ['a'], descendants: [{ block_id: 'a', block_type: 14, code: { elements: [{ text_run: { content: '' } }], style: { language: 99 } }, children: [] }] }, 1, 1770001, /not a code language/],
    ['bad sequence', { children_id: ['a'], descendants: [{ block_id: 'a', block_type: 13, ordered: { elements: [{ text_run: { content: '' } }], style: { sequence: 'x' } }, children: [] }] }, 1, 1770001, /neither "auto" nor a number/],
    ['under an image', { children_id: ['a'], descendants: [text('a')] }, 27, 1770014, /cannot hold these children/],
    ['no children_id', { descendants: [text('a')] }, 1, 1770001, /children_id must be/],
  ];
  for (const [label, body, parent, expected, text] of cases) {
    const result = checkDescendants(body, parent);
    assert.equal(code(result), expected, label);
    assert.match(message(result), text, label);
  }
  const encoded = { children_id: ['a'], descendants: [{ block_id: 'a', block_type: 2, text: { elements: [{ text_run: { content: 'x', text_element_style: { link: { url: encodeURIComponent('https://e.com/?a=1') } } } }] }, children: [] }] };
  assert.equal(code(checkDescendants(encoded, 1)), 'ok');
});
