// Signing in with Feishu in a real VS Code (code-server) driven by a real browser, against the Feishu emulator:
// the journey of issue 9, each step waiting on visible state. Feishu: Sign In → the emulator's authorize page in
// a new tab → Approve → back through VS Code's external URI for the loopback (code-server's /proxy/<port>/) →
// the Accounts menu shows the user → right-click upload lands in the user's My Space → the access token expires on
// the emulator's clock → the next upload works without asking → Sign Out → the next upload offers Sign In.
// Screenshots land in artifacts/e2e/signin/.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { startEmulator, type Emulator } from '../../src/emulator';
import {
  clickContextMenuItem,
  dismissToasts,
  freePort,
  journey,
  openJourneyWindow,
  pollUntil,
  prepareJourney,
  repoRoot,
  rightClickExplorerItem,
  runCommand,
  screenshot,
  settled,
  statusBarItem,
  tearDown,
  typeInQuickInput,
  waitForToast,
  type CodeServer,
  type Workbench,
} from './harness';

const root = repoRoot();
const artifactsDir = process.env.FEISHU_E2E_ARTIFACTS ?? join(root, 'artifacts', 'e2e', 'signin');
const STATUS_ITEM = 'feishu-upload.feishu-upload.feishu.uploads';
const SLOW = 90_000;

let emu: Emulator;
let tmp = '';
let server: CodeServer | undefined;
let wb: Workbench | undefined;
let signInPort = 0;
/** The redirect URL the extension used: the loopback, as VS Code mapped it for the browser. */
let redirectUri = '';

before(async () => {
  let vsixPath: string;
  ({ tmp, vsixPath } = await prepareJourney(root, artifactsDir, 'feishu-e2e-signin-'));
  emu = await startEmulator({ appName: 'Feishu Upload (e2e app)' });
  signInPort = await freePort();
  ({ server, wb } = await openJourneyWindow({
    tmp,
    vsixPath,
    artifactsDir,
    files: {
      'notes.txt': 'My own notes.\n',
      'later.txt': 'Uploaded after the token expired.\n',
      'after-sign-out.txt': 'Not uploaded: signed out.\n',
    },
    // No default folder: a signed-in user's uploads go to their own My Space.
    userSettings: { 'feishu.apiBaseUrl': emu.url, 'feishu.signInPort': signInPort },
  }));
});

after(async () => {
  await tearDown({ wb, server, tempDir: tmp || undefined });
  await emu?.close();
});

const { step, page } = journey(() => wb);

const ada = (): { openId: string; name: string } => emu.users()[0];

step('1. Feishu: Sign In asks for the app first, then opens the authorize page; Approve brings the sign-in back', 240_000, async () => {
  await pollUntil(
    'Feishu: Sign In in the palette',
    async () => {
      try {
        await runCommand(page(), 'Feishu: Sign In', { timeout: 10_000 });
        return true;
      } catch {
        await page().keyboard.press('Escape');
        return undefined;
      }
    },
    { timeoutMs: 150_000, intervalMs: 500 },
  );
  await typeInQuickInput(page(), emu.appId, { prompt: /Signing in goes through your own custom app/ });
  await screenshot(page(), '01-app-id-for-sign-in');
  const before = new Set(page().context().pages());
  await typeInQuickInput(page(), emu.appSecret, { password: true, prompt: /App Secret/ });
  const authorize = await newTab(before);
  await authorize.waitForLoadState('domcontentloaded');
  await authorize.locator('#approve').waitFor({ state: 'visible', timeout: 30_000 });
  const url = new URL(authorize.url());
  redirectUri = url.searchParams.get('redirect_uri') ?? '';
  assert.match(url.pathname, /\/open-apis\/authen\/v1\/authorize$/);
  assert.match(await authorize.locator('#app-name').innerText(), /Feishu Upload \(e2e app\)/);
  assert.equal(await authorize.locator('#user-name').innerText(), 'Ada Lin');
  assert.match(await authorize.locator('#scopes').innerText(), /drive:file:upload[\s\S]*offline_access/);
  // code-server maps the loopback listener to its own /proxy/<port>/ path: that is where Feishu sends the browser.
  assert.equal(redirectUri, `${server!.url}/proxy/${signInPort}/callback`);
  await authorize.setViewportSize({ width: 900, height: 700 });
  await tabShot(authorize, '02-authorize-page');
  await authorize.locator('#approve').click();
  await authorize.locator('h1', { hasText: 'Signed in to Feishu' }).waitFor({ timeout: 30_000 });
  assert.match(authorize.url(), new RegExp(`/proxy/${signInPort}/callback\\?code=`));
  await tabShot(authorize, '03-callback-page');
  await authorize.close();
  await settled(await waitForToast(page(), 'Signed in as Ada Lin: uploads now go to your My Space.', { timeout: 30_000 }));
  await screenshot(page(), '04-signed-in');
});

