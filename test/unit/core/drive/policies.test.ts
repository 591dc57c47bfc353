import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { CONFLICT_POLICIES, isConflictPolicy, isLinkSharing, LINK_SHARING_VALUES } from '../../../../src/core';

void test('the conflict policies and link sharing values the settings and the CLI accept', () => {
  assert.deepEqual(CONFLICT_POLICIES, ['keep-both', 'skip']);
  assert.deepEqual(LINK_SHARING_VALUES, ['off', 'tenant_readable', 'tenant_editable', 'anyone_readable']);
  assert.ok(isConflictPolicy('skip') && !isConflictPolicy('ask') && !isConflictPolicy(undefined));
  assert.ok(isLinkSharing('off') && isLinkSharing('anyone_readable') && !isLinkSharing('anyone_editable'));
});
