import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { browserCommand, openBrowser } from '../../../../src/cli/auth/openBrowser';

void test('$BROWSER first, then the platform opener; none on Linux without a display or over SSH', () => {
  assert.deepEqual(browserCommand({ BROWSER: 'firefox' }, 'linux'), ['firefox']);
  assert.deepEqual(browserCommand({}, 'darwin'), ['open']);
  assert.deepEqual(browserCommand({}, 'win32'), ['rundll32', 'url.dll,FileProtocolHandler']);
  assert.deepEqual(browserCommand({ DISPLAY: ':0' }, 'linux'), ['xdg-open']);
  assert.deepEqual(browserCommand({ WAYLAND_DISPLAY: 'wayland-0' }, 'linux'), ['xdg-open']);
  assert.equal(browserCommand({}, 'linux'), undefined);
  assert.equal(browserCommand({ SSH_CONNECTION: '1 2 3 4' }, 'linux'), undefined);
});

void test('an opener that cannot start is "not opened", not a crash', async () => {
  assert.equal(await openBrowser('http://127.0.0.1/', { BROWSER: '/nonexistent/browser' }, 'linux'), false);
  assert.equal(await openBrowser('http://127.0.0.1/', {}, 'linux'), false);
  assert.equal(await openBrowser('http://127.0.0.1/', { BROWSER: '/bin/true' }, 'linux'), true);
});
