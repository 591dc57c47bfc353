import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { ApiLimits, DEFAULT_API_LIMITS } from '../../../src/emulator/ApiLimits';

void test("Feishu's per-app limits by default; each kind counted on its own", () => {
  let now = 0;
  const limits = new ApiLimits({}, () => now, () => 1);
  for (let i = 0; i < 20; i++) assert.equal(limits.admit('list', 'drive/v1/files').ok, true);
  const refused = limits.admit('list', 'drive/v1/files');
  assert.equal(refused.ok, false);
  if (!refused.ok) assert.deepEqual(refused.violation, { endpoint: 'drive/v1/files', reason: 'apiRate', at: 1, detail: '21 list calls within 1000 ms (limit 20)' });
  assert.equal(limits.admit('metas', 'drive/v1/metas/batch_query').ok, true, 'another kind');
  now = 1000;
  assert.equal(limits.admit('list', 'drive/v1/files').ok, true, 'the window moved on');
  assert.equal(DEFAULT_API_LIMITS.public[0].calls, 100);
});

void test('the longer window holds when the shorter has room (metas: 50/s and 1000/min)', () => {
  let now = 0;
  const limits = new ApiLimits({ metas: [{ calls: 2, windowMs: 1000 }, { calls: 3, windowMs: 60_000 }] }, () => now);
  assert.ok(limits.admit('metas', 'm').ok && limits.admit('metas', 'm').ok);
  now = 1000;
  assert.ok(limits.admit('metas', 'm').ok);
  now = 2000;
  const refused = limits.admit('metas', 'm');
  assert.equal(refused.ok, false);
  if (!refused.ok) assert.equal(refused.window.windowMs, 60_000);
  assert.equal(limits.violations().length, 1);
  limits.reset();
  assert.deepEqual(limits.violations(), []);
});
