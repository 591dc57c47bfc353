import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { readSettings, type FeishuSettings } from '../../../../src/vscode/config/settings';

function source(merged: Partial<Record<keyof FeishuSettings, unknown>>, user: Partial<Record<keyof FeishuSettings, unknown>>) {
  return { get: (k: keyof FeishuSettings) => merged[k], userValue: (k: keyof FeishuSettings) => user[k] };
}

void test('settings: defaults, and brand and base URL only from user settings', () => {
  const defaults = { identity: 'user', signInPort: 47123, onConflict: 'keep-both', linkSharing: 'off' };
  assert.deepEqual(readSettings(source({}, {})), { brand: 'feishu', defaultFolder: '', defaultDocument: '', apiBaseUrl: '', ...defaults });
  // A workspace value shows in the merged view but must not count for the base URL.
  const s = readSettings(source({ apiBaseUrl: 'https://evil.example.com', brand: 'lark', defaultFolder: ' fldcn123456 ', defaultDocument: ' doxcnAbc123 ' }, {}));
  assert.deepEqual(s, { brand: 'feishu', defaultFolder: 'fldcn123456', defaultDocument: 'doxcnAbc123', apiBaseUrl: '', ...defaults });
  assert.deepEqual(readSettings(source({}, { apiBaseUrl: 'http://127.0.0.1:8123', brand: 'lark' })), {
    brand: 'lark',
    defaultFolder: '',
    defaultDocument: '',
    apiBaseUrl: 'http://127.0.0.1:8123',
    ...defaults,
  });
  assert.equal(readSettings(source({ defaultFolder: 42 }, { brand: 'nonsense' })).brand, 'feishu');
});

void test('identity and the sign-in port come from user settings only; nonsense falls back to the defaults', () => {
  assert.equal(readSettings(source({ identity: 'app' }, {})).identity, 'user', 'a workspace cannot choose whose credentials act');
  assert.equal(readSettings(source({}, { identity: 'app' })).identity, 'app');
  assert.equal(readSettings(source({}, { identity: 'root' })).identity, 'user');
  assert.equal(readSettings(source({}, { signInPort: 50123 })).signInPort, 50123);
  for (const bad of [0, 70000, 1.5, '8080']) assert.equal(readSettings(source({}, { signInPort: bad })).signInPort, 47123, String(bad));
});

void test('conflict policy and link sharing: the known values, anything else the default', () => {
  assert.equal(readSettings(source({ onConflict: 'ask' }, {})).onConflict, 'ask');
  assert.equal(readSettings(source({ onConflict: 'skip' }, {})).onConflict, 'skip');
  assert.equal(readSettings(source({ onConflict: 'overwrite' }, {})).onConflict, 'keep-both');
  assert.equal(readSettings(source({ linkSharing: 'tenant_editable' }, {})).linkSharing, 'tenant_editable');
  assert.equal(readSettings(source({ linkSharing: 'anyone_editable' }, {})).linkSharing, 'off');
});
