import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { test } from 'node:test';
import { configDir, resumeDir, stateDir } from '../../../src/cli/appDirs';

void test('the platform\'s config dir, or FEISHU_UPLOAD_CONFIG_DIR', () => {
  assert.equal(configDir({ HOME: '/home/ada' }, 'linux'), join('/home/ada', '.config', 'feishu-upload'));
  assert.equal(configDir({ HOME: '/home/ada', XDG_CONFIG_HOME: '/xdg' }, 'linux'), join('/xdg', 'feishu-upload'));
  assert.equal(configDir({ HOME: '/Users/ada' }, 'darwin'), join('/Users/ada', 'Library', 'Application Support', 'feishu-upload'));
  assert.equal(configDir({ HOME: 'C:\\Users\\ada', APPDATA: 'C:\\Users\\ada\\AppData\\Roaming' }, 'win32'), join('C:\\Users\\ada\\AppData\\Roaming', 'feishu-upload'));
  assert.equal(configDir({ USERPROFILE: 'C:\\Users\\ada' }, 'win32'), join('C:\\Users\\ada', 'AppData', 'Roaming', 'feishu-upload'));
  assert.equal(configDir({ HOME: '/home/ada', FEISHU_UPLOAD_CONFIG_DIR: '/tmp/x' }, 'linux'), '/tmp/x');
});

void test('state: XDG_STATE_HOME first, else the platform\'s per-user state folder; resume records inside it', () => {
  assert.equal(stateDir({ XDG_STATE_HOME: '/x/state', HOME: '/home/u' }, 'linux'), join('/x/state', 'feishu-upload'));
  assert.equal(stateDir({ XDG_STATE_HOME: '/x/state', HOME: '/Users/u' }, 'darwin'), join('/x/state', 'feishu-upload'));
  assert.equal(stateDir({ HOME: '/home/u' }, 'linux'), join('/home/u', '.local', 'state', 'feishu-upload'));
  assert.equal(stateDir({ HOME: '/home/u' }, 'freebsd'), join('/home/u', '.local', 'state', 'feishu-upload'));
  assert.equal(stateDir({ HOME: '/Users/u' }, 'darwin'), join('/Users/u', 'Library', 'Application Support', 'feishu-upload'));
  assert.equal(stateDir({ LOCALAPPDATA: 'C:\\Users\\u\\AppData\\Local' }, 'win32'), join('C:\\Users\\u\\AppData\\Local', 'feishu-upload'));
  assert.equal(stateDir({ USERPROFILE: 'C:\\Users\\u' }, 'win32'), join('C:\\Users\\u', 'AppData', 'Local', 'feishu-upload'));
  assert.equal(resumeDir({ XDG_STATE_HOME: '/x' }, 'linux'), join('/x', 'feishu-upload', 'upload-sessions'));
  // The sign-in and the records are apart, except on macOS (one Application Support folder; different files).
  assert.notEqual(stateDir({ HOME: '/home/u' }, 'linux'), configDir({ HOME: '/home/u' }, 'linux'));
});
