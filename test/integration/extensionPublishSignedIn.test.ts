import { strict as assert } from 'node:assert';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, beforeEach, test } from 'node:test';
import type { Emulator } from '../../src/emulator';
import type { HistoryEntry } from '../../src/vscode/history/UploadHistory';
import { ExtensionHost } from '../helpers/extensionHost';
import { freePort } from '../helpers/freePort';
import { writePublishFixture } from '../helpers/publishFixture';

// Publish to Feishu Doc for a person signed in on this machine: into their own My Space without a question, the
// history naming them, the file's document remembered for them; and acting as the app while they are signed in,
// the app's document is shared with them and remembered apart from theirs.
const host = new ExtensionHost();
const fake = host.fake;
let emu: Emulator;
let port = 0;

const PUBLISHED = 'Published release-guide.md as the Feishu document "Release Guide".';
const CONFIRM = 'Replace the content of the Feishu document "Release Guide" with release-guide.md?';

before(async () => {
  await host.start();
  emu = host.emu;
  writePublishFixture(join(host.ws, 'docs'));
  port = await freePort();
});
after(async () => {
  await host.stop();
});
beforeEach(async () => {
  await host.activate();
  rmSync(join(host.stateDir, 'published-documents.json'), { force: true });
  await host.signInAsPerson(port);
});

const ada = (): { openId: string; name: string } => emu.users()[0];
const markdown = (): ReturnType<typeof host.file> => host.file('docs', 'release-guide.md');

function history(): HistoryEntry[] {
  return fake.treeViews.get('feishu.uploads')!.getChildren() as HistoryEntry[];
}

/** Publishes the fixture, answering the confirmation with `confirm`; returns the document's id from the copied link. */
async function publish(confirm?: 'Replace Content'): Promise<string> {
  fake.clipboard = '';
  fake.answer = (s) => (s.text === CONFIRM ? confirm : s.text.startsWith(PUBLISHED) || s.text.startsWith('Updated ') ? 'Copy Link' : undefined);
  await fake.run('feishu.publishMarkdown', markdown());
  await fake.waitFor(() => fake.clipboard || undefined, 'the copied link');
  return /\/docx\/(\w+)$/.exec(fake.clipboard)![1];
}

void test('signed in: the document goes to her own My Space without a question, is hers, and the history names her', async () => {
  const documentId = await publish();
  assert.equal(fake.quickPicks.length, 0, 'no folder picker: her My Space needs no folder shared with a bot');
  const doc = emu.getDocument(documentId)!;
  assert.equal(doc.folderToken, emu.rootFolderOf(ada().openId));
  assert.deepEqual(emu.collaborators(documentId), [], 'hers: nothing to share');
  assert.equal(fake.clipboard, `${emu.tenantUrl}/docx/${documentId}`);
  const [entry] = await fake.waitFor(() => (history().length > 0 ? history() : undefined), 'the history entry');
  assert.deepEqual([entry.kind, entry.as, entry.target], ['publish', { kind: 'user', id: ada().openId, name: 'Ada Lin' }, { kind: 'folder', token: '', label: 'My Space' }]);
  assert.match(fake.log.join('\n'), /publish .*release-guide\.md as a new document in My Space as Ada Lin \(ou_\w+\)/);

  // Again: her document, remembered for her (by her open_id), is updated in place.
  fake.shown.length = 0;
  assert.equal(await publish('Replace Content'), documentId);
  assert.ok(fake.shown.some((s) => s.text === CONFIRM));
  assert.equal(emu.listDocuments().length, 1);
});

void test('acting as the app with her signed in: the app\'s document is shared with her, and remembered apart from hers', async () => {
  const hers = await publish();
  const shared = emu.addFolder({ name: 'Shared with the bot' });
  fake.changeSettings({ 'feishu.identity': 'app', 'feishu.defaultFolder': shared });
  fake.shown.length = 0;
  const apps = await publish();
  assert.notEqual(apps, hers, 'the app has not published this file: a new document, no confirmation');
  assert.ok(!fake.shown.some((s) => s.text === CONFIRM));
  const doc = emu.getDocument(apps)!;
  assert.equal(doc.folderToken, shared);
  assert.deepEqual(emu.collaborators(apps), [{ memberType: 'openid', memberId: ada().openId, perm: 'full_access', type: 'user' }]);
  assert.deepEqual(history()[0].as, { kind: 'app', id: emu.appId });
  assert.ok(!fake.shown.some((s) => s.severity === 'error' || s.text.includes('could not be given access')), JSON.stringify(fake.shown));

  // The app again: its own document, updated.
  assert.equal(await publish('Replace Content'), apps);
});
