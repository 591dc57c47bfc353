import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { urisFromArgs } from '../../../../src/vscode/commands/commandArgs';

void test('command arguments: Explorer multi-select, editor menus, palette', () => {
  const a = { scheme: 'file', fsPath: '/a' };
  const b = { scheme: 'file', fsPath: '/b' };
  assert.deepEqual(urisFromArgs([a, [a, b]]), [a, b]);
  assert.deepEqual(urisFromArgs([a, []]), [a]);
  assert.deepEqual(urisFromArgs([a, { groupId: 1 }]), [a]);
  assert.deepEqual(urisFromArgs([a]), [a]);
  assert.equal(urisFromArgs([]), undefined);
});
