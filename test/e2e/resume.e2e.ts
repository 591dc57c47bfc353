// Resuming interrupted uploads in a real VS Code (code-server) driven by a real browser, against the emulator:
// Cancel a multipart upload mid-way → "Cancelled at N %" with Resume → Resume sends only the rest; then an upload
// interrupted and the window reloaded → the start-up offer → Resume. Screenshots land in artifacts/e2e/resume/.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before } from 'node:test';
import type { Locator } from 'playwright-core';
import { startEmulator, type Emulator } from '../../src/emulator';
import { patternBytes as bytes, sha256 } from '../helpers/fixtures';
import {
  clickContextMenuItem,
  clickToastButton,
  dismissToasts,
  journey,
  openJourneyWindow,
  pollUntil,
  prepareJourney,
  repoRoot,
  rightClickExplorerItem,
  runCommand,
  screenshot,
  setAppCredentials,
  settled,
  tearDown,
  waitForToast,
  type CodeServer,
  type Workbench,
} from './harness';

const root = repoRoot();
const artifactsDir = process.env.FEISHU_E2E_ARTIFACTS ?? join(root, 'artifacts', 'e2e', 'resume');
const MiB = 1024 * 1024;
const BLOCK = 4 * MiB;
const SLOW = 180_000;

let emu: Emulator;
let tmp = '';
let workspaceDir = '';
let server: CodeServer | undefined;
let wb: Workbench | undefined;
let folderToken = '';

before(async () => {
  let vsixPath: string;
  ({ tmp, vsixPath } = await prepareJourney(root, artifactsDir, 'feishu-e2e-resume-'));
  emu = await startEmulator({ keepBytes: false });
  folderToken = emu.addFolder();
  ({ workspaceDir, server, wb } = await openJourneyWindow({
    tmp,
    vsixPath,
    artifactsDir,
    files: { 'big.bin': bytes(60 * MiB, 11), 'second.bin': bytes(40 * MiB + 5, 12) },
    userSettings: { 'feishu.apiBaseUrl': emu.url, 'feishu.defaultFolder': folderToken },
    // The credentials (SecretStorage lives in the browser) survive the window reload.
    persistentProfile: true,
  }));
});

after(async () => {
  await tearDown({ wb, server, tempDir: tmp || undefined });
  await emu?.close();
});

const { step, page } = journey(() => wb);

/** Upload calls and bytes so far: each step compares before and after. */
function counters(): { prepares: number; parts: number; duplicate: number; stored: number } {
  const s = emu.stats();
  return {
    prepares: s.calls['drive/v1/files/upload_prepare'] ?? 0,
    parts: s.calls['drive/v1/files/upload_part'] ?? 0,
    duplicate: s.uploadBytes.duplicate,
    stored: s.uploadBytes.stored,
  };
}

step('1. Set App Credentials from the palette', 200_000, async () => {
  await setAppCredentials(page(), emu);
});

step('2. Cancel a 60 MiB upload mid-way: "Cancelled at N %" with Resume; Resume sends only the rest', SLOW, async () => {
  const start = counters();
  const stop = await cancelMidway('big.bin', start.stored);
  await settled(stop);
  await screenshot(page(), '01-cancelled-at-percent');
  const text = await stop.innerText();
  const m = /Cancelled at (\d+) %: ([\d.]+) MiB of big\.bin are on Feishu\. Resume sends only the rest\./.exec(text);
  assert.ok(m, text);
  assert.ok(Number(m[1]) >= 6 && Number(m[1]) < 100, `${m[1]} %`);
  const cancelled = counters();
  assert.equal(cancelled.prepares - start.prepares, 1);
  assert.ok(!emu.listFiles().some((f) => f.name === 'big.bin'), 'nothing finished');

  await clickToastButton(stop, 'Resume');
  const done = await waitForToast(page(), 'Uploaded big.bin to Feishu.', { timeout: 120_000 });
  await done.locator('.monaco-button', { hasText: 'Copy Link' }).waitFor();
  await settled(done);
  await screenshot(page(), '02-resumed-and-uploaded');
  const end = counters();
  assert.equal(end.prepares, cancelled.prepares, 'Resume continued the same upload_id: no new prepare');
  // No part sent twice: the one on its way at Cancel was answered within the grace and recorded, or cut off
  // before it was whole (then it was never stored, and is sent once by Resume).
  assert.equal(end.duplicate - start.duplicate, 0, 'no part stored twice');
  assert.ok(end.parts - start.parts <= 15 + 1, `${end.parts - start.parts} part calls for 15 parts`);
  assert.equal(end.stored - start.stored, 60 * MiB, 'every byte stored (a part stored again counts as duplicate, above)');
  const stored = emu.listFiles().filter((f) => f.name === 'big.bin');
  assert.equal(stored.length, 1);
  assert.equal(stored[0].sha256, sha256(readFileSync(join(workspaceDir, 'big.bin'))));
  writeFileSync(join(artifactsDir, 'step2-counters.json'), JSON.stringify({ start, cancelled, end }, null, 2));
});

step('3. An upload interrupted, the window reloaded: offered at start-up, Resume finishes it', SLOW, async () => {
  const start = counters();
  const stop = await cancelMidway('second.bin', start.stored);
  // Not answered: the toast goes away with the window.
  await stop.waitFor();
  const cancelled = counters();
  await runCommand(page(), 'Developer: Reload Window');
  await page().locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 90_000 });
  const offer = await waitForToast(page(), /An upload to Feishu was interrupted: second\.bin at \d+ %\. Resume sends only the rest\./, { timeout: 120_000 });
  await offer.locator('.monaco-button', { hasText: 'Discard' }).waitFor();
  await settled(offer);
  await screenshot(page(), '03-offered-at-start-up');
  await clickToastButton(offer, 'Resume');
  await settled(await waitForToast(page(), 'Uploaded second.bin to Feishu.', { timeout: 120_000 }));
  await screenshot(page(), '04-offer-resumed-and-uploaded');
  const end = counters();
  assert.equal(end.prepares, cancelled.prepares, 'no new prepare');
  assert.equal(end.duplicate - start.duplicate, 0, 'no part stored twice');
  const stored = emu.listFiles().filter((f) => f.name === 'second.bin');
  assert.equal(stored.length, 1);
  assert.equal(stored[0].sha256, sha256(readFileSync(join(workspaceDir, 'second.bin'))));
  writeFileSync(join(artifactsDir, 'step3-counters.json'), JSON.stringify({ start, cancelled, end }, null, 2));
});

/** Uploads `name` slowly, presses Cancel once three parts are stored, returns the toast that says how far it got. */
async function cancelMidway(name: string, storedBefore: number): Promise<Locator> {
  await dismissToasts(page());
  emu.setShaping({ bytesPerSecond: 8 * MiB });
  await rightClickExplorerItem(page(), name);
  await clickContextMenuItem(page(), 'Upload to Feishu');
  const progress = await waitForToast(page(), 'Uploading to Feishu');
  await pollUntil('three parts stored', async () => (emu.stats().uploadBytes.stored - storedBefore >= 3 * BLOCK ? true : undefined), { timeoutMs: 60_000 });
  await clickToastButton(progress, 'Cancel');
  const stop = await waitForToast(page(), /Cancelled at \d+ %/);
  emu.setShaping({});
  await stop.locator('.monaco-button', { hasText: 'Resume' }).waitFor();
  return stop;
}
