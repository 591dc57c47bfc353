import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { CLI_COMMANDS, helpText, wantsHelp } from '../../../src/cli/help';

void test('-h / --help anywhere before "--" asks for help; after "--" it is a file name', () => {
  assert.ok(wantsHelp(['a.txt', '--help']));
  assert.ok(wantsHelp(['-h']));
  assert.ok(!wantsHelp(['a.txt', '--', '--help']));
  assert.ok(!wantsHelp(['a.txt', '--json']));
});

void test('every help page exists in English and Chinese and names its own options only', () => {
  for (const command of CLI_COMMANDS) {
    const en = helpText({}, command);
    const zh = helpText({ LC_ALL: 'zh_CN.UTF-8' }, command);
    assert.notEqual(en, zh, command);
    assert.match(en, /-h, --help/);
    assert.match(zh, /-h, --help/);
    // The same options in both languages.
    const options = (text: string): string[] => [...new Set(text.match(/--[a-z-]+/g))].sort();
    assert.deepEqual(options(zh), options(en), command);
  }
  assert.doesNotMatch(helpText({}, 'emulator'), /--folder/);
});
