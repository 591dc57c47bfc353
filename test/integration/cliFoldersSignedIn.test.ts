// The CLI's folders with a person signed in (login --device over the emulator): ls and mkdir in their own My Space,
// and with --as app every file and folder the app makes is shared with them.
import { strict as assert } from 'node:assert';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Emulator } from '../../src/emulator';
import { cli, startSignedInCli } from '../helpers/cliCapture';
import { treeLines } from '../helpers/folderTree';

let emu: Emulator;
let dir = '';
let env: NodeJS.ProcessEnv;

before(async () => {
  ({ emu, dir, env } = await startSignedInCli('feishu-cli-folders-'));
  mkdirSync(join(dir, 'tree', 'sub'), { recursive: true });
  writeFileSync(join(dir, 'tree', 'sub', 'a.txt'), 'a');
});
after(async () => {
  await emu.close();
  rmSync(dir, { recursive: true, force: true });
});

const ada = (): { openId: string; name: string } => emu.users()[0];

describe('signed in', () => {
  it("ls and mkdir work in the person's own My Space; --as app in the app's", async () => {
    emu.addFolder({ name: 'Ada folder' });
    emu.addFolder({ name: 'App folder', owner: 'app' });
    const mine = await cli(['ls', '--json'], env);
    assert.equal(mine.code, 0, mine.stderr);
    assert.deepEqual(mine.json.map((l) => l.name), ['Ada folder']);
    const app = await cli(['ls', '--as', 'app', '--json'], env);
    assert.deepEqual(app.json.map((l) => l.name), ['App folder']);
    const made = await cli(['mkdir', 'Made by Ada', '--json'], env);
    assert.equal(made.json[0].folder, emu.rootFolderOf(ada().openId));
    assert.equal(emu.folderOwner(String(made.json[0].token)), `user:${ada().openId}`);
  });

  it('--as app: the signed-in person gets full access to each file and each folder the app makes (mkdir too)', async () => {
    const shared = emu.addFolder({ name: 'Shared with the bot' });
    const r = await cli(['upload', join(dir, 'tree'), '--folder', shared, '--as', 'app', '--json'], env);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(treeLines(emu.folderTree(shared)), ['tree/', 'tree/sub/', 'tree/sub/a.txt']);
    const grant = [{ memberType: 'openid', memberId: ada().openId, perm: 'full_access', type: 'user' }];
    assert.deepEqual(emu.collaborators(String(r.json[0].fileToken)), grant);
    assert.deepEqual(emu.collaborators(String(r.json[0].folder)), grant, 'tree/sub, made by the app');
    assert.deepEqual(emu.collaborators(emu.folderTree(shared)!.folders[0].token), grant, 'tree, made by the app');
    const made = await cli(['mkdir', 'Made by the app', '--as', 'app', '--json'], env);
    assert.deepEqual(emu.collaborators(String(made.json[0].token)), grant);
  });

  it('as the person, nothing is granted: what they make is theirs', async () => {
    const r = await cli(['upload', join(dir, 'tree'), '--json'], env);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(emu.collaborators(String(r.json[0].fileToken)), []);
  });

  it("a folder nobody shared: listing it or making a folder in it is refused with Feishu's reason", async () => {
    const closed = emu.addFolder({ name: 'Closed', members: {} });
    const ls = await cli(['ls', closed, '--as', 'app'], env);
    assert.equal(ls.code, 1);
    assert.match(ls.stderr, /^feishu-upload: No permission to upload to this folder or document\..*code 1061004, drive\/v1\/files, HTTP 403/);
    const mk = await cli(['mkdir', 'x', '--folder', closed, '--as', 'app'], env);
    assert.equal(mk.code, 1);
    assert.match(mk.stderr, /code 1061004, drive\/v1\/files/, 'the listing before making is refused first');
  });
});
