import { strict as assert } from 'node:assert';
import { truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, beforeEach, test } from 'node:test';
import type { Emulator } from '../../src/emulator';
import { RecentDocuments } from '../../src/vscode/documents/RecentDocuments';
import { ExtensionHost } from '../helpers/extensionHost';

// "Upload to Feishu Document", "Upload to Document…" and "Import as Feishu Doc" with the real handlers,
// registrar, error boundary and flows, a scripted `vscode`, and the emulator on loopback.
const host = new ExtensionHost();
const fake = host.fake;
const file = host.file.bind(host);
let emu: Emulator;

before(async () => {
  await host.start();
  emu = host.emu;
  const ws = host.ws;
  writeFileSync(join(ws, 'photo.png'), 'not really a png');
  writeFileSync(join(ws, 'notes.txt'), 'Some notes.\n');
  writeFileSync(join(ws, 'plan.md'), '# Plan\n');
  writeFileSync(join(ws, 'huge.md'), '');
  truncateSync(join(ws, 'huge.md'), 20 * 1024 * 1024 + 1);
});

after(() => host.stop());

beforeEach(async () => {
  await host.activate();
  host.signIn();
});

function errorShown(): Promise<{ text: string; items: string[] }> {
  return fake.waitFor(() => fake.shown.find((s) => s.severity === 'error'), 'the error message');
}

void test('Upload to Feishu Document (Explorer) with feishu.defaultDocument: both files appended, Open Document opens it', async () => {
  const doc = emu.createDocument({ title: 'Notes' });
  const link = `${emu.url}/docx/${doc}`;
  fake.userSettings['feishu.defaultDocument'] = link;
  fake.answer = (s) => (s.text.startsWith('Added ') ? 'Open Document' : undefined);
  await fake.run('feishu.uploadToDocument', file('photo.png'), [file('photo.png'), file('notes.txt')]);

  const result = fake.shown.find((s) => s.text.startsWith('Added '));
  assert.deepEqual(result, { severity: 'info', text: 'Added photo.png, notes.txt to "Notes".', items: ['Open Document'], modal: false });
  assert.deepEqual(fake.opened, [link]);
  assert.deepEqual(
    emu.getDocument(doc)!.blocks.map((b) => [b.blockType, b.fileName ?? b.token?.length]),
    [
      [1, undefined],
      [27, 27],
      [33, undefined],
      [23, 'notes.txt'],
    ],
  );
  assert.equal(fake.quickPicks.length + fake.inputPrompts.length, 0, 'the default document is used without asking');
  assert.ok(fake.reports.some((r) => /^File [12] of 2: /.test(r.message ?? '')), JSON.stringify(fake.reports));
  assert.match(fake.log.join('\n'), new RegExp(`added .*photo\\.png to document ${doc} as image block \\w+ \\(all, 1 part\\(s\\), \\d+ ms\\)`));
  assert.deepEqual(fake.globalState.get(RecentDocuments.KEY), [{ documentId: doc, title: 'Notes', link }]);
});

void test('Upload to Document… (palette): files, then a pasted wiki link; the next time the recent document is offered', async () => {
  const node = emu.addWikiNode({ objType: 'docx', title: 'Handbook' });
  const wikiLink = `https://acme.feishu.cn/wiki/${node.nodeToken}`;
  fake.openDialogResult = [file('notes.txt')];
  fake.inputs = [wikiLink];
  await fake.run('feishu.uploadFilesToDocument');
  assert.equal(fake.quickPicks.length, 0, 'nothing to pick from yet: straight to the link box');
  assert.equal(fake.inputPrompts[0].title, 'Feishu document to upload to');
  await fake.waitFor(() => fake.shown.find((s) => s.text === 'Added notes.txt to "Handbook".'), 'the result');

  fake.openDialogResult = [file('photo.png')];
  fake.picks = ['Handbook'];
  await fake.run('feishu.uploadFilesToDocument');
  assert.deepEqual(fake.quickPicks[0].items, [
    { label: 'Handbook', description: wikiLink },
    { label: 'Paste a document link…', description: undefined },
  ]);
  assert.deepEqual(
    emu.getDocument(node.objToken)!.blocks[0].children.length,
    2,
  );
});

void test('the link box refuses a legacy doc with the reason; Escape then ends quietly', async () => {
  fake.openDialogResult = [file('notes.txt')];
  fake.inputs = ['https://acme.feishu.cn/docs/doccnLegacy1234'];
  await fake.run('feishu.uploadFilesToDocument');
  assert.equal(
    fake.inputPrompts[0].problem,
    'Files can only be added to documents (docx), and this is not one. acme.feishu.cn/docs/doccnLegacy1234 is a legacy document (doc). Pick a document: a /docx/ link, or a wiki page that is a document. Sheets, Bases, mind notes, files and legacy docs cannot hold files.',
  );
  assert.deepEqual(fake.shown, [], 'a cancelled prompt is not an error');
});

