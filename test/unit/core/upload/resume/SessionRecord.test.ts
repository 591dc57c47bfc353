import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import {
  confirmedBytes,
  expiresAt,
  isResumable,
  parseRecord,
  RESUME_MARGIN_MS,
  sameFingerprint,
  sessionKey,
  UPLOAD_ID_LIFE_MS,
  type SessionRecord,
} from '../../../../../src/core';

const MiB = 1024 * 1024;
const app = { kind: 'app', id: 'cli_a' } as const;
const folder = { api: 'files', parentType: 'explorer', parentNode: 'fldA' } as const;

function record(over: Partial<SessionRecord> = {}): SessionRecord {
  return {
    version: 1,
    method: 'multipart',
    key: sessionKey(app, folder, '/w/big.iso', 'big.iso'),
    name: 'big.iso',
    file: { path: '/w/big.iso', size: 10 * MiB + 5, mtimeMs: 1_700_000_000_123.5, head: 'ab'.repeat(32) },
    target: folder,
    identity: app,
    uploadId: '7000',
    blockSize: 4 * MiB,
    blockNum: 3,
    confirmed: [0, 2],
    preparedAt: 1_800_000_000_000,
    updatedAt: 1_800_000_001_000,
    ...over,
  };
}

void test('the key names one file, name, target and identity: any of them differing gives another key', () => {
  const key = sessionKey(app, folder, '/w/big.iso', 'big.iso');
  assert.match(key, /^[0-9a-f]{32}$/);
  assert.equal(sessionKey(app, { ...folder }, '/w/big.iso', 'big.iso'), key, 'stable');
  const others = [
    sessionKey({ kind: 'user', id: 'cli_a' }, folder, '/w/big.iso', 'big.iso'),
    sessionKey({ kind: 'app', id: 'cli_b' }, folder, '/w/big.iso', 'big.iso'),
    sessionKey(app, { ...folder, parentNode: 'fldB' }, '/w/big.iso', 'big.iso'),
    sessionKey(app, { api: 'medias', parentType: 'docx_file', parentNode: 'fldA' }, '/w/big.iso', 'big.iso'),
    sessionKey(app, { ...folder, extra: '{}' }, '/w/big.iso', 'big.iso'),
    sessionKey(app, folder, '/w/other.iso', 'big.iso'),
    sessionKey(app, folder, '/w/big.iso', 'renamed.iso'),
  ];
  assert.equal(new Set([key, ...others]).size, others.length + 1);
});

void test('a record survives JSON and is read back; anything malformed is refused, not guessed at', () => {
  const r = record();
  assert.deepEqual(parseRecord(JSON.parse(JSON.stringify(r))), r);
  const stored = { ...r, fileToken: 'boxcnStored' };
  assert.deepEqual(parseRecord(JSON.parse(JSON.stringify(stored))), stored);
  const bad: unknown[] = [
    undefined,
    [],
    { ...r, version: 2 },
    { ...r, key: '../../etc/passwd' },
    { ...r, blockNum: 4 }, // does not fit size / blockSize
    { ...r, confirmed: [0, 3] }, // seq out of range
    { ...r, confirmed: [0.5] },
    { ...r, identity: { kind: 'bot', id: 'x' } },
    { ...r, target: { ...folder, api: 'docs' } },
    { ...r, file: { ...r.file, size: 0 } },
    { ...r, preparedAt: 'yesterday' },
    { ...r, finishSentAt: -1 },
    { ...r, fileToken: '' },
    { ...r, fileToken: 42 },
  ];
  for (const b of bad) assert.equal(parseRecord(b), undefined, JSON.stringify(b)?.slice(0, 80));
});

void test('confirmed bytes count the short last block as it is', () => {
  assert.equal(confirmedBytes(record()), 4 * MiB + (2 * MiB + 5));
  assert.equal(confirmedBytes(record({ confirmed: [] })), 0);
});

void test('resumable while more than the margin of the 24 h life is left; not from the future', () => {
  const r = record();
  assert.equal(expiresAt(r), r.preparedAt + UPLOAD_ID_LIFE_MS);
  assert.ok(isResumable(r, r.preparedAt + 1000));
  assert.ok(isResumable(r, r.preparedAt + UPLOAD_ID_LIFE_MS - RESUME_MARGIN_MS - 1));
  assert.ok(!isResumable(r, r.preparedAt + UPLOAD_ID_LIFE_MS - RESUME_MARGIN_MS));
  assert.ok(!isResumable(r, r.preparedAt + UPLOAD_ID_LIFE_MS + 1));
  // A clock set back by more than a minute since prepare: the life cannot be judged, so no.
  assert.ok(!isResumable(r, r.preparedAt - 120_000));
  assert.ok(isResumable(r, r.preparedAt + 5000, 10_000, 1000) && !isResumable(r, r.preparedAt + 9500, 10_000, 1000));
});

void test('the fingerprint compares path, size, mtime and the first block', () => {
  const f = record().file;
  assert.ok(sameFingerprint(f, { ...f }));
  for (const other of [{ ...f, path: '/w/x' }, { ...f, size: f.size + 1 }, { ...f, mtimeMs: f.mtimeMs + 1 }, { ...f, head: 'cd'.repeat(32) }]) {
    assert.ok(!sameFingerprint(f, other));
  }
});
