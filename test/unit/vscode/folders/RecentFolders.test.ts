import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { MAX_RECENT_FOLDERS, RecentFolders } from '../../../../src/vscode/folders/RecentFolders';

function memento(initial?: unknown) {
  const map = new Map<string, unknown>(initial === undefined ? [] : [[RecentFolders.KEY, initial]]);
  return { get: (k: string) => map.get(k), update: async (k: string, v: unknown) => void map.set(k, v) };
}

const app = { kind: 'app' as const, id: 'cli_a' };
const user = { kind: 'user' as const, id: 'ou_b' };

void test('newest first, per identity, a folder once; the name of a token from any identity', async () => {
  const recent = new RecentFolders(memento());
  await recent.remember(app, { token: 'f1', name: 'One' });
  await recent.remember(app, { token: 'f2', name: 'Two', url: 'https://t/drive/folder/f2' });
  await recent.remember(user, { token: 'f3', name: 'Theirs' });
  await recent.remember(app, { token: 'f1', name: 'One renamed' });
  assert.deepEqual(recent.list(app).map((f) => [f.token, f.name]), [
    ['f1', 'One renamed'],
    ['f2', 'Two'],
  ]);
  assert.deepEqual(recent.list(user).map((f) => f.token), ['f3'], "another identity's folders are not offered");
  assert.equal(recent.nameOf('f3'), 'Theirs');
  assert.equal(recent.list(app)[1].url, 'https://t/drive/folder/f2');
});

void test(`at most ${MAX_RECENT_FOLDERS} offered; malformed stored values are ignored`, async () => {
  const recent = new RecentFolders(memento([{ token: 1 }, 'x', { token: 'ok', name: 'OK', identity: 'app:cli_a' }]));
  assert.deepEqual(recent.list(app).map((f) => f.token), ['ok']);
  for (let i = 0; i < 15; i++) await recent.remember(app, { token: `t${i}`, name: `T${i}` });
  assert.equal(recent.list(app).length, MAX_RECENT_FOLDERS);
  assert.equal(recent.list(app)[0].token, 't14');
});
