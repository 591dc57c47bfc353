// The extension's resume paths with a scripted `vscode` and the emulator: Cancel says how far it got and offers
// Resume, start-up offers interrupted uploads once (Resume / Discard), and the messages of the error paths.
import { strict as assert } from 'node:assert';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, beforeEach, test } from 'node:test';
import { FileResumeStore, identityOf, sessionKey, type SessionRecord } from '../../src/core';
import type { Emulator } from '../../src/emulator';
import type { HistoryEntry } from '../../src/vscode/history/UploadHistory';
import { ExtensionHost } from '../helpers/extensionHost';
import { freePort } from '../helpers/freePort';
import { sha256, writeFixture } from '../helpers/fixtures';

const host = new ExtensionHost();
const fake = host.fake;
const MiB = 1024 * 1024;
const BLOCK = 4 * MiB;
const SIZE = 22 * MiB + 7; // 6 parts
let emu: Emulator;
let files: Record<string, { path: string; bytes: Buffer }> = {};

before(async () => {
  await host.start();
  emu = host.emu;
  files = Object.fromEntries(['big.bin', 'a.bin', 'b.bin', 'c.bin', 'd.bin', 'e.bin', 'f.bin'].map((name, i) => [name, writeFixture(host.ws, name, SIZE, i + 1)]));
});
after(() => host.stop());
beforeEach(async () => {
  await host.activate();
  emu.setShaping({});
});

const store = (): FileResumeStore => new FileResumeStore(join(fake.globalStorage, 'upload-sessions'));
const uploaded = (name: string) => emu.listFiles().filter((f) => f.name === name);

/** Uploads `name` to My Space and presses Cancel once a few progress reports came (a part or two through). */
async function cancelMidway(name: string, answer: (text: string) => string | undefined): Promise<void> {
  host.signIn();
  fake.userSettings['feishu.defaultFolder'] = 'root';
  emu.setShaping({ bytesPerSecond: 8 * MiB });
  fake.cancelAfterReports = 6; // reports come every 200 ms: ~1.2 s in, at 8 MiB/s two parts are through
  fake.answer = (s) => {
    const pick = answer(s.text);
    if (pick === 'Resume') {
      fake.cancelAfterReports = undefined;
      emu.setShaping({});
    }
    return pick;
  };
  await fake.run('feishu.upload', host.file(name));
}

void test('Cancel mid-way: "Cancelled at N %" with Resume; Resume sends only the rest, no part twice', async () => {
  await cancelMidway('big.bin', (text) => (text.startsWith('Cancelled at') ? 'Resume' : undefined));
  const cancelled = fake.shown.find((s) => s.text.startsWith('Cancelled at'));
  assert.ok(cancelled, JSON.stringify(fake.shown));
  const m = /^Cancelled at (\d+) %: ([\d.]+) MiB of big\.bin are on Feishu\. Resume sends only the rest\.$/.exec(cancelled.text);
  assert.ok(m, cancelled.text);
  assert.ok(Number(m[1]) >= 17 && Number(m[1]) < 100, `${m[1]} %: at least one part of six`);
  assert.deepEqual(cancelled.items, ['Resume', 'Show Log']);
  assert.equal(cancelled.severity, 'info', 'cancelling is not an error');

  await fake.waitFor(() => fake.shown.find((s) => s.text === 'Uploaded big.bin to Feishu.'), 'the resumed upload to finish');
  const stats = emu.stats();
  assert.equal(stats.calls['drive/v1/files/upload_prepare'], 1, 'the cancelled upload_id was continued');
  assert.ok(stats.uploadBytes.duplicate <= BLOCK, 'at most the part on the wire at Cancel twice');
  assert.equal(uploaded('big.bin').length, 1);
  assert.equal(uploaded('big.bin')[0].sha256, sha256(files['big.bin'].bytes));
  assert.match(fake.log.join('\n'), /info resuming .*big\.bin at part \d of 6 \([\d.]+ MiB already on Feishu\)/);
  assert.match(fake.log.join('\n'), /info uploaded .*big\.bin \(multipart, 6 part\(s\), resumed at part \d, \d+ ms\)/);
  assert.deepEqual(await store().list(), [], 'done: the record went');
});

void test('start-up: an interrupted upload is offered once; Resume finishes it where it stopped', async () => {
  await cancelMidway('a.bin', () => undefined); // the Cancel message dismissed
  assert.equal((await store().list()).length, 1);
  const prepares = emu.stats().calls['drive/v1/files/upload_prepare'];

  await host.activate({ restart: true, answer: (s) => (s.text.startsWith('An upload to Feishu was interrupted') ? 'Resume' : undefined) });
  const offer = await fake.waitFor(() => fake.shown.find((s) => s.text.startsWith('An upload to Feishu was interrupted')), 'the offer');
  assert.match(offer.text, /^An upload to Feishu was interrupted: a\.bin at \d+ %\. Resume sends only the rest\.$/);
  assert.deepEqual(offer.items, ['Resume', 'Discard']);
  await fake.waitFor(() => fake.shown.find((s) => s.text === 'Uploaded a.bin to Feishu.'), 'the resumed upload');
  assert.equal(emu.stats().calls['drive/v1/files/upload_prepare'], prepares, 'no new prepare');
  assert.equal(uploaded('a.bin')[0]?.sha256, sha256(files['a.bin'].bytes));

  // Nothing left to offer at the next start.
  await host.activate({ restart: true });
  await new Promise((r) => setTimeout(r, 300));
  assert.ok(!fake.shown.some((s) => s.text.includes('interrupted')), JSON.stringify(fake.shown));
});

