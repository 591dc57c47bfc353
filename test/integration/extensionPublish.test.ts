import { strict as assert } from 'node:assert';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, beforeEach, test } from 'node:test';
import type { Emulator } from '../../src/emulator';
import type { HistoryEntry } from '../../src/vscode/history/UploadHistory';
import { FIXTURE_OUTLINE, outline } from '../helpers/docOutline';
import { ExtensionHost } from '../helpers/extensionHost';
import { sha256 } from '../helpers/fixtures';
import { writePublishFixture, type PublishFixture } from '../helpers/publishFixture';

// "Publish to Feishu Doc" with the real handler, registrar, error boundary and flow, a scripted `vscode`, and
// the emulator on loopback.
const host = new ExtensionHost();
const fake = host.fake;
let emu: Emulator;
let fixture: PublishFixture;
let folder = '';

const PUBLISHED = 'Published release-guide.md as the Feishu document "Release Guide".';
const WARNINGS = '2 warnings; the first: Line 10: the link ./other.md only works next to the Markdown file, not in Feishu; its text was published without the link.';
const CONFIRM = 'Replace the content of the Feishu document "Release Guide" with release-guide.md?';

before(async () => {
  await host.start();
  emu = host.emu;
  fixture = writePublishFixture(join(host.ws, 'docs'));
  writeFileSync(join(host.ws, 'notes.txt'), 'not Markdown\n');
});

after(async () => {
  await host.stop();
});

beforeEach(async () => {
  await host.activate();
  host.signIn();
  folder = emu.addFolder();
  fake.userSettings['feishu.defaultFolder'] = folder;
  // Every test starts with a file that was never published.
  rmSync(join(host.stateDir, 'published-documents.json'), { force: true });
});

const markdown = (): ReturnType<typeof host.file> => host.file('docs', 'release-guide.md');

function history(): HistoryEntry[] {
  return fake.treeViews.get('feishu.uploads')!.getChildren() as HistoryEntry[];
}

function documentIdIn(url: string): string {
  return /\/docx\/(\w+)$/.exec(url)![1];
}

async function publishedOnce(): Promise<string> {
  fake.answer = (s) => (s.text.startsWith(PUBLISHED) ? 'Copy Link' : undefined);
  await fake.run('feishu.publishMarkdown', markdown(), [markdown()]);
  await fake.waitFor(() => fake.clipboard || undefined, 'the copied link');
  const id = documentIdIn(fake.clipboard);
  fake.reset();
  await host.activate();
  host.signIn();
  fake.userSettings['feishu.defaultFolder'] = folder;
  return id;
}

void test('Explorer: the fixture becomes a document in the default folder; warnings in the message and the log; Open in Browser', async () => {
  fake.answer = (s) => (s.text.startsWith(PUBLISHED) ? 'Open in Browser' : undefined);
  await fake.run('feishu.publishMarkdown', markdown(), [markdown()]);
  const result = await fake.waitFor(() => fake.shown.find((s) => s.text.startsWith(PUBLISHED)), 'the result');
  assert.deepEqual(result, { severity: 'warning', text: `${PUBLISHED} ${WARNINGS}`, items: ['Open in Browser', 'Copy Link', 'Show Warnings'], modal: false });
  await fake.waitFor(() => fake.opened[0], 'the browser');
  const documentId = documentIdIn(fake.opened[0]);
  assert.equal(fake.opened[0], `${emu.tenantUrl}/docx/${documentId}`, "Feishu's own link (metas batch_query)");
  const doc = emu.getDocument(documentId)!;
  assert.equal(doc.folderToken, folder);
  assert.deepEqual(outline(doc), FIXTURE_OUTLINE);
  const images = doc.blocks.filter((b) => b.blockType === 27).map((b) => emu.getFile(b.token!)!.sha256);
  assert.deepEqual(images, [sha256(fixture.diagram), sha256(fixture.screenShot), sha256(fixture.screenShot)]);

  // Reports are throttled (one per 200 ms): the first and the last always show.
  const messages = fake.reports.map((r) => r.message);
  assert.deepEqual([messages[0], messages.at(-1)], ['Converting release-guide.md…', 'Uploading images: 3/3'], JSON.stringify(messages));
  assert.equal(fake.reports.reduce((sum, r) => sum + (r.increment ?? 0), 0), 95, 'the bar moves forward only, to 95 %');
  const log = fake.log.join('\n');
  assert.match(log, new RegExp(`published .*release-guide\\.md → ${emu.tenantUrl.replace(/[.]/g, '\\.')}/docx/${documentId} \\(50 blocks in 1 call\\(s\\), 3 image\\(s\\), \\d+ ms\\)`));
  assert.match(log, /warn .*release-guide\.md: Line 22: image missing\.png was not found; its description was published as text instead\./);
  assert.ok(fake.statusTexts.some((s) => s.includes('%')), 'the status bar showed the progress');
  assert.deepEqual(fake.progressTitles, ['Publishing release-guide.md to Feishu'], 'a file never published has nothing to look up');
  assert.equal(fake.inputPrompts.length, 0, 'the default folder is used without asking');
});

