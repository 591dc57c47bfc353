import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { ActivityTracker } from '../../../../src/vscode/ui/ActivityTracker';

void test('activity: overall percent over the running batches, undefined when idle', () => {
  const activity = new ActivityTracker();
  let changes = 0;
  activity.onDidChange(() => changes++);
  assert.equal(activity.current(), undefined);
  const a = activity.start(100);
  const b = activity.start(300);
  activity.update(a, 100);
  activity.update(b, 100);
  assert.deepEqual(activity.current(), { percent: 50, batches: 2 });
  activity.end(a);
  activity.end(b);
  assert.equal(activity.current(), undefined);
  assert.equal(changes, 6);
});