/** What an upload of `name` to My Space interrupted after `confirmed` parts leaves in the extension's store. */
async function record(name: string, confirmed: number[], who: SessionRecord['identity'] = identityOf({ appId: emu.appId, appSecret: emu.appSecret })): Promise<SessionRecord> {
  const st = statSync(files[name].path);
  const target = { api: 'files', parentType: 'explorer', parentNode: emu.rootFolderToken } as const;
  const r: SessionRecord = {
    version: 1,
    method: 'multipart',
    key: sessionKey(who, target, files[name].path, name),
    name,
    file: { path: files[name].path, size: st.size, mtimeMs: st.mtimeMs, head: sha256(files[name].bytes.subarray(0, BLOCK)) },
    target,
    identity: who,
    uploadId: `u-${name}`,
    blockSize: BLOCK,
    blockNum: 6,
    confirmed,
    preparedAt: Date.now() - 60_000,
    updatedAt: Date.now() - 30_000,
  };
  await store().save(r);
  return r;
}

void test('start-up: several interrupted uploads, Discard removes them; a dismissed offer is not repeated', async () => {
  host.signIn();
  const s = store();
  await record('b.bin', [0, 1, 2]);
  await record('c.bin', [0]);
  // Another identity's interrupted upload is not offered: Feishu would refuse it (1062007).
  await record('d.bin', [0], { kind: 'user', id: 'token-0123456789abcdef' });

  await host.activate({ restart: true, answer: (x) => (x.text.includes('were interrupted') ? 'Discard' : undefined) });
  const offer = await fake.waitFor(() => fake.shown.find((x) => x.text.includes('were interrupted')), 'the offer');
  assert.match(offer.text, /^2 uploads to Feishu were interrupted: (b\.bin \(54 %\), c\.bin \(18 %\)|c\.bin \(18 %\), b\.bin \(54 %\))\. Resume sends only the rest\.$/);
  await fake.waitFor(() => fake.statusMessages.find((m) => m === 'Interrupted uploads discarded: 2.'), 'the discard note');
  assert.deepEqual((await s.list()).map((r) => r.name), ['d.bin'], 'only the other identity\'s record is left');

  // Dismissed (no answer): kept, and not offered again at the next start.
  await record('b.bin', [0]);
  await host.activate({ restart: true });
  await fake.waitFor(() => fake.shown.find((x) => x.text.startsWith('An upload to Feishu was interrupted: b.bin')), 'the offer');
  await host.activate({ restart: true });
  await new Promise((r) => setTimeout(r, 300));
  assert.ok(!fake.shown.some((x) => x.text.includes('interrupted')), 'offered once');
  assert.deepEqual((await s.list()).map((r) => r.name).sort(), ['b.bin', 'd.bin']);
  for (const r of await s.list()) await s.remove(r.key);
});

void test('the same file already being uploaded by another window: one clear message', async () => {
  host.signIn();
  fake.userSettings['feishu.defaultFolder'] = 'root';
  const identity = identityOf({ appId: emu.appId, appSecret: emu.appSecret });
  const target = { api: 'files', parentType: 'explorer', parentNode: emu.rootFolderToken } as const;
  const held = await store().lock(sessionKey(identity, target, files['big.bin'].path, 'big.bin'));
  assert.ok(held.ok);
  try {
    await fake.run('feishu.upload', host.file('big.bin'));
    const error = await fake.waitFor(() => fake.shown.find((s) => s.severity === 'error'), 'the error');
    assert.match(
      error.text,
      /^This file is already being uploaded to the same place by another window or process\. "big\.bin", held by process \d+ on .+\. Wait for that upload to finish or stop it, then upload again: it continues where it stopped\.$/,
    );
    assert.deepEqual(error.items, ['Show Log']);
    assert.equal(emu.stats().calls['drive/v1/files/upload_prepare'] ?? 0, 0);
  } finally {
    await held.lock.release();
  }
});

void test('a finish whose answer was lost: the file is found in the folder and reported, not stored twice', async () => {
  host.signIn();
  fake.userSettings['feishu.defaultFolder'] = 'root';
  emu.injectFault({ kind: 'dropAnswer', endpoint: 'upload_finish' });
  await fake.run('feishu.upload', host.file('big.bin'));
  const shown = await fake.waitFor(() => fake.shown.find((s) => s.text.startsWith('big.bin was already in Feishu')), 'the message');
  assert.equal(shown.text, 'big.bin was already in Feishu: an earlier attempt had stored it, but its result was lost. It was not uploaded again.');
  assert.deepEqual(shown.items, ['Copy Link', 'Open in Browser', 'Copy Token']);
  assert.equal(uploaded('big.bin').length, 1);
});

