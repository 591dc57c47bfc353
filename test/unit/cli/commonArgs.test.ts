import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { commonArgs, parseCommandArgs } from '../../../src/cli/commonArgs';
import { UsageError } from '../../../src/cli/UsageError';

function usageError(run: () => unknown): UsageError {
  try {
    run();
  } catch (err) {
    assert.ok(err instanceof UsageError, String(err));
    return err;
  }
  assert.fail('no usage error');
}

void test('parseArgs complaints become our own one-line messages, translatable by template', () => {
  const unknown = usageError(() => parseCommandArgs(['--bogus'], { folder: { type: 'string' } }));
  assert.equal(unknown.template, 'Unknown option "{0}".');
  assert.deepEqual(unknown.args, ['--bogus']);
  const missing = usageError(() => parseCommandArgs(['--folder'], { folder: { type: 'string' } }));
  assert.equal(missing.message, 'Option --folder needs a value.');
});

void test('brand from the flag or FEISHU_BRAND; anything else is refused by name', () => {
  assert.equal(commonArgs({}, { FEISHU_BRAND: 'Lark' }).brand, 'lark');
  assert.equal(commonArgs({ brand: 'feishu' }, { FEISHU_BRAND: 'lark' }).brand, 'feishu');
  assert.equal(usageError(() => commonArgs({ brand: 'weixin' }, {})).message, '--brand must be feishu or lark, not "weixin".');
});
