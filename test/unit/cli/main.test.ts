import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { CLI_COMMANDS } from '../../../src/cli/help';
import { cli } from '../../helpers/cliCapture';

const pkg = JSON.parse(readFileSync(join(__dirname, __dirname.includes(join('out', 'test')) ? '../../../../package.json' : '../../../package.json'), 'utf8')) as { version: string };
const ZH = { LANG: 'zh_CN.UTF-8' };

void test('--version and -v print the package version on stdout, exit 0', async () => {
  for (const flag of ['--version', '-v']) {
    const r = await cli([flag], {});
    assert.equal(r.code, 0);
    assert.equal(r.stdout, `${pkg.version}\n`);
    assert.equal(r.stderr, '');
  }
});

void test('help, -h and --help print the overview on stdout, exit 0; nothing at all prints it and exits 2', async () => {
  for (const argv of [['help'], ['-h'], ['--help']]) {
    const r = await cli(argv, {});
    assert.equal(r.code, 0, argv.join(' '));
    assert.match(r.stdout, /^Usage: feishu-upload <command> \[options\]/);
    for (const command of CLI_COMMANDS) assert.match(r.stdout, new RegExp(`\\n  ${command}\\b`), command);
  }
  const none = await cli([], {});
  assert.equal(none.code, 2);
  assert.match(none.stdout, /^Usage: feishu-upload <command>/);
});

void test('every command has its help: "<command> --help", "<command> -h" and "help <command>", in both languages', async () => {
  for (const command of CLI_COMMANDS) {
    for (const argv of [[command, '--help'], [command, '-h'], ['help', command], [command, 'some-file', '--json', '--help']]) {
      const r = await cli(argv, {});
      assert.equal(r.code, 0, argv.join(' '));
      assert.match(r.stdout, new RegExp(`^Usage:\\n {2}feishu-upload ${command}`), argv.join(' '));
      assert.equal(r.stderr, '');
      const zh = await cli(argv, ZH);
      assert.match(zh.stdout, new RegExp(`^用法：\\n {2}feishu-upload ${command}`), argv.join(' '));
    }
  }
});

void test('help for an unknown command is a usage error in one line', async () => {
  const r = await cli(['help', 'frobnicate'], {});
  assert.equal(r.code, 2);
  assert.equal(r.stderr, 'feishu-upload: Unknown command "frobnicate"; the commands are upload, ls, mkdir, import, publish, login, logout, whoami, emulator.\nRun "feishu-upload --help" for usage.\n');
});

void test('a configuration error (no credentials) is one line with the fix and the pointer to --help', async () => {
  const r = await cli(['upload', 'x.txt'], {});
  assert.equal(r.code, 2);
  const lines = r.stderr.trimEnd().split('\n');
  assert.equal(lines.length, 2, r.stderr);
  assert.match(lines[0], /^feishu-upload: No Feishu credentials are set\. \(NO_CREDENTIALS\) Set FEISHU_APP_ID and FEISHU_APP_SECRET/);
  assert.equal(lines[1], 'Run "feishu-upload upload --help" for usage.');
});
