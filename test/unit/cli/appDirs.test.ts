import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { test } from 'node:test';
import { configDir, resumeDir } from '../../../src/cli/appDirs';

void test('the platform\'s config dir, or FEISHU_UPLOAD_CONFIG_DIR', () => {
  assert.equal(configDir({ HOME: '/home/ada' }, 'linux'), join('/home/ada', '.config', 'feishu-upload'));
  assert.equal(configDir({ HOME: '/home/ada', XDG_CONFIG_HOME: '/xdg' }, 'linux'), join('/xdg', 'feishu-upload'));
  assert.equal(configDir({ HOME: '/Users/ada' }, 'darwin'), join('/Users/ada', 'Library', 'Application Support', 'feishu-upload'));
  assert.equal(configDir({ HOME: 'C:\\Users\\ada', APPDATA: 'C:\\Users\\ada\\AppData\\Roaming' }, 'win32'), join('C:\\Users\\ada\\AppData\\Roaming', 'feishu-upload'));
  assert.equal(configDir({ USERPROFILE: 'C:\\Users\\ada' }, 'win32'), join('C:\\Users\\ada', 'AppData', 'Roaming', 'feishu-upload'));
  assert.equal(configDir({ HOME: '/home/ada', FEISHU_UPLOAD_CONFIG_DIR: '/tmp/x' }, 'linux'), '/tmp/x');
});

void test('resume records inside the state folder, apart from the sign-in (except on macOS: one Application Support folder)', () => {
  assert.equal(resumeDir({ XDG_STATE_HOME: '/x' }, 'linux'), join('/x', 'feishu-upload', 'upload-sessions'));
  assert.equal(resumeDir({ FEISHU_UPLOAD_STATE_DIR: '/s' }, 'linux'), join('/s', 'upload-sessions'));
  assert.notEqual(resumeDir({ HOME: '/home/u' }, 'linux'), join(configDir({ HOME: '/home/u' }, 'linux'), 'upload-sessions'));
});
