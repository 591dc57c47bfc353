import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { test } from 'node:test';
import { sessionsDir, stateDir } from '../../../src/cli/stateDir';

void test('XDG_STATE_HOME first, else the platform\'s per-user state folder', () => {
  assert.equal(stateDir({ XDG_STATE_HOME: '/x/state', HOME: '/home/u' }, 'linux'), join('/x/state', 'feishu-upload'));
  assert.equal(stateDir({ XDG_STATE_HOME: '/x/state', HOME: '/Users/u' }, 'darwin'), join('/x/state', 'feishu-upload'));
  assert.equal(stateDir({ HOME: '/home/u' }, 'linux'), join('/home/u', '.local', 'state', 'feishu-upload'));
  assert.equal(stateDir({ HOME: '/home/u' }, 'freebsd'), join('/home/u', '.local', 'state', 'feishu-upload'));
  assert.equal(stateDir({ HOME: '/Users/u' }, 'darwin'), join('/Users/u', 'Library', 'Application Support', 'feishu-upload'));
  assert.equal(stateDir({ LOCALAPPDATA: 'C:\\Users\\u\\AppData\\Local' }, 'win32'), join('C:\\Users\\u\\AppData\\Local', 'feishu-upload'));
  assert.equal(stateDir({ USERPROFILE: 'C:\\Users\\u' }, 'win32'), join('C:\\Users\\u', 'AppData', 'Local', 'feishu-upload'));
  assert.equal(sessionsDir({ XDG_STATE_HOME: '/x' }, 'linux'), join('/x', 'feishu-upload', 'upload-sessions'));
});