void test('Show Warnings opens the log, where each warning has its line', async () => {
  fake.answer = (s) => (s.text.startsWith(PUBLISHED) ? 'Show Warnings' : undefined);
  await fake.run('feishu.publishMarkdown', markdown());
  await fake.waitFor(() => fake.log.includes('(shown)') || undefined, 'the log shown');
  const warnings = fake.log.filter((l) => l.startsWith('warn ') && l.includes('release-guide.md: Line '));
  assert.equal(warnings.length, 2);
});

void test('publishing the same file again asks first, naming the document; Replace Content updates it in place', async () => {
  const documentId = await publishedOnce();
  const documents = emu.listDocuments().length;
  fake.answer = (s) => (s.text === CONFIRM ? 'Replace Content' : s.text.startsWith('Updated ') ? 'Copy Link' : undefined);
  await fake.run('feishu.publishMarkdown', markdown(), [markdown()]);
  const confirm = fake.shown.find((s) => s.text === CONFIRM);
  assert.deepEqual(confirm, { severity: 'warning', text: CONFIRM, items: ['Replace Content', 'Publish as New Document'], modal: true });
  await fake.waitFor(() => fake.shown.find((s) => s.text.startsWith('Updated the Feishu document "Release Guide" from release-guide.md.')), 'the result');
  await fake.waitFor(() => fake.clipboard || undefined, 'the copied link');
  assert.equal(documentIdIn(fake.clipboard), documentId);
  assert.equal(emu.listDocuments().length, documents, 'still one document');
  assert.deepEqual(fake.progressTitles, ['Looking up the Feishu document release-guide.md was published to…', 'Publishing release-guide.md to Feishu']);
  assert.deepEqual(outline(emu.getDocument(documentId)!), FIXTURE_OUTLINE);
});

void test('Cancel on the confirmation changes nothing; Publish as New Document makes another', async () => {
  const documentId = await publishedOnce();
  const revision = emu.getDocument(documentId)!.revisionId;
  const documents = emu.listDocuments().length;
  await fake.run('feishu.publishMarkdown', markdown());
  assert.ok(fake.shown.some((s) => s.text === CONFIRM));
  assert.equal(emu.getDocument(documentId)!.revisionId, revision, 'not a single write');
  assert.equal(emu.listDocuments().length, documents);

  fake.answer = (s) => (s.text === CONFIRM ? 'Publish as New Document' : undefined);
  await fake.run('feishu.publishMarkdown', markdown());
  await fake.waitFor(() => fake.shown.find((s) => s.text.startsWith(PUBLISHED)), 'the result');
  assert.equal(emu.listDocuments().length, documents + 1);
});

