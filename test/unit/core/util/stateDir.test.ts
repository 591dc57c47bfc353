import { strict as assert } from 'node:assert';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { stateDir } from '../../../../src/core';

void test('the state folder: the override, else the platform\'s place for application state', () => {
  assert.equal(stateDir({ FEISHU_UPLOAD_STATE_DIR: 'rel/dir' }, 'linux', '/home/u'), resolve('rel/dir'));
  assert.equal(stateDir({}, 'linux', '/home/u'), join('/home/u', '.local', 'state', 'feishu-upload'));
  assert.equal(stateDir({ XDG_STATE_HOME: '/xdg/state' }, 'linux', '/home/u'), join('/xdg/state', 'feishu-upload'));
  assert.equal(stateDir({ XDG_STATE_HOME: 'relative' }, 'linux', '/home/u'), join('/home/u', '.local', 'state', 'feishu-upload'), 'XDG wants absolute paths');
  assert.equal(stateDir({}, 'darwin', '/Users/u'), join('/Users/u', 'Library', 'Application Support', 'feishu-upload'));
  assert.equal(stateDir({ LOCALAPPDATA: 'C:\\Users\\u\\AppData\\Local' }, 'win32', 'C:\\Users\\u'), join('C:\\Users\\u\\AppData\\Local', 'feishu-upload'));
  assert.equal(stateDir({}, 'win32', '/home/u'), join('/home/u', 'AppData', 'Local', 'feishu-upload'));
  assert.equal(stateDir({ XDG_STATE_HOME: '/x/state' }, 'darwin', '/Users/u'), join('/x/state', 'feishu-upload'), 'a user who sets XDG_STATE_HOME means it');
  assert.equal(stateDir({}, 'freebsd', '/home/u'), join('/home/u', '.local', 'state', 'feishu-upload'));
});

void test('the home is $HOME, else %USERPROFILE%', () => {
  assert.equal(stateDir({ HOME: '/home/ada' }, 'linux'), join('/home/ada', '.local', 'state', 'feishu-upload'));
  assert.equal(stateDir({ USERPROFILE: 'C:\\Users\\ada' }, 'win32'), join('C:\\Users\\ada', 'AppData', 'Local', 'feishu-upload'));
});
