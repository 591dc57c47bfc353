import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { missingScopes, REQUESTED_SCOPES, SCOPES_BY_FEATURE } from '../../../../src/core';

void test('the sign-in asks for each feature\'s narrowest scope and offline_access, once each', () => {
  assert.deepEqual(REQUESTED_SCOPES, [
    'drive:file:upload',
    'drive:drive.metadata:readonly',
    'docx:document',
    'docs:document.media:upload',
    'wiki:wiki:readonly',
    'docs:document:import',
    'space:document:retrieve',
    'space:folder:create',
    'docs:permission.setting:write_only',
    'space:document:delete',
    'offline_access',
  ]);
  assert.equal(new Set(REQUESTED_SCOPES).size, REQUESTED_SCOPES.length);
  assert.ok(!REQUESTED_SCOPES.includes('drive:drive'), 'never the broad one');
  assert.deepEqual(SCOPES_BY_FEATURE.stayingSignedIn, ['offline_access']);
});

void test('missingScopes lists what was asked for and not granted', () => {
  assert.deepEqual(missingScopes(['a', 'b', 'c'], ['c', 'a']), ['b']);
  assert.deepEqual(missingScopes(['a'], ['a', 'x']), []);
});