void test('a remembered document that is gone is said so, with Publish as New Document', async () => {
  const documentId = await publishedOnce();
  emu.deleteDocument(documentId);
  fake.answer = (s) => (s.text.startsWith('The document this file was published to is gone') ? 'Publish as New Document' : undefined);
  await fake.run('feishu.publishMarkdown', markdown());
  const gone = fake.shown.find((s) => s.text.startsWith('The document this file was published to is gone'))!;
  assert.equal(gone.severity, 'warning');
  assert.match(gone.text, new RegExp(`^The document this file was published to is gone, or you can no longer edit it\\. "Release Guide" \\(${documentId}\\) \\(Feishu code 1770003\\)\\. Publish the file as a new document, or ask the document's owner for edit permission\\.$`));
  assert.deepEqual(gone.items, ['Publish as New Document']);
  const result = await fake.waitFor(() => fake.shown.find((s) => s.text.startsWith(PUBLISHED)), 'the result');
  assert.ok(result);
  assert.ok(!fake.shown.some((s) => s.text === CONFIRM), 'no confirmation for a new document');
});

void test('palette: the active Markdown editor is published with its unsaved text; without one an open dialog asks', async () => {
  const draft = join(host.ws, 'draft.md');
  writeFileSync(draft, '# Saved title\n\nSaved text.\n');
  fake.openMarkdownFile(draft, '# Draft title\n\nUnsaved text.\n');
  fake.answer = (s) => (s.text.startsWith('Published draft.md') ? 'Copy Link' : undefined);
  await fake.run('feishu.publishMarkdown');
  await fake.waitFor(() => fake.clipboard || undefined, 'the copied link');
  const doc = emu.getDocument(documentIdIn(fake.clipboard))!;
  assert.equal(doc.title, 'Draft title');
  assert.deepEqual(outline(doc), ['2 "Unsaved text."']);
  assert.match(fake.log.join('\n'), /draft\.md has unsaved changes: publishing the editor's text/);

  fake.reset();
  await host.activate();
  host.signIn();
  fake.userSettings['feishu.defaultFolder'] = folder;
  fake.openDialogResult = [host.file('draft.md')];
  await fake.run('feishu.publishMarkdown');
  assert.deepEqual(fake.openDialogs, [{ title: 'Publish to Feishu Doc', filters: { Markdown: ['md', 'markdown', 'mdown', 'mkd', 'mkdn', 'mdwn', 'mark'] } }]);
  assert.ok(fake.shown.some((s) => s.text.startsWith('Replace the content of the Feishu document "Draft title" with draft.md?')), 'the same file again: its document');
  assert.equal(readFileSync(draft, 'utf8'), '# Saved title\n\nSaved text.\n', 'the file is never written');
});

void test('no default folder: the Drive folder picker asks where the new document goes, offering to remember it', async () => {
  delete fake.userSettings['feishu.defaultFolder'];
  const team = emu.addFolder({ name: 'Team', owner: 'app' });
  fake.picks = ['Team', 'Upload here'];
  fake.answer = (s) => (s.text.startsWith(PUBLISHED) ? 'Copy Link' : undefined);
  await fake.run('feishu.publishMarkdown', markdown());
  assert.deepEqual(fake.problems, []);
  assert.equal(fake.quickPicks[0].title, 'Feishu folder for the new document: My Space');
  await fake.waitFor(() => fake.clipboard || undefined, 'the copied link');
  assert.equal(emu.getDocument(documentIdIn(fake.clipboard))!.folderToken, team);
  assert.ok(fake.shown.some((s) => s.text.startsWith('Upload to this folder from now on?')));
  // A pasted folder link works as for uploads.
  fake.reset();
  await host.activate();
  host.signIn();
  rmSync(join(host.stateDir, 'published-documents.json'), { force: true });
  const shared = emu.addFolder({ name: 'Shared' });
  fake.picks = [{ value: `https://acme.feishu.cn/drive/folder/${shared}` }];
  fake.answer = (s) => (s.text.startsWith(PUBLISHED) ? 'Copy Link' : undefined);
  await fake.run('feishu.publishMarkdown', markdown());
  await fake.waitFor(() => fake.clipboard || undefined, 'the copied link');
  assert.equal(emu.getDocument(documentIdIn(fake.clipboard))!.folderToken, shared);
});

void test('the Feishu Uploads history lists each publish, with Copy Link, Open in Browser and Upload Again (publish again)', async () => {
  fake.answer = (s) => (s.text.startsWith(PUBLISHED) ? 'Copy Link' : undefined);
  await fake.run('feishu.publishMarkdown', markdown());
  await fake.waitFor(() => fake.clipboard || undefined, 'the copied link');
  const documentId = documentIdIn(fake.clipboard);
  const url = `${emu.tenantUrl}/docx/${documentId}`;
  const [entry] = await fake.waitFor(() => (history().length > 0 ? history() : undefined), 'the history entry');
  assert.deepEqual(
    { kind: entry.kind, name: entry.name, localPath: entry.localPath, url: entry.url, token: entry.token, target: entry.target, as: entry.as },
    { kind: 'publish', name: 'Release Guide', localPath: markdown().fsPath, url, token: documentId, target: { kind: 'folder', token: folder, label: 'Folder' }, as: { kind: 'app', id: emu.appId } },
  );
  const item = fake.treeViews.get('feishu.uploads')!.getTreeItem(entry) as { contextValue: string; tooltip: string };
  assert.equal(item.contextValue, 'feishuUpload.publish.local', 'the view offers its actions');
  assert.match(item.tooltip, /^Release Guide\nFolder: Folder\n/);

  fake.clipboard = '';
  await fake.run('feishu.history.copyLink', entry);
  assert.equal(fake.clipboard, url);
  await fake.run('feishu.history.openInBrowser', entry);
  assert.deepEqual(fake.opened, [url]);

  // Upload Again publishes the file again: into the same document, after the confirmation.
  const documents = emu.listDocuments().length;
  fake.answer = (s) => (s.text === CONFIRM ? 'Replace Content' : undefined);
  await fake.run('feishu.history.uploadAgain', entry);
  await fake.waitFor(() => fake.shown.find((s) => s.text.startsWith('Updated the Feishu document "Release Guide" from release-guide.md.')), 'the update');
  assert.equal(emu.listDocuments().length, documents);
  const [updated] = await fake.waitFor(() => (history().length > 1 ? history() : undefined), 'the second entry');
  assert.deepEqual(updated.target, { kind: 'document', id: documentId, label: 'Release Guide', url });
});

void test('cancelled half-way: the new document is deleted again, and a message says so', async () => {
  const documents = emu.listDocuments().length;
  // The second report comes 200 ms in: the document exists, its content is going in.
  fake.cancelAfterReports = 2;
  await fake.run('feishu.publishMarkdown', markdown());
  const note = await fake.waitFor(() => fake.shown.find((s) => s.text.startsWith('Publishing release-guide.md was cancelled.')), 'the cancel message');
  assert.deepEqual(note, { severity: 'info', text: 'Publishing release-guide.md was cancelled. The new document was deleted again; nothing was left behind.', items: [], modal: false });
  assert.equal(emu.listDocuments().length, documents);
  assert.ok(!fake.shown.some((s) => s.severity === 'error'), 'a cancel is no error');
});

void test('a failure half-way: the error says what happened, that nothing was left, and what to do', async () => {
  const documents = emu.listDocuments().length;
  emu.injectFault({ kind: 'code', code: 1061004, status: 403, endpoint: 'medias/upload_all', after: 1 });
  await fake.run('feishu.publishMarkdown', markdown());
  const error = await fake.waitFor(() => fake.shown.find((s) => s.severity === 'error'), 'the error');
  assert.equal(
    error.text,
    'No permission to upload to this folder or document. Feishu says: "forbidden.". (code 1061004) The new document was deleted again; nothing was left behind. Give the app (or user) edit permission: share the folder or document with a group that contains the app\'s bot, or pick a folder you own.',
  );
  assert.deepEqual(error.items, ['Change Folder', 'Show Log']);
  assert.equal(emu.listDocuments().length, documents);
});

void test('not a Markdown file: one line that says so', async () => {
  await fake.run('feishu.publishMarkdown', host.file('notes.txt'));
  const error = await fake.waitFor(() => fake.shown.find((s) => s.severity === 'error'), 'the error');
  assert.equal(error.text, `Only Markdown files can be published as Feishu documents. ${JSON.stringify(join(host.ws, 'notes.txt'))} Pick a .md or .markdown file.`);
});
