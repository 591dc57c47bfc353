// The CLI's resume contract over the emulator: the same command, the same identity, within 24 h of a run stopped
// by Ctrl-C or killed outright (a real child process, SIGKILL), continues that run's upload_id; two processes
// never drive one record at once.
import { strict as assert } from 'node:assert';
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, beforeEach, describe, test } from 'node:test';
import { resumeDir } from '../../src/cli/appDirs';
import { FileResumeStore } from '../../src/core';
import { startEmulator, type Emulator } from '../../src/emulator';
import { cli, cliEnv, loginWithCode } from '../helpers/cliCapture';
import { patternBytes, sha256, tempDir, writeFixture } from '../helpers/fixtures';

const MiB = 1024 * 1024;
const BLOCK = 4 * MiB;
const SIZE = 22 * MiB + 7; // 6 parts
const BIN = join(__dirname, '../../../dist/cli.js');


describe('feishu-upload upload: interrupted uploads continue', () => {
  let emu: Emulator;
  let env: NodeJS.ProcessEnv;
  let folder = '';
  let n = 0;
  const tmp = tempDir();

  before(async () => {
    emu = await startEmulator({ keepBytes: false });
    env = cliEnv(emu, tmp.dir);
  });
  after(async () => {
    await emu.close();
    tmp.dispose();
  });
  beforeEach(() => {
    emu.reset();
    emu.setShaping({});
    folder = emu.addFolder();
  });

  const fixture = (): { path: string; bytes: Buffer; name: string } => {
    const name = `big-${++n}.bin`;
    return { ...writeFixture(tmp.dir, name, SIZE, n), name };
  };

  /** Resolves once the emulator stored at least `blocks` more parts than `since`. */
  async function partsStored(blocks: number, since: number): Promise<void> {
    const enough = (): boolean => emu.stats().uploadBytes.stored - since >= blocks * BLOCK;
    for (let i = 0; i < 600 && !enough(); i++) await new Promise((r) => setTimeout(r, 20));
    assert.ok(enough(), `${blocks} parts stored`);
  }

  function storedOnce(name: string, bytes: Buffer): void {
    const files = emu.listFiles().filter((f) => f.name === name);
    assert.equal(files.length, 1, `${name} stored exactly once`);
    assert.equal(files[0].sha256, sha256(bytes), 'byte-identical');
  }

  function child(args: string[]): { proc: ChildProcess; done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> } {
    const proc = spawn(process.execPath, [BIN, ...args], { env: { ...env, PATH: process.env.PATH } });
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) =>
      proc.once('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
    );
    return { proc, done };
  }

  async function killedMidway(f: { path: string }): Promise<void> {
    emu.setShaping({ bytesPerSecond: 8 * MiB });
    const since = emu.stats().uploadBytes.stored;
    const run = child(['upload', f.path, '--folder', folder, '--json']);
    await partsStored(2, since);
    run.proc.kill('SIGKILL');
    const ended = await run.done;
    assert.equal(ended.signal, 'SIGKILL');
    assert.equal(ended.stdout, '', 'killed before it could report anything');
    emu.setShaping({});
  }

  test('Ctrl-C keeps what was sent and says how to continue; the same command continues it', async () => {
    const f = fixture();
    emu.setShaping({ bytesPerSecond: 8 * MiB });
    const ctrlC = new AbortController();
    const first = cli(['upload', f.path, '--folder', folder, '--json'], env, ctrlC.signal);
    await partsStored(2, 0);
    ctrlC.abort();
    const stopped = await first;
    emu.setShaping({});
    assert.equal(stopped.code, 130);
    assert.deepEqual(
      { ok: stopped.json[0].ok, resumedFromPart: stopped.json[0].resumedFromPart, code: (stopped.json[0].error as { code: string }).code },
      { ok: false, resumedFromPart: 0, code: 'CANCELLED' },
    );
    assert.match(stopped.stderr, new RegExp(`Interrupted: 0 of 1 uploaded; not uploaded: .*${f.name}\\n`));
    const kept = new RegExp(`${f.name}: (\\d) of 6 parts are on Feishu; run the same command again within 22h \\d+m to continue\\.\\n$`).exec(stopped.stderr);
    assert.ok(kept, stopped.stderr);
    // Two parts were stored; the answer to the second may still have been on its way at Ctrl-C.
    const confirmed = Number(kept[1]);
    assert.ok(confirmed >= 1);

    const again = await cli(['upload', f.path, '--folder', folder, '--json'], env);
    assert.equal(again.code, 0, again.stderr);
    assert.equal(again.stderr, `resuming ${f.name} at part ${confirmed + 1}/6\n`);
    assert.equal(again.json[0].resumedFromPart, confirmed + 1);
    assert.equal(emu.stats().calls['drive/v1/files/upload_prepare'], 1, 'the first run\'s upload_id was continued');
    assert.ok(emu.stats().uploadBytes.duplicate <= BLOCK, 'at most the part on the wire at Ctrl-C twice');
    storedOnce(f.name, f.bytes);

    const text = await cli(['upload', f.path, '--folder', folder], env);
    assert.match(text.stdout, new RegExp(`^uploaded .*${f.name} \\(22\\.0 MiB, multipart, 6 parts, [\\d.]+ s\\) -> ${emu.tenantUrl}/file/\\w+\\n$`), 'a finished upload is not continued: a new one');
  });

  test('killed with SIGKILL mid-upload: the same command continues that run\'s upload_id', async () => {
    const f = fixture();
    await killedMidway(f);
    const again = child(['upload', f.path, '--folder', folder, '--json']);
    const r = await again.done;
    assert.equal(r.code, 0, r.stderr);
    const line = JSON.parse(r.stdout) as { ok: boolean; resumedFromPart: number; parts: number };
    // Two parts were stored; the killed run may not have heard the second one's answer.
    assert.ok(line.ok && line.resumedFromPart >= 2 && line.parts === 6, r.stdout);
    assert.equal(r.stderr, `resuming ${f.name} at part ${line.resumedFromPart}/6\n`);
    const stats = emu.stats();
    assert.equal(stats.calls['drive/v1/files/upload_prepare'], 1, 'one upload_id for both runs');
    assert.ok(stats.uploadBytes.duplicate <= BLOCK, 'at most the part on the wire at the kill twice');
    storedOnce(f.name, f.bytes);
  });

  /** Runs the upload in a child and kills it (SIGKILL) once the emulator holds `name`: stored, not yet reported. */
  async function killedBeforeReport(path: string, name: string): Promise<void> {
    // Feishu's link lookup, the last step before the report, hangs: the kill lands between storing and reporting.
    emu.injectFault({ kind: 'stall', ms: 30_000, endpoint: 'metas/batch_query' });
    const run = child(['upload', path, '--folder', folder, '--json']);
    for (let i = 0; i < 500 && !emu.listFiles().some((f) => f.name === name); i++) await new Promise((r) => setTimeout(r, 20));
    assert.ok(emu.listFiles().some((f) => f.name === name), `${name} stored`);
    run.proc.kill('SIGKILL');
    const ended = await run.done;
    assert.equal(ended.stdout, '', 'nothing was reported');
    emu.clearFaults();
  }

  test('killed before the report, in text and Chinese: the next run says it found the file and did not upload it again', async () => {
    const name = 'unreported-zh.bin';
    const f = { ...writeFixture(tmp.dir, name, 1000, 91), name };
    await killedBeforeReport(f.path, name);
    const r = await cli(['upload', f.path, '--folder', folder], { ...env, LANG: 'zh_CN.UTF-8' });
    assert.equal(r.code, 0, r.stderr);
    const token = emu.listFiles().find((x) => x.name === name)?.fileToken ?? '?';
    assert.equal(r.stdout, `${f.path} 已在文件夹中：之前的一次上传已存入，只是结果丢失了；没有再次上传 -> ${emu.tenantUrl}/file/${token}\n`);
    storedOnce(name, f.bytes);
  });

  for (const [kind, size] of [
    ['upload_all', 300 * 1024],
    ['multipart', SIZE],
  ] as const) {
    test(`killed after the file was stored (${kind}), before it was reported: the same command reports that file and stores no second copy`, async () => {
      const name = `unreported-${kind}.bin`;
      const f = { ...writeFixture(tmp.dir, name, size, 90), name };
      await killedBeforeReport(f.path, name);
      const uploadCalls = emu.stats().calls['drive/v1/files/upload_all'] ?? 0;
      const again = child(['upload', f.path, '--folder', folder, '--json']);
      const r = await again.done;
      assert.equal(r.code, 0, r.stderr);
      const line = JSON.parse(r.stdout) as { ok: boolean; recovered?: boolean; fileToken: string };
      assert.deepEqual({ ok: line.ok, recovered: line.recovered }, { ok: true, recovered: true });
      assert.equal(line.fileToken, emu.listFiles().find((x) => x.name === name)?.fileToken);
      assert.equal(emu.stats().calls['drive/v1/files/upload_all'] ?? 0, uploadCalls, 'nothing sent again');
      storedOnce(name, f.bytes);
      assert.equal(r.stderr, '');
      // Reported now: the next run is a new upload, as with any finished one.
      const next = await cli(['upload', f.path, '--folder', folder, '--json'], env);
      assert.equal(next.json[0].recovered, undefined);
      assert.equal(emu.listFiles().filter((x) => x.name === name).length, 2);
    });
  }

  test('two processes racing for the record a killed run left: one continues it, the other is told', async () => {
    const f = fixture();
    await killedMidway(f);
    emu.setShaping({ bytesPerSecond: 16 * MiB });
    const [a, b] = await Promise.all([child(['upload', f.path, '--folder', folder, '--json']).done, child(['upload', f.path, '--folder', folder, '--json']).done]);
    const ok = [a, b].filter((r) => r.code === 0);
    const refused = [a, b].filter((r) => r.code === 1);
    assert.equal(ok.length, 1, `${a.stderr} | ${b.stderr}`);
    assert.equal(refused.length, 1);
    assert.match(
      refused[0].stderr,
      new RegExp(
        `^failed .*${f.name}: This file is already being uploaded to the same place by another window or process\\. "${f.name}", held by process \\d+ on .+\\. \\(UPLOAD_IN_PROGRESS\\) What to do: Wait for that upload to finish or stop it, then upload again: it continues where it stopped\\.\\n$`,
      ),
    );
    const refusedLine = JSON.parse(refused[0].stdout) as { ok: boolean; error: { code: string } };
    assert.equal(refusedLine.error.code, 'UPLOAD_IN_PROGRESS');
    assert.equal(emu.stats().calls['drive/v1/files/upload_prepare'], 1);
    storedOnce(f.name, f.bytes);
  });

  test('--no-resume starts over and says so; a changed file too; in Chinese the lines are Chinese', async () => {
    const f = fixture();
    await killedMidway(f);
    const zh = await cli(['upload', f.path, '--folder', folder, '--no-resume', '--json'], { ...env, LANG: 'zh_CN.UTF-8' });
    assert.equal(zh.code, 0, zh.stderr);
    assert.equal(zh.stderr, `重新开始上传 ${f.name}（--no-resume）\n`);
    assert.equal(zh.json[0].resumedFromPart, 0);
    assert.equal(emu.stats().calls['drive/v1/files/upload_prepare'], 2);

    const g = fixture();
    await killedMidway(g);
    const changed = patternBytes(SIZE, 1234);
    writeFileSync(g.path, changed);
    const r = await cli(['upload', g.path, '--folder', folder, '--json'], env);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, `${g.name} changed since its upload was interrupted; starting over\n`);
    storedOnce(g.name, changed);

    const h = fixture();
    await killedMidway(h);
    const resumedZh = await cli(['upload', h.path, '--folder', folder], { ...env, LANG: 'zh_CN.UTF-8' });
    assert.match(resumedZh.stderr, new RegExp(`^从第 \\d/6 个分片继续上传 ${h.name}\\n$`));
  });
});

