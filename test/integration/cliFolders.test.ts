// feishu-upload with directories, --on-conflict, --link-sharing, ls and mkdir, against the emulator: the exact
// JSON contract, the calls a re-upload makes, and every message a user can meet.
import { strict as assert } from 'node:assert';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startEmulator, type Emulator } from '../../src/emulator';
import { cli } from '../helpers/cliCapture';
import { tempDir } from '../helpers/fixtures';
import { treeLines } from '../helpers/folderTree';


function uploadCalls(emu: Emulator, before: Record<string, number>): number {
  return Object.entries(emu.stats().calls)
    .filter(([k]) => /upload_(all|prepare|part|finish)$/.test(k))
    .reduce((sum, [k, v]) => sum + v - (before[k] ?? 0), 0);
}

describe('feishu-upload upload <directory>', () => {
  let emu: Emulator;
  let env: NodeJS.ProcessEnv;
  const tmp = tempDir();
  const site = join(tmp.dir, 'site');

  before(async () => {
    emu = await startEmulator();
    env = { FEISHU_APP_ID: emu.appId, FEISHU_APP_SECRET: emu.appSecret, FEISHU_BASE_URL: emu.url };
    mkdirSync(join(site, 'blog', '2026'), { recursive: true });
    mkdirSync(join(site, 'assets'), { recursive: true });
    writeFileSync(join(site, 'index.md'), '# home');
    writeFileSync(join(site, 'blog', 'index.md'), '# blog');
    writeFileSync(join(site, 'blog', '2026', 'index.md'), '# 2026');
    writeFileSync(join(site, 'empty.txt'), '');
  });
  after(async () => {
    await emu.close();
    tmp.dispose();
  });

  test('--json: one line per file with exactly file, ok, fileToken, url, folder, bytes, parts, method, ms, resumedFromPart; the tree lands folder by folder', async () => {
    const target = emu.addFolder({ name: 'Web' });
    const r = await cli(['upload', site, '--folder', target, '--json'], env);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '1 item(s) inside the folders left out: .git, node_modules, empty files, symlinked folders.\n');
    assert.deepEqual(treeLines(emu.folderTree(target)), ['site/', 'site/assets/', 'site/blog/', 'site/blog/2026/', 'site/blog/2026/index.md', 'site/blog/index.md', 'site/index.md']);
    assert.deepEqual(
      r.json.map((l) => l.file),
      [join(site, 'blog', '2026', 'index.md'), join(site, 'blog', 'index.md'), join(site, 'index.md')],
    );
    for (const line of r.json) {
      assert.deepEqual(Object.keys(line), ['file', 'ok', 'fileToken', 'url', 'folder', 'bytes', 'parts', 'method', 'ms', 'resumedFromPart']);
      assert.equal(line.resumedFromPart, 0, 'nothing was continued');
      const stored = emu.getFile(String(line.fileToken));
      assert.equal(stored?.parentNode, line.folder);
      assert.equal(line.url, `${emu.tenantUrl}/file/${String(line.fileToken)}`, "Feishu's own link, from batch_query");
      assert.equal(line.bytes, stored?.size);
      assert.equal(line.method, 'all');
    }
    assert.equal(emu.stats().calls['drive/v1/metas/batch_query'], 1, 'one links call for the whole run');
  });

  test('again with --on-conflict skip: no upload call, skipped lines with exactly file, ok, skipped, fileToken, folder; a new file is the only one sent', async () => {
    const target = emu.addFolder({ name: 'Twice' });
    const first = await cli(['upload', site, '--folder', target, '--json'], env);
    const before = emu.stats().calls;
    const again = await cli(['upload', site, '--folder', target, '--on-conflict', 'skip', '--json'], env);
    assert.equal(again.code, 0, again.stderr);
    assert.equal(uploadCalls(emu, before), 0);
    // Listings only: no folder made, and no links asked (a skipped JSON line carries none).
    const delta = Object.fromEntries(Object.entries(emu.stats().calls).flatMap(([k, v]) => (v - (before[k] ?? 0) > 0 ? [[k, v - (before[k] ?? 0)]] : [])));
    assert.deepEqual(Object.keys(delta).filter((k) => k.startsWith('drive/')), ['drive/v1/files']);
    assert.equal(delta['drive/v1/files'], 4, 'one listing per folder that holds files (site, blog, 2026) and the target');
    for (const [i, line] of again.json.entries()) {
      assert.deepEqual(line, { file: first.json[i].file, ok: true, skipped: true, fileToken: first.json[i].fileToken, folder: first.json[i].folder });
    }
    const text = await cli(['upload', site, '--folder', target, '--on-conflict', 'skip'], env);
    assert.match(text.stdout, new RegExp(`^skipped .*index\\.md: a file of that name is already in the Feishu folder -> ${emu.tenantUrl}/file/`, 'm'));

    writeFileSync(join(site, 'blog', 'new.md'), 'new');
    const before3 = emu.stats().calls;
    const third = await cli(['upload', site, '--folder', target, '--on-conflict', 'skip', '--json'], env);
    assert.equal(uploadCalls(emu, before3), 1);
    assert.deepEqual(third.json.filter((l) => l.skipped !== true).map((l) => l.file), [join(site, 'blog', 'new.md')]);
  });

  test('--link-sharing: every uploaded file gets it', async () => {
    const file = join(tmp.dir, 'share.txt');
    writeFileSync(file, 'share');
    const r = await cli(['upload', file, '--link-sharing', 'tenant_editable', '--json'], env);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(emu.publicSettings(String(r.json[0].fileToken)).link_share_entity, 'tenant_editable');
  });

  test('link sharing Feishu refuses: the file is uploaded, a warning says what to do, exit 1, the JSON line names the problem', async () => {
    const strict = await startEmulator({ externalSharing: false });
    try {
      const file = join(tmp.dir, 'out.txt');
      writeFileSync(file, 'out');
      const strictEnv = { FEISHU_APP_ID: strict.appId, FEISHU_APP_SECRET: strict.appSecret, FEISHU_BASE_URL: strict.url };
      const r = await cli(['upload', file, '--link-sharing', 'anyone_readable', '--json'], strictEnv);
      assert.equal(r.code, 1);
      assert.equal(r.json[0].ok, true);
      assert.ok(strict.getFile(String(r.json[0].fileToken)));
      const problems = r.json[0].problems as { step: string; code: number; hint: string }[];
      assert.deepEqual(problems.map((p) => [p.step, p.code]), [['linkSharing', 91009]]);
      assert.match(
        r.stderr,
        /^warning: uploaded .*out\.txt, but setting its link sharing failed: The organisation's security policy forbids sharing outside it\..*\(code 91009, drive\/v2\/permissions\/\w+\/public, HTTP 400, log id \w+\) What to do: Use link sharing within the organisation/m,
      );
      const zh = await cli(['upload', file, '--link-sharing', 'anyone_readable'], { ...strictEnv, LANG: 'zh_CN.UTF-8' });
      assert.match(zh.stderr, /^警告：已上传 .*out\.txt，但设置其链接分享失败：组织的安全策略禁止对外分享。/m);
    } finally {
      await strict.close();
    }
  });

  test('usage errors: ask, unknown values, and the flags with --doc', async () => {
    const file = join(site, 'index.md');
    for (const [argv, line] of [
      [['--on-conflict', 'ask'], '--on-conflict ask is for the VS Code extension; here use keep-both or skip.'],
      [['--on-conflict', 'overwrite'], '--on-conflict must be one of keep-both, skip, not "overwrite".'],
      [['--link-sharing', 'everyone'], '--link-sharing must be one of off, tenant_readable, tenant_editable, anyone_readable, not "everyone".'],
      [['--doc', 'doxcnAbcdef', '--on-conflict', 'skip'], '--on-conflict and --link-sharing are for uploads into a folder, not with --doc or --parent-type.'],
    ] as const) {
      const r = await cli(['upload', file, ...argv], env);
      assert.equal(r.code, 2, argv.join(' '));
      assert.equal(r.stderr, `feishu-upload: ${line}\nRun "feishu-upload upload --help" for usage.\n`);
    }
  });

  test('a directory with --doc is refused file by file, as before', async () => {
    const doc = emu.createDocument();
    const r = await cli(['upload', site, '--doc', doc], env);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /This is a folder, not a file\./);
  });
});

