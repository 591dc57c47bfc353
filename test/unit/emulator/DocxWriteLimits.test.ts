import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { DocxWriteLimits } from '../../../src/emulator/DocxWriteLimits';

void test('3 writes per sliding second per document (429), then per app (400); refusals recorded, reset forgets them', () => {
  let now = 0;
  const limits = new DocxWriteLimits(3, () => now, () => 7);
  for (let i = 0; i < 3; i++) assert.equal(limits.admit('doc-a', 'docx/v1/documents/doc-a/blocks').ok, true);
  const byDocument = limits.admit('doc-a', 'docx/v1/documents/doc-a/blocks');
  assert.deepEqual(byDocument, {
    ok: false,
    status: 429,
    violation: { endpoint: 'docx/v1/documents/doc-a/blocks', reason: 'docxDocument', at: 7, detail: '4 writes to document doc-a within 1000 ms (limit 3)' },
  });
  const byApp = limits.admit('doc-b', 'docx/v1/documents/doc-b/blocks');
  assert.equal(byApp.ok, false);
  if (!byApp.ok) assert.deepEqual([byApp.status, byApp.violation.reason, byApp.violation.detail], [400, 'docxApp', '4 docx writes of the app within 1000 ms (limit 3)']);
  now = 1000;
  assert.equal(limits.admit('doc-b', 'docx/v1/documents/doc-b/blocks').ok, true, 'the window moved on');
  assert.equal(limits.violations().length, 2);
  limits.reset();
  assert.deepEqual(limits.violations(), []);
});
