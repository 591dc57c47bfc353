import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { english as t, type SessionRecord } from '../../../../src/core';
import { batchesOf, destinationOf, offerable, offerText } from '../../../../src/vscode/resume/interrupted';

const MiB = 1024 * 1024;
const app = { kind: 'app', id: 'cli_a' } as const;
const now = 1_800_000_000_000;

function record(name: string, over: Partial<SessionRecord> = {}): SessionRecord {
  return {
    version: 1,
    method: 'multipart',
    key: `${name.length}`.padEnd(32, '0'),
    name,
    file: { path: `/w/${name}`, size: 10 * MiB, mtimeMs: 5, head: 'ab'.repeat(32) },
    target: { api: 'files', parentType: 'explorer', parentNode: 'fldA' },
    identity: app,
    uploadId: 'u',
    blockSize: 4 * MiB,
    blockNum: 3,
    confirmed: [0],
    preparedAt: now - 3600_000,
    updatedAt: now - 3600_000,
    ...over,
  };
}

void test('offered: this identity\'s, into a folder, resumable, not offered yet, not stored already, the file unchanged on disk', async () => {
  const media = { api: 'medias', parentType: 'docx_file', parentNode: 'blk', extra: '{"drive_route_token":"doc"}' } as const;
  const records = [
    record('ok.bin'),
    record('media.bin', { target: media }),
    record('signed-in.bin', { identity: { kind: 'user', id: 'ou_ada' } }),
    record('offered.bin', { offeredAt: now - 1000 }),
    record('other-app.bin', { identity: { kind: 'app', id: 'cli_b' } }),
    record('as-user.bin', { identity: { kind: 'user', id: 'cli_a' } }),
    record('old.bin', { preparedAt: now - 23.5 * 3600_000 }),
    record('gone.bin'),
    record('resized.bin'),
    record('touched.bin'),
    record('stored.bin', { confirmed: [0, 1, 2], finishSentAt: now - 2000, fileToken: 'boxStored' }),
  ];
  const disk: Record<string, { size: number; mtimeMs: number }> = {
    '/w/ok.bin': { size: 10 * MiB, mtimeMs: 5 },
    '/w/media.bin': { size: 10 * MiB, mtimeMs: 5 },
    '/w/signed-in.bin': { size: 10 * MiB, mtimeMs: 5 },
    '/w/offered.bin': { size: 10 * MiB, mtimeMs: 5 },
    '/w/other-app.bin': { size: 10 * MiB, mtimeMs: 5 },
    '/w/as-user.bin': { size: 10 * MiB, mtimeMs: 5 },
    '/w/old.bin': { size: 10 * MiB, mtimeMs: 5 },
    '/w/resized.bin': { size: 10 * MiB + 1, mtimeMs: 5 },
    '/w/touched.bin': { size: 10 * MiB, mtimeMs: 6 },
    '/w/stored.bin': { size: 10 * MiB, mtimeMs: 5 },
  };
  const found = await offerable(records, app, now, async (p) => disk[p]);
  assert.deepEqual(found.map((r) => r.name), ['ok.bin']);
  // Signed in, the records are the person's (their open_id), not the app's.
  const ada = await offerable(records, { kind: 'user', id: 'ou_ada', name: 'Ada Lin' }, now, async (p) => disk[p]);
  assert.deepEqual(ada.map((r) => r.name), ['signed-in.bin']);
});

void test('the offer names the files and how far each got, one or several', () => {
  assert.equal(offerText([record('a.iso')], t), 'An upload to Feishu was interrupted: a.iso at 40 %. Resume sends only the rest.');
  assert.equal(
    offerText([record('a.iso'), record('b.iso', { confirmed: [] })], t),
    '2 uploads to Feishu were interrupted: a.iso (40 %), b.iso (0 %). Resume sends only the rest.',
  );
  const many = ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((n) => record(`${n}.iso`));
  assert.match(offerText(many, t), /^7 uploads to Feishu were interrupted: a\.iso \(40 %\), .*e\.iso \(40 %\) and 2 more\. Resume sends only the rest\.$/);
});

void test('each record goes back to the folder it was going to: one batch per folder', () => {
  assert.deepEqual(destinationOf(record('a')), { folderToken: 'fldA', label: 'fldA' });
  const elsewhere = { api: 'files', parentType: 'explorer', parentNode: 'fldB' } as const;
  const batches = batchesOf([record('a.iso'), record('m.iso', { target: elsewhere }), record('b.iso')]);
  assert.deepEqual(
    batches.map((b) => [b.destination.folderToken, b.files.map((f) => f.name)]),
    [
      ['fldA', ['a.iso', 'b.iso']],
      ['fldB', ['m.iso']],
    ],
  );
  assert.deepEqual(batches[0].files[0], { path: '/w/a.iso', name: 'a.iso', size: 10 * MiB });
});