void test('a window closed after the upload, before the history had it: the next upload of the file reports it, sends nothing, and it is not offered as interrupted', async () => {
  host.signIn();
  fake.userSettings['feishu.defaultFolder'] = 'root';
  await fake.run('feishu.upload', host.file('f.bin'));
  await fake.waitFor(() => fake.shown.find((s) => s.text === 'Uploaded f.bin to Feishu.'), 'the upload');
  assert.deepEqual(await store().list(), [], 'reported: the record went');
  // What the record says when the window closes between the finish and the history: stored, with the token.
  const [stored] = uploaded('f.bin');
  const r = await record('f.bin', [0, 1, 2, 3, 4, 5]);
  await store().save({ ...r, preparedAt: Date.now() - 120_000, finishSentAt: Date.now() - 60_000, fileToken: stored.fileToken });
  await host.activate({ restart: true, settings: { 'feishu.defaultFolder': 'root' } });
  await new Promise((res) => setTimeout(res, 300));
  assert.ok(!fake.shown.some((s) => s.text.includes('interrupted')), JSON.stringify(fake.shown));

  const calls = { ...emu.stats().calls };
  await fake.run('feishu.upload', host.file('f.bin'));
  const shown = await fake.waitFor(() => fake.shown.find((s) => s.text.startsWith('f.bin was already in Feishu')), `the message; log: ${fake.log.slice(-8).join(' | ')}`);
  assert.equal(shown.text, 'f.bin was already in Feishu: an earlier attempt had stored it, but its result was lost. It was not uploaded again.');
  assert.equal(emu.stats().calls['drive/v1/files/upload_prepare'], calls['drive/v1/files/upload_prepare'], 'no prepare');
  assert.equal(uploaded('f.bin').length, 1);
  const [entry] = fake.treeViews.get('feishu.uploads')?.getChildren() as HistoryEntry[];
  assert.deepEqual({ name: entry.name, token: entry.token }, { name: 'f.bin', token: stored.fileToken });
  assert.deepEqual(await store().list(), []);
});

void test('signed in: the offer is of the identity uploads act as now, the person\'s by open_id or the app\'s', async () => {
  await host.signInAsPerson(await freePort());
  const ada = emu.users()[0];
  await record('b.bin', [0, 1], { kind: 'user', id: ada.openId });
  await record('c.bin', [0]);

  // feishu.identity "app": the app's interrupted upload, not the person's.
  await host.activate({ restart: true, settings: { 'feishu.identity': 'app' } });
  const asApp = await fake.waitFor(() => fake.shown.find((x) => x.text.includes('interrupted')), 'the offer as the app');
  assert.equal(asApp.text, 'An upload to Feishu was interrupted: c.bin at 18 %. Resume sends only the rest.');
  const adas = (await store().list()).find((r) => r.name === 'b.bin');
  assert.equal(adas?.offeredAt, undefined, "the person's was not offered to the app");

  // Signed in, as the person (the default): theirs.
  await host.activate({ restart: true });
  const asAda = await fake.waitFor(() => fake.shown.find((x) => x.text.includes('interrupted')), 'the offer as the person');
  assert.equal(asAda.text, 'An upload to Feishu was interrupted: b.bin at 36 %. Resume sends only the rest.');
  for (const r of await store().list()) await store().remove(r.key);
});

void test('Upload Again from the Feishu Uploads view continues an interrupted upload of that file to that folder', async () => {
  host.signIn();
  fake.userSettings['feishu.defaultFolder'] = 'root';
  await fake.run('feishu.upload', host.file('e.bin'));
  await fake.waitFor(() => fake.shown.find((s) => s.text === 'Uploaded e.bin to Feishu.'), 'the first upload');
  const provider = fake.treeViews.get('feishu.uploads');
  assert.ok(provider, 'the Feishu Uploads view is registered');
  const [entry] = provider.getChildren() as HistoryEntry[];
  assert.equal(entry.name, 'e.bin');

  // The same file to the same place again, cancelled part-way: its parts are kept.
  fake.reports.length = 0;
  await cancelMidway('e.bin', () => undefined);
  assert.ok(fake.shown.some((s) => s.text.startsWith('Cancelled at')), JSON.stringify(fake.shown));
  assert.equal((await store().list()).length, 1);
  fake.cancelAfterReports = undefined;
  emu.setShaping({});
  const prepares = emu.stats().calls['drive/v1/files/upload_prepare'];
  fake.shown.length = 0;
  await fake.run('feishu.history.uploadAgain', entry);
  await fake.waitFor(() => fake.shown.find((s) => s.text === 'Uploaded e.bin to Feishu.'), 'Upload Again');
  assert.equal(emu.stats().calls['drive/v1/files/upload_prepare'], prepares, 'the interrupted upload_id was continued');
  assert.match(fake.log.join('\n'), /info resuming .*e\.bin at part \d of 6/);
  assert.ok(emu.stats().uploadBytes.duplicate <= BLOCK, 'at most the part on the wire at Cancel twice');
  assert.equal(uploaded('e.bin').length, 2, 'the first upload and the continued one');
  assert.deepEqual(await store().list(), []);
});