describe('feishu-upload ls and mkdir', () => {
  let emu: Emulator;
  let env: NodeJS.ProcessEnv;
  before(async () => {
    emu = await startEmulator({ tenantUrl: 'https://acme.feishu.cn' });
    env = { FEISHU_APP_ID: emu.appId, FEISHU_APP_SECRET: emu.appSecret, FEISHU_BASE_URL: emu.url };
  });
  after(() => emu.close());

  test('mkdir makes a folder in My Space and prints its link; again it is reused; a/b makes each level', async () => {
    const made = await cli(['mkdir', 'Reports', '--json'], env);
    assert.equal(made.code, 0, made.stderr);
    const line = made.json[0];
    assert.deepEqual(Object.keys(line), ['token', 'name', 'url', 'folder', 'created']);
    assert.deepEqual([line.name, line.folder, line.created], ['Reports', emu.rootFolderToken, true]);
    assert.equal(line.url, `https://acme.feishu.cn/drive/folder/${String(line.token)}`);
    const again = await cli(['mkdir', 'Reports'], env);
    assert.equal(again.stdout, `folder Reports is already there -> https://acme.feishu.cn/drive/folder/${String(line.token)}\n`);
    const nested = await cli(['mkdir', '2026/Q1', '--folder', `https://acme.feishu.cn/drive/folder/${String(line.token)}`], env);
    assert.match(nested.stdout, /^created folder 2026\/Q1 -> https:\/\/acme\.feishu\.cn\/drive\/folder\/\w+\n$/);
    assert.deepEqual(treeLines(emu.folderTree(String(line.token))), ['2026/', '2026/Q1/']);
  });

  test('ls lists every page of a folder; --json has exactly token, name, type, url', async () => {
    const big = emu.addFolder({ name: 'Big', owner: 'app' });
    for (let i = 0; i < 205; i++) emu.addFolder({ name: `f${i}`, parent: big });
    const before = emu.stats().calls['drive/v1/files'] ?? 0;
    const r = await cli(['ls', big, '--json'], env);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.json.length, 205);
    assert.equal((emu.stats().calls['drive/v1/files'] ?? 0) - before, 2, 'two pages');
    assert.deepEqual(r.json[0], { token: r.json[0].token, name: 'f0', type: 'folder', url: `https://acme.feishu.cn/drive/folder/${String(r.json[0].token)}` });
    const text = await cli(['ls', `https://acme.feishu.cn/drive/folder/${big}`], env);
    assert.match(text.stdout.split('\n')[0], /^folder {3}\w{27} {2}f0\/$/);
  });

  test('ls without a folder lists My Space in one call; an empty folder says so on stderr', async () => {
    const r = await cli(['ls'], env);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^folder +\w+ {2}Big\/$/m);
    const empty = await cli(['ls', emu.addFolder()], env);
    assert.equal(empty.stdout, '');
    assert.equal(empty.stderr, 'The folder is empty.\n');
  });

  test('errors: a bad link, an unknown folder, no name, two names, a name Feishu would refuse', async () => {
    const bad = await cli(['ls', 'https://acme.feishu.cn/docx/doxcnAbc'], env);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /^feishu-upload: This is not a Feishu folder link or token\. acme\.feishu\.cn\/docx\/doxcnAbc is a docx link, not a folder\..*\nRun "feishu-upload ls --help" for usage\.\n$/);
    const unknown = await cli(['ls', 'fldcnNotThere'], env);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /^feishu-upload: The target was not found\..*code 1061003, drive\/v1\/files, HTTP 404.*Check that the folder or document still exists and the link is right\.\n$/);
    const two = await cli(['ls', 'a1234', 'b1234'], env);
    assert.equal(two.stderr, 'feishu-upload: ls takes one folder (a link or a token), or none for My Space.\nRun "feishu-upload ls --help" for usage.\n');
    for (const [argv, line] of [
      [['mkdir'], 'No folder name given: feishu-upload mkdir <name>.'],
      [['mkdir', '/'], 'No folder name given: feishu-upload mkdir <name>.'],
      [['mkdir', 'a', 'b'], 'mkdir takes one name (use a/b/c for folders inside folders).'],
    ] as const) {
      const r = await cli([...argv], env);
      assert.equal(r.code, 2, argv.join(' '));
      assert.equal(r.stderr, `feishu-upload: ${line}\nRun "feishu-upload mkdir --help" for usage.\n`);
    }
    const long = await cli(['mkdir', 'x'.repeat(300)], env);
    assert.equal(long.code, 2);
    assert.match(long.stderr, /^feishu-upload: Feishu cannot name a folder like this\. "x{40}…" has 300 bytes\. \(BAD_FOLDER_NAME\) Use a name of 1 to 256 bytes/);
    const zh = await cli(['mkdir', 'a', 'b'], { ...env, LANG: 'zh_CN.UTF-8' });
    assert.equal(zh.stderr, 'feishu-upload: mkdir 只接受一个名称（多级文件夹请写成 a/b/c）。\n运行 "feishu-upload mkdir --help" 查看用法。\n');
  });

  test('mkdir where Feishu refuses: the message and what to do, exit 1', async () => {
    const deep = await startEmulator({ folderLimits: { maxChildren: 0 } });
    try {
      const r = await cli(['mkdir', 'more'], { FEISHU_APP_ID: deep.appId, FEISHU_APP_SECRET: deep.appSecret, FEISHU_BASE_URL: deep.url });
      assert.equal(r.code, 1);
      assert.match(r.stderr, /^feishu-upload: The folder holds too many items \(1,500 at most in one level\)\..*code 1062507.*Upload into another folder\.\n$/);
    } finally {
      await deep.close();
    }
  });
});