describe('feishu-upload upload signed in: the record is the identity\'s the run acts as', () => {
  let emu: Emulator;
  let env: NodeJS.ProcessEnv;
  const tmp = tempDir();

  before(async () => {
    emu = await startEmulator({ keepBytes: false, deviceIntervalSeconds: 0.05 });
    env = cliEnv(emu, tmp.dir);
    // Sign in with a code, approving on the verification page as soon as it is printed.
    const login = await loginWithCode(env);
    assert.equal(login.code, 0, login.stderr);
  });
  after(async () => {
    await emu.close();
    tmp.dispose();
  });

  test("the person's interrupted upload is recorded under their open_id: --as app starts its own, the person's next run continues theirs", async () => {
    const ada = emu.users()[0];
    // Ada's folder, shared with the app: both may upload into it.
    const folder = emu.addFolder({ name: 'Shared' });
    const f = { ...writeFixture(tmp.dir, 'shared.bin', SIZE, 77), name: 'shared.bin' };
    emu.setShaping({ bytesPerSecond: 8 * MiB });
    const ctrlC = new AbortController();
    const first = cli(['upload', f.path, '--folder', folder, '--json'], env, ctrlC.signal);
    for (let i = 0; i < 600 && emu.stats().uploadBytes.stored < 2 * BLOCK; i++) await new Promise((r) => setTimeout(r, 20));
    ctrlC.abort();
    assert.equal((await first).code, 130);
    emu.setShaping({});
    const records = await new FileResumeStore(resumeDir(env)).list();
    assert.deepEqual(
      records.map((r) => ({ kind: r.identity.kind, id: r.identity.id, name: r.name })),
      [{ kind: 'user', id: ada.openId, name: 'shared.bin' }],
      'named by open_id, never a token',
    );
    const signIn = readdirSync(join(tmp.dir, 'config')).find((n) => n.startsWith('session-'))!;
    const { accessToken, refreshToken } = JSON.parse(readFileSync(join(tmp.dir, 'config', signIn), 'utf8')) as { accessToken: string; refreshToken: string };
    for (const token of [accessToken, refreshToken]) assert.ok(token && !JSON.stringify(records).includes(token), 'no token in the record');

    const asApp = await cli(['upload', f.path, '--folder', folder, '--as', 'app', '--json'], env);
    assert.equal(asApp.code, 0, asApp.stderr);
    assert.equal(asApp.stderr, '', 'the person\'s record is not the app\'s to continue');
    assert.equal(asApp.json[0].resumedFromPart, 0);
    assert.equal(emu.stats().calls['drive/v1/files/upload_prepare'], 2, 'a new upload_id for the app');
    assert.equal(emu.getFile(String(asApp.json[0].fileToken))?.owner, `app:${emu.appId}`);

    const asAda = await cli(['upload', f.path, '--folder', folder, '--json'], env);
    assert.equal(asAda.code, 0, asAda.stderr);
    assert.match(asAda.stderr, /^resuming shared\.bin at part \d\/6\n$/);
    assert.ok(Number(asAda.json[0].resumedFromPart) >= 2, String(asAda.json[0].resumedFromPart));
    assert.equal(emu.stats().calls['drive/v1/files/upload_prepare'], 2, 'the person\'s first upload_id was continued');
    assert.equal(emu.getFile(String(asAda.json[0].fileToken))?.owner, `user:${ada.openId}`);
    assert.deepEqual(await new FileResumeStore(resumeDir(env)).list(), [], 'both finished: no record left');
  });
});
