import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { actorOf, MAX_HISTORY, UploadHistory, type NewHistoryEntry } from '../../../../src/vscode/history/UploadHistory';

function memento(initial?: unknown, delay = 0) {
  const map = new Map<string, unknown>(initial === undefined ? [] : [[UploadHistory.KEY, initial]]);
  return {
    map,
    get: (k: string) => map.get(k),
    update: async (k: string, v: unknown) => {
      if (delay) await new Promise((r) => setTimeout(r, delay));
      map.set(k, v);
    },
  };
}

function entry(name: string): NewHistoryEntry {
  return { kind: 'file', name, localPath: `/w/${name}`, url: `https://t/file/${name}`, token: `tok_${name}`, target: { kind: 'folder', token: 'fld', label: 'My Space' }, bytes: 3, as: { kind: 'app', id: 'cli_a' } };
}

void test('record: newest first, with an id and the time; last() is the newest; the view hears each change', async () => {
  let now = 1000;
  const history = new UploadHistory(memento(), () => now);
  let changes = 0;
  history.onDidChange(() => changes++);
  await history.record(entry('a'));
  now = 2000;
  await history.record(entry('c'), entry('b'));
  assert.deepEqual(history.list().map((e) => [e.name, e.at]), [
    ['c', 2000],
    ['b', 2000],
    ['a', 1000],
  ]);
  assert.equal(history.last()?.name, 'c');
  assert.equal(new Set(history.list().map((e) => e.id)).size, 3);
  assert.equal(changes, 2);
  await history.remove(history.list()[1].id);
  assert.deepEqual(history.list().map((e) => e.name), ['c', 'a']);
  await history.clear();
  assert.deepEqual(history.list(), []);
  assert.equal(history.last(), undefined);
});

void test(`capped at ${MAX_HISTORY}: the oldest fall off`, async () => {
  const history = new UploadHistory(memento());
  await history.record(...Array.from({ length: MAX_HISTORY + 20 }, (_, i) => entry(`f${i}`)));
  assert.equal(history.list().length, MAX_HISTORY);
  assert.equal(history.list()[0].name, 'f0');
  await history.record(entry('newest'));
  assert.equal(history.list().length, MAX_HISTORY);
  assert.equal(history.list()[0].name, 'newest');
});

void test('writes at once from one window are not lost', async () => {
  const history = new UploadHistory(memento(undefined, 5));
  await Promise.all([history.record(entry('a')), history.record(entry('b')), history.record(entry('c'))]);
  assert.deepEqual(history.list().map((e) => e.name).sort(), ['a', 'b', 'c']);
});

void test('malformed stored entries are dropped, never trusted; no access token is ever part of an entry', async () => {
  const good = { ...entry('ok'), id: 'i', at: 1 };
  const history = new UploadHistory(memento([good, { ...good, target: { kind: 'folder' } }, { ...good, as: { kind: 'robot', id: 'x' } }, null, 'x']));
  assert.deepEqual(history.list().map((e) => e.name), ['ok']);
  assert.deepEqual(Object.keys(good).sort(), ['as', 'at', 'bytes', 'id', 'kind', 'localPath', 'name', 'target', 'token', 'url']);
});

void test('Upload Again per kind: registered, replaced, disposed', async () => {
  const history = new UploadHistory(memento());
  await history.record(entry('a'));
  const [a] = history.list();
  assert.equal(history.againFor(a), undefined);
  const calls: string[] = [];
  const first = history.registerAgain('file', async (e) => void calls.push(`first ${e.name}`));
  await history.againFor(a)!(a);
  history.registerAgain('file', async (e) => void calls.push(`second ${e.name}`));
  first.dispose(); // no longer the handler: disposing it leaves the second
  await history.againFor(a)!(a);
  assert.deepEqual(calls, ['first a', 'second a']);
});

void test('actorOf: kind and id, and the name where the identity has one', () => {
  assert.deepEqual(actorOf({ kind: 'app', id: 'cli_a' }), { kind: 'app', id: 'cli_a' });
  assert.deepEqual(actorOf({ kind: 'user', id: 'ou_1', name: 'Li Lei' }), { kind: 'user', id: 'ou_1', name: 'Li Lei' });
});