step('2. the Accounts menu shows the user', SLOW, async () => {
  const p = page();
  await dismissToasts(p);
  const accounts = p.locator('.activitybar .action-item .action-label.codicon-accounts-view-bar-icon').first();
  await accounts.click();
  const entry = p.locator('.context-view .monaco-menu .action-label', { hasText: /Ada Lin \(Feishu \/ Lark\)/ }).first();
  await entry.waitFor({ state: 'visible', timeout: 30_000 });
  await entry.hover();
  await p.locator('.context-view .monaco-menu .action-label', { hasText: /^Sign Out$/ }).first().waitFor({ state: 'visible', timeout: 10_000 });
  await screenshot(p, '05-accounts-menu');
  await p.keyboard.press('Escape');
  await p.keyboard.press('Escape');
});

step('3. right-click → Upload to Feishu lands in the user\'s My Space; the status bar names the user', SLOW, async () => {
  await uploadFromExplorer('notes.txt');
  await settled(await waitForToast(page(), 'Uploaded notes.txt to Feishu.', { timeout: 60_000 }));
  const file = emu.listFiles().find((f) => f.name === 'notes.txt');
  assert.ok(file, 'the emulator holds notes.txt');
  assert.equal(file.parentNode, emu.rootFolderOf(ada().openId), 'in Ada\'s My Space');
  assert.equal(file.owner, `user:${ada().openId}`);
  await statusBarItem(page(), STATUS_ITEM).filter({ hasText: 'Ada Lin' }).waitFor({ state: 'visible', timeout: 30_000 });
  await screenshot(page(), '06-uploaded-as-user');
});

step('4. the access token expires (emulator clock): the next upload renews it and works without asking', SLOW, async () => {
  emu.advanceClock(2 * 3600_000 + 60_000);
  const refreshes = emu.stats().calls['authen/v2/oauth/token'] ?? 0;
  const expired = emu.stats().codes['99991677'] ?? 0;
  await uploadFromExplorer('later.txt');
  await settled(await waitForToast(page(), 'Uploaded later.txt to Feishu.', { timeout: 60_000 }));
  assert.equal((emu.stats().codes['99991677'] ?? 0) - expired, 1, 'Feishu said the token expired');
  assert.equal((emu.stats().calls['authen/v2/oauth/token'] ?? 0) - refreshes, 1, 'one renewal');
  assert.equal(emu.listFiles().find((f) => f.name === 'later.txt')?.owner, `user:${ada().openId}`);
  assert.equal(await page().locator('.quick-input-widget').isVisible(), false, 'nothing was asked');
  await screenshot(page(), '07-after-renewal');
});

step('5. Feishu: Sign Out; the next upload offers Sign In', SLOW, async () => {
  const p = page();
  await dismissToasts(p);
  await runCommand(p, 'Feishu: Sign Out');
  await settled(await waitForToast(p, 'Signed out Ada Lin. The app credentials stay, for signing in again or acting as the app.'));
  await screenshot(p, '08-signed-out');
  await uploadFromExplorer('after-sign-out.txt');
  const offer = await waitForToast(p, 'Sign in to Feishu to upload as yourself, or upload as the app.');
  await offer.locator('.monaco-button', { hasText: /^Sign In$/ }).waitFor();
  await offer.locator('.monaco-button', { hasText: /^Use the App$/ }).waitFor();
  await settled(offer);
  await screenshot(p, '09-upload-offers-sign-in');
  assert.ok(!emu.listFiles().some((f) => f.name === 'after-sign-out.txt'), 'nothing uploaded while signed out');
  // The Accounts menu no longer lists the user.
  await dismissToasts(p);
  await p.locator('.activitybar .action-item .action-label.codicon-accounts-view-bar-icon').first().click();
  await p.locator('.context-view .monaco-menu').waitFor({ state: 'visible' });
  assert.equal(await p.locator('.context-view .monaco-menu .action-label', { hasText: /Ada Lin/ }).count(), 0);
  await screenshot(p, '10-accounts-after-sign-out');
  await p.keyboard.press('Escape');
});

/**
 * The tab the extension's env.openExternal opened. If the browser blocks the pop-up (it was not opened from a
 * click), VS Code shows a dialog offering to open the link: that is accepted, as a person would.
 */
async function newTab(before: ReadonlySet<Page>): Promise<Page> {
  let dialogSeen = false;
  return pollUntil(
    'the authorize page in a new tab',
    async () => {
      const fresh = page()
        .context()
        .pages()
        .find((p) => !before.has(p));
      if (fresh) return fresh;
      const dialog: Locator = page().locator('.monaco-dialog-box');
      if (await dialog.isVisible()) {
        if (!dialogSeen) await screenshot(page(), '01b-open-external-dialog');
        dialogSeen = true;
        await dialog.locator('.monaco-button', { hasText: /^Open/ }).first().click({ timeout: 2000 }).catch(() => undefined);
      }
      return undefined;
    },
    { timeoutMs: 60_000, intervalMs: 300 },
  );
}

/** A screenshot of a browser tab that is not the workbench (the authorize and callback pages). */
async function tabShot(tab: Page, name: string): Promise<void> {
  await tab.screenshot({ path: join(artifactsDir, `${name}.png`) });
}

async function uploadFromExplorer(name: string): Promise<void> {
  await dismissToasts(page());
  await rightClickExplorerItem(page(), name);
  await clickContextMenuItem(page(), 'Upload to Feishu');
}