void test('a wiki page that is a sheet: the error says so, with Change Document', async () => {
  const node = emu.addWikiNode({ objType: 'sheet', title: 'Budget' });
  fake.userSettings['feishu.defaultDocument'] = `https://acme.feishu.cn/wiki/${node.nodeToken}`;
  fake.answer = (s) => (s.severity === 'error' ? 'Change Document' : undefined);
  await fake.run('feishu.uploadToDocument', file('photo.png'));
  const error = await errorShown();
  assert.equal(
    error.text,
    'Files can only be added to documents (docx), and this is not one. The wiki page "Budget" is a sheet. Pick a document: a /docx/ link, or a wiki page that is a document. Sheets, Bases, mind notes, files and legacy docs cannot hold files.',
  );
  assert.deepEqual(error.items, ['Change Document', 'Show Log']);
  await fake.waitFor(() => fake.executed.find((e) => e[0] === 'workbench.action.openSettings' && e[1] === 'feishu.defaultDocument'), 'the setting to open');
  assert.equal(emu.listFiles().length, 0);
});

void test('a failure in the middle: the error is shown and the document keeps no empty block', async () => {
  const doc = emu.createDocument({ title: 'Clean' });
  fake.userSettings['feishu.defaultDocument'] = doc;
  emu.injectFault({ kind: 'code', code: 1770013, endpoint: `docx/v1/documents/${doc}/blocks/`, method: 'PATCH' });
  await fake.run('feishu.uploadToDocument', file('photo.png'));
  const error = await errorShown();
  assert.match(error.text, /^The uploaded file does not belong to this block\. Feishu says: "relation mismatch"\. \(code 1770013\) Upload the file again\./);
  assert.deepEqual(emu.getDocument(doc)!.blocks.length, 1, 'only the page block');
  assert.match(fake.log.join('\n'), /error .*photo\.png: .*code 1770013.*log id/);
});

void test('Import as Feishu Doc: progress while uploading and while Feishu converts, then Open', async () => {
  fake.userSettings['feishu.defaultFolder'] = 'root';
  fake.answer = (s) => (s.text.startsWith('Imported ') ? 'Open' : undefined);
  await fake.run('feishu.importAsDoc', file('plan.md'), [file('plan.md')]);
  const result = await fake.waitFor(() => fake.shown.find((s) => s.text.startsWith('Imported ')), 'the result');
  assert.deepEqual(result.items, ['Open', 'Copy Link']);
  assert.equal(result.text, 'Imported plan.md as a Feishu document.');
  const url = await fake.waitFor(() => fake.opened[0], 'the document to open');
  const token = url.split('/docx/')[1];
  assert.equal(url, `${emu.url}/docx/${token}`);
  assert.equal(emu.getDocument(token)?.title, 'plan');
  const messages = fake.reports.map((r) => r.message);
  assert.ok(messages.includes('Uploading plan.md: 100%'), JSON.stringify(messages));
  assert.ok(messages.includes('Feishu is converting plan.md…'), JSON.stringify(messages));
  assert.match(fake.log.join('\n'), /imported .*plan\.md as docx → http:\/\/127\.0\.0\.1:\d+\/docx\/\w+ \(ticket \d+, \d+ ms\)/);
});

void test('Import from the palette: the open dialog; a failed job shows Feishu\'s reason and what to do', async () => {
  fake.userSettings['feishu.defaultFolder'] = 'root';
  fake.openDialogResult = [file('plan.md')];
  emu.failNextImport(115, 'too big');
  await fake.run('feishu.importAsDoc');
  const error = await errorShown();
  assert.match(error.text, /^The file is larger than Feishu imports allow\. Feishu says: "too big"\. \(import status 115\) Split or shrink the file\./);
  assert.deepEqual(error.items, ['Show Log']);
});

void test('Import of a file over the cap is refused before anything is asked or uploaded', async () => {
  await fake.run('feishu.importAsDoc', file('huge.md'));
  const error = await errorShown();
  assert.match(error.text, /^The file is larger than Feishu imports allow for this type\. huge\.md is 20\.0 MiB \(20971521 bytes\); a docx from \.md takes at most 20\.0 MiB/);
  assert.equal(fake.inputPrompts.length, 0, 'no folder question');
  assert.equal(emu.listFiles().length, 0);
});
