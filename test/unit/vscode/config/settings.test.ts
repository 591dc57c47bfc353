import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { readSettings, type FeishuSettings } from '../../../../src/vscode/config/settings';

function source(merged: Partial<Record<keyof FeishuSettings, unknown>>, user: Partial<Record<keyof FeishuSettings, unknown>>) {
  return { get: (k: keyof FeishuSettings) => merged[k], userValue: (k: keyof FeishuSettings) => user[k] };
}

void test('settings: defaults, and brand and base URL only from user settings', () => {
  assert.deepEqual(readSettings(source({}, {})), { brand: 'feishu', defaultFolder: '', defaultDocument: '', apiBaseUrl: '' });
  // A workspace value shows in the merged view but must not count for the base URL.
  const s = readSettings(source({ apiBaseUrl: 'https://evil.example.com', brand: 'lark', defaultFolder: ' fldcn123456 ', defaultDocument: ' doxcnAbc123 ' }, {}));
  assert.deepEqual(s, { brand: 'feishu', defaultFolder: 'fldcn123456', defaultDocument: 'doxcnAbc123', apiBaseUrl: '' });
  assert.deepEqual(readSettings(source({}, { apiBaseUrl: 'http://127.0.0.1:8123', brand: 'lark' })), {
    brand: 'lark',
    defaultFolder: '',
    defaultDocument: '',
    apiBaseUrl: 'http://127.0.0.1:8123',
  });
  assert.equal(readSettings(source({ defaultFolder: 42 }, { brand: 'nonsense' })).brand, 'feishu');
});
