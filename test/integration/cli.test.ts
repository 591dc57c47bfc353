import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { startEmulator, type Emulator } from '../../src/emulator';
import { cli } from '../helpers/cliCapture';
import { tempDir, writeFixture } from '../helpers/fixtures';

const run = promisify(execFile);

describe('feishu-upload upload', () => {
  let emu: Emulator;
  let env: NodeJS.ProcessEnv;
  let socketServer: Server;
  const tmp = tempDir();
  const a = writeFixture(tmp.dir, 'a.txt', 1000);
  const b = writeFixture(tmp.dir, 'b.png', 70_000);
  const socketPath = join(tmp.dir, 'not-a-file.sock');

  before(async () => {
    emu = await startEmulator();
    env = { FEISHU_APP_ID: emu.appId, FEISHU_APP_SECRET: emu.appSecret, FEISHU_BASE_URL: emu.url };
    socketServer = createServer();
    await new Promise<void>((r) => socketServer.listen(socketPath, r));
  });
  after(async () => {
    socketServer.close();
    await emu.close();
    tmp.dispose();
  });

  test('uploads every file; --json prints one object per file with the documented fields', async () => {
    const folder = emu.addFolder();
    const r = await cli(['upload', a.path, b.path, '--folder', `http://127.0.0.1/drive/folder/${folder}`, '--json'], env);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.json.length, 2);
    for (const [line, fixture] of [
      [r.json[0], a],
      [r.json[1], b],
    ] as const) {
      assert.equal(line.file, fixture.path);
      assert.equal(line.ok, true);
      assert.equal(line.bytes, fixture.bytes.length);
      assert.equal(line.method, 'all');
      assert.equal(line.parts, 1);
      assert.equal(typeof line.ms, 'number');
      // Feishu's own link (metas batch_query), on the tenant's domain.
      assert.equal(line.url, `${emu.tenantUrl}/file/${String(line.fileToken)}`);
      assert.equal(line.folder, folder);
      const stored = emu.getFile(String(line.fileToken));
      assert.equal(stored?.parentNode, folder);
      assert.ok(stored?.bytes?.equals(fixture.bytes));
    }
  });

  test('document media with --parent-type/--parent-node/--extra', async () => {
    const block = emu.addMediaParent();
    const r = await cli(['upload', b.path, '--parent-type', 'docx_image', '--parent-node', block, '--extra', '{"drive_route_token":"doxcnA"}', '--json'], env);
    assert.equal(r.code, 0, r.stderr);
    const stored = emu.getFile(String(r.json[0].fileToken));
    assert.equal(stored?.endpoint, 'medias');
    assert.equal(stored?.parentType, 'docx_image');
    assert.equal(stored?.extra, '{"drive_route_token":"doxcnA"}');
    assert.equal(r.json[0].url, null);
  });

  const badFiles: [string, () => string, RegExp][] = [
    ['a missing file', () => join(tmp.dir, 'missing.txt'), /The file does not exist\. ".*missing\.txt".*What to do: Check the path\./],
    ['a file that cannot be read', () => socketPath, /The file cannot be read\. ".*not-a-file\.sock" \((ENXIO|EACCES)\)\..*What to do: Check the file's permissions\./],
    [
      'an empty file',
      () => writeFixture(tmp.dir, 'empty.txt', 0).path,
      /The file is empty \(0 bytes\); Feishu's upload API only accepts files of 1 byte or more\..*What to do: Add content to the file, or skip it\./,
    ],
    [
      'a name over 250 characters',
      () => writeFixture(tmp.dir, `${'n'.repeat(247)}.txt`, 5).path,
      /The file name is longer than Feishu's 250 characters\. "n{40}…" has 251 characters\..*What to do: Rename the file to 250 characters or fewer\./,
    ],
  ];
  for (const [label, make, message] of badFiles) {
    test(`${label}: one clear line, exit 1, the other files still upload`, async () => {
      const bad = make();
      const r = await cli(['upload', bad, a.path, '--json'], env);
      assert.equal(r.code, 1);
      const lines = r.stderr.trim().split('\n');
      assert.equal(lines.length, 1, r.stderr);
      assert.match(lines[0], new RegExp(`^failed ${escape(bad)}: `));
      assert.match(lines[0], message);
      assert.equal(r.json[0].ok, false);
      assert.equal(r.json[1].ok, true, 'the good file after it was uploaded');
    });
  }

  test('missing credentials: says which variables to set, exit 2', async () => {
    const r = await cli(['upload', a.path], { FEISHU_BASE_URL: emu.url });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /No Feishu credentials are set\. .*Set FEISHU_APP_ID and FEISHU_APP_SECRET \(a custom app's credentials\) or FEISHU_ACCESS_TOKEN/);
    const half = await cli(['upload', a.path], { FEISHU_APP_ID: 'cli_x' });
    assert.equal(half.code, 2);
    assert.match(half.stderr, /FEISHU_APP_SECRET is not set: set both FEISHU_APP_ID and FEISHU_APP_SECRET, or FEISHU_ACCESS_TOKEN alone\./);
  });

  test('a wrong App Secret: names the problem and the fix, exit 1, nothing stored', async () => {
    const before = emu.listFiles().length;
    const r = await cli(['upload', a.path], { ...env, FEISHU_APP_SECRET: 'wrong' });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^failed .*a\.txt: The App Secret is wrong\..*code 10015.*What to do: Set the App ID and App Secret again/);
    assert.doesNotMatch(r.stderr, /wrong"|emulator-secret/);
    assert.equal(emu.listFiles().length, before);
  });

  test('an invalid folder URL is a usage error that says what a folder link looks like', async () => {
    const r = await cli(['upload', a.path, '--folder', 'https://acme.feishu.cn/docx/doxcnAbc'], env);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /This is not a Feishu folder link or token\. acme\.feishu\.cn\/docx\/doxcnAbc is a docx link, not a folder\./);
    assert.match(r.stderr, /Paste a folder link like https:\/\/example\.feishu\.cn\/drive\/folder\/<token>/);
  });

  test('an unknown folder token: Feishu\'s 1061044 with what to do', async () => {
    const r = await cli(['upload', a.path, '--folder', 'fldcnDoesNotExist'], env);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /The target folder or upload point does not exist\..*code 1061044.*What to do: Check the folder link or token/);
  });

  test('usage errors exit 2 with one line that says what is wrong and where the usage is, not the whole page', async () => {
    for (const [argv, line, help] of [
      [['upload'], 'No file given: feishu-upload upload <file...>.', 'feishu-upload upload --help'],
      [['upload', a.path, '--bogus'], 'Unknown option "--bogus".', 'feishu-upload upload --help'],
      [['upload', a.path, '--folder'], 'Option --folder needs a value.', 'feishu-upload upload --help'],
      [['frobnicate'], 'Unknown command "frobnicate"; the commands are upload, ls, mkdir, import, publish, login, logout, whoami, emulator.', 'feishu-upload --help'],
      [['upload', a.path, '--folder', 'x1234567', '--parent-type', 'docx_image'], 'Use one of --folder, --doc, or --parent-type/--parent-node.', 'feishu-upload upload --help'],
    ] as const) {
      const r = await cli([...argv], env);
      assert.equal(r.code, 2, argv.join(' '));
      assert.equal(r.stderr, `feishu-upload: ${line}\nRun "${help}" for usage.\n`);
      assert.equal(r.stdout, '');
    }
    const base = await cli(['upload', a.path, '--base-url', 'http://example.com'], env);
    assert.equal(base.code, 2);
    assert.match(base.stderr, /The API base URL is not allowed\. "http:\/\/example\.com" is neither https nor loopback http\./);
  });

  test('the built bin: exit codes and JSON lines from a real process', async () => {
    const bin = join(__dirname, '../../../dist/cli.js');
    const ok = await run(process.execPath, [bin, 'upload', a.path, '--json'], { env: { ...env, PATH: process.env.PATH } });
    const line = JSON.parse(ok.stdout.trim()) as { ok: boolean; bytes: number };
    assert.equal(line.ok, true);
    assert.equal(line.bytes, 1000);
    await assert.rejects(run(process.execPath, [bin, 'upload'], { env: {} }), (e: { code?: number; stderr?: string }) => e.code === 2 && /No file given/.test(e.stderr ?? ''));
    const dir = join(tmp.dir, 'sub');
    mkdirSync(dir);
    writeFileSync(join(dir, 'x'), 'x');
    // A directory is uploaded with its tree, like cp -r.
    const tree = await run(process.execPath, [bin, 'upload', dir, '--json'], { env: { ...env, PATH: process.env.PATH } });
    const treeLine = JSON.parse(tree.stdout.trim()) as { file: string; ok: boolean; folder: string };
    assert.deepEqual([treeLine.file, treeLine.ok], [join(dir, 'x'), true]);
    assert.equal(emu.folderTree(treeLine.folder)?.name, 'sub');
    await assert.rejects(run(process.execPath, [bin, 'upload', join(dir, 'missing')], { env: { ...env } }), (e: { code?: number }) => e.code === 1);
  });
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('feishu-upload in Simplified Chinese (LANG=zh_CN.UTF-8)', () => {
  test('a failed file, a usage error and the help page are in Chinese; --json stays English', async () => {
    const tmp = tempDir();
    try {
      const zh = { LANG: 'zh_CN.UTF-8', FEISHU_APP_ID: 'cli_x', FEISHU_APP_SECRET: 'x', FEISHU_BASE_URL: 'http://127.0.0.1:9' };
      const missing = join(tmp.dir, 'missing.txt');
      const r = await cli(['upload', missing], zh);
      assert.equal(r.code, 1);
      assert.match(r.stderr, /^失败 .*missing\.txt：文件不存在。 ".*missing\.txt" \(FILE_NOT_FOUND\) 怎么办：/);
      const usage = await cli(['upload', missing, '--brand', 'weixin'], zh);
      assert.equal(usage.code, 2);
      assert.equal(usage.stderr, 'feishu-upload: --brand 只能是 feishu 或 lark，不能是“weixin”。\n运行 "feishu-upload upload --help" 查看用法。\n');
      const help = await cli(['upload', '--help'], zh);
      assert.equal(help.code, 0);
      assert.match(help.stdout, /^用法：\n {2}feishu-upload upload <文件\|目录\.\.\.>/);
      const json = await cli(['upload', missing, '--json'], zh);
      assert.match(String((json.json[0].error as { message: string }).message), /^The file does not exist\./);
      const english = await cli(['upload', missing], { ...zh, LANG: 'en_US.UTF-8' });
      assert.match(english.stderr, /^failed .*missing\.txt: The file does not exist\./);
    } finally {
      tmp.dispose();
    }
  });
});
