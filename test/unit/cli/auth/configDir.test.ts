import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { test } from 'node:test';
import { configDir } from '../../../../src/cli/auth/configDir';
import { fileSafe } from '../../../../src/core';

void test('the platform\'s config dir, or FEISHU_UPLOAD_CONFIG_DIR', () => {
  assert.equal(configDir({ HOME: '/home/ada' }, 'linux'), join('/home/ada', '.config', 'feishu-upload'));
  assert.equal(configDir({ HOME: '/home/ada', XDG_CONFIG_HOME: '/xdg' }, 'linux'), join('/xdg', 'feishu-upload'));
  assert.equal(configDir({ HOME: '/Users/ada' }, 'darwin'), join('/Users/ada', 'Library', 'Application Support', 'feishu-upload'));
  assert.equal(configDir({ HOME: 'C:\\Users\\ada', APPDATA: 'C:\\Users\\ada\\AppData\\Roaming' }, 'win32'), join('C:\\Users\\ada\\AppData\\Roaming', 'feishu-upload'));
  assert.equal(configDir({ HOME: '/home/ada', FEISHU_UPLOAD_CONFIG_DIR: '/tmp/x' }, 'linux'), '/tmp/x');
});

void test('an App ID becomes a file name that stays in the folder', () => {
  assert.equal(fileSafe('cli_a1b2'), 'cli_a1b2');
  assert.equal(fileSafe('../../etc/passwd'), '.._.._etc_passwd');
  assert.equal(fileSafe('cli_a1@127.0.0.1:8123'), 'cli_a1@127.0.0.1_8123');
});
