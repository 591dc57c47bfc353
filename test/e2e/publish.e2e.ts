// Publish to Feishu Doc in a real VS Code (code-server) driven by a real browser, against the Feishu emulator:
// a Markdown file with local images published from the Explorer into a folder chosen with the Drive folder picker,
// the result opened in the browser at Feishu's own link, the publish in the Feishu Uploads view (Copy Link, Open in
// Browser), then the same file published again from the editor title after the confirmation that names the
// document. Screenshots land in artifacts/e2e/publish/.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { chromium, type Page } from 'playwright-core';
import { startEmulator, type Emulator } from '../../src/emulator';
import { FIXTURE_OUTLINE, outline } from '../helpers/docOutline';
import { freePort } from '../helpers/freePort';
import { FIXTURE_MARKDOWN } from '../helpers/publishFixture';
import {
  clickContextMenuItem,
  clickToastButton,
  dismissToasts,
  explorerItem,
  journey,
  openContextMenuWith,
  openJourneyWindow,
  pickerAt,
  pickQuickPickItem,
  pollUntil,
  prepareJourney,
  readClipboard,
  repoRoot,
  screenshot,
  setAppCredentials,
  settled,
  tearDown,
  uploadsViewRows,
  waitForToast,
  type CodeServer,
  type Workbench,
} from './harness';

const root = repoRoot();
const artifactsDir = process.env.FEISHU_E2E_ARTIFACTS ?? join(root, 'artifacts', 'e2e', 'publish');
const PUBLISHED = 'Published release-guide.md as the Feishu document "Release Guide".';
const CONFIRM = 'Replace the content of the Feishu document "Release Guide" with release-guide.md?';

let emu: Emulator;
let tmp = '';
let workspaceDir = '';
let server: CodeServer | undefined;
let wb: Workbench | undefined;
let team = '';
let documentId = '';
/** Where the emulator's Feishu links point: its own port by another name than the API base, so a link from metas
 * batch_query (the tenant's) is told apart from one built on the API base, and still opens in the browser. */
let tenantUrl = '';
const images: { diagram?: Buffer; screenShot?: Buffer } = {};

before(async () => {
  let vsixPath: string;
  ({ tmp, vsixPath } = await prepareJourney(root, artifactsDir, 'feishu-e2e-publish-'));

  const port = await freePort();
  tenantUrl = `http://localhost:${port}`;
  emu = await startEmulator({ port, tenantUrl });
  // In the app's own My Space, where the picker starts.
  team = emu.addFolder({ name: 'Team', owner: 'app' });
  // Real pictures (the browser draws them), so the published page shows what a person would see.
  Object.assign(images, await drawImages());
  // Which file went to which document: kept in this run's own state folder (code-server inherits it).
  process.env.FEISHU_UPLOAD_STATE_DIR = join(tmp, 'state');
  ({ workspaceDir, server, wb } = await openJourneyWindow({
    tmp,
    vsixPath,
    artifactsDir,
    files: {
      'docs/release-guide.md': readFileSync(FIXTURE_MARKDOWN),
      'docs/img/diagram.png': images.diagram!,
      'docs/screen shot.jpg': images.screenShot!,
      'README.txt': 'Not Markdown.\n',
    },
    // No default folder: the picker asks where the new document goes.
    userSettings: { 'feishu.apiBaseUrl': emu.url },
  }));
});

after(async () => {
  await tearDown({ wb, server, tempDir: tmp || undefined });
  await emu?.close();
});

/** An architecture diagram (PNG, 640 × 400) and a dialog screenshot (JPEG, 800 × 450), drawn by Chromium. */
async function drawImages(): Promise<{ diagram: Buffer; screenShot: Buffer }> {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage({ viewport: { width: 640, height: 400 } });
    const box = (x: number, y: number, label: string, colour: string): string =>
      `<div style="position:absolute;left:${x}px;top:${y}px;width:150px;height:70px;border-radius:10px;background:${colour};color:#fff;font:600 18px sans-serif;display:flex;align-items:center;justify-content:center">${label}</div>`;
    await page.setContent(
      `<body style="margin:0;background:#f5f6f7;position:relative;width:640px;height:400px">${box(40, 60, 'VS Code', '#3370ff')}${box(245, 165, 'Feishu Upload', '#00b42a')}${box(450, 270, 'Feishu Docs', '#ff7d00')}<svg width="640" height="400" style="position:absolute;left:0;top:0"><path d="M190 95 L245 185 M395 215 L450 290" stroke="#1f2329" stroke-width="4" fill="none"/></svg></body>`,
    );
    const diagram = await page.screenshot({ type: 'png' });
    await page.setViewportSize({ width: 800, height: 450 });
    await page.setContent(
      '<body style="margin:0;background:#e8eaed;font:16px sans-serif"><div style="margin:60px auto;width:420px;background:#fff;border-radius:8px;box-shadow:0 4px 16px #0003;padding:24px"><b>Publish to Feishu Doc</b><p>Replace the content of “Release Guide”?</p><button style="background:#3370ff;color:#fff;border:0;padding:8px 16px;border-radius:4px">Replace Content</button></div></body>',
    );
    const screenShot = await page.screenshot({ type: 'jpeg', quality: 85 });
    return { diagram, screenShot };
  } finally {
    await browser.close();
  }
}

const { step, page } = journey(() => wb);

function sha256(b: Buffer): string {
  return createHash('sha256').update(b).digest('hex');
}

step('1. Set App Credentials from the palette', 200_000, async () => {
  await setAppCredentials(page(), emu);
});

step('2. Explorer → Publish to Feishu Doc: the folder picker, progress, then the document with its images, warnings named', 150_000, async () => {
  const p = page();
  await dismissToasts(p);
  await explorerItem(p, 'docs').click();
  await openContextMenuWith(p, 'release-guide.md', 'Publish to Feishu Doc');
  await screenshot(p, '01-explorer-menu');
  await clickContextMenuItem(p, 'Publish to Feishu Doc');
  await pickerAt(p, 'Feishu folder for the new document: My Space', 'Team');
  await screenshot(p, '02-folder-picker');
  await pickQuickPickItem(p, /Team$/);
  await pickerAt(p, 'Feishu folder for the new document: My Space / Team', 'Upload here');
  // Slow answers keep the progress notification on screen long enough to see it.
  emu.setShaping({ latencyMs: 400 });
  await pickQuickPickItem(p, /Upload here$/);
  const progress = await waitForToast(p, 'Publishing release-guide.md to Feishu');
  await progress.filter({ hasText: /Adding blocks|Uploading images/ }).waitFor({ timeout: 60_000 });
  await screenshot(p, '03-publishing');
  const result = await waitForToast(p, PUBLISHED, { timeout: 60_000 });
  emu.setShaping({});
  await settled(result);
  await screenshot(p, '04-published');
  for (const button of ['Open in Browser', 'Copy Link', 'Show Warnings']) await result.locator('.monaco-button', { hasText: button }).waitFor();
  await result.filter({ hasText: '2 warnings; the first: Line 10: the link ./other.md only works next to the Markdown file' }).waitFor();

  const docs = emu.listDocuments().filter((d) => d.folderToken === team);
  assert.equal(docs.length, 1, 'one document, in the folder picked');
  documentId = docs[0].documentId;
  const doc = emu.getDocument(documentId)!;
  assert.equal(doc.title, 'Release Guide');
  assert.deepEqual(outline(doc).map((l) => l.replace(/^(\s*27 image) \d+x\d+$/, '$1')), FIXTURE_OUTLINE.map((l) => l.replace(/^(\s*27 image) \d+x\d+$/, '$1')));
  const imageBlocks = doc.blocks.filter((b) => b.blockType === 27);
  assert.deepEqual(
    imageBlocks.map((b) => sha256(emu.getFile(b.token!)!.bytes!)),
    [sha256(images.diagram!), sha256(images.screenShot!), sha256(images.screenShot!)],
  );
  assert.deepEqual(
    imageBlocks.map((b) => `${b.width}x${b.height}`),
    ['320x200', '800x450', '800x450'],
  );
});

/**
 * Clicks what opens the document in the browser and returns the new tab, once loaded: VS Code may first ask
 * whether to open an external site (link protection), and code-server opens loopback links through its port
 * proxy (/proxy/<port>/…), so the tab is either at Feishu's link or at the proxy's path to it.
 */
async function openedDocument(p: Page, click: () => Promise<void>, shot: string): Promise<Page> {
  const popup = wb!.context.waitForEvent('page', { timeout: 60_000 });
  await click();
  const dialog = p.locator('.monaco-dialog-box');
  const first = await Promise.race([popup.then(() => 'page' as const), dialog.waitFor({ state: 'visible', timeout: 60_000 }).then(() => 'dialog' as const)]);
  if (first === 'dialog') {
    await screenshot(p, shot);
    await dialog.locator('.monaco-button', { hasText: /^Open$/ }).click();
  }
  const opened = await popup;
  await opened.waitForLoadState('load');
  const port = new URL(tenantUrl).port;
  assert.ok([`${tenantUrl}/docx/${documentId}`, `${server!.url}/proxy/${port}/docx/${documentId}`].includes(opened.url()), opened.url());
  await opened.locator('h1.title', { hasText: 'Release Guide' }).waitFor();
  return opened;
}

step("3. Open in Browser opens the published document at Feishu's own link", 90_000, async () => {
  const p = page();
  const result = await waitForToast(p, PUBLISHED);
  const opened = await openedDocument(p, () => clickToastButton(result, 'Open in Browser'), '05a-open-external');
  await pollUntil('the images to load', async () => ((await opened.locator('img').evaluateAll((els) => els.every((e) => (e as unknown as { naturalWidth: number }).naturalWidth > 0))) ? true : undefined));
  await opened.setViewportSize({ width: 1000, height: 1900 });
  await opened.screenshot({ path: join(artifactsDir, '05-document-in-browser.png'), fullPage: true });
  await opened.close();
});

step('4. the Feishu Uploads view lists the publish: Copy Link and Open in Browser on it', 90_000, async () => {
  const p = page();
  await dismissToasts(p);
  const rows = await uploadsViewRows(p);
  const row = rows.filter({ hasText: 'Release Guide' }).first();
  await row.waitFor({ state: 'visible', timeout: 30_000 });
  await row.hover();
  // Where it went: the folder picked.
  assert.match((await row.textContent()) ?? '', /Release Guide.*My Space \/ Team/);
  await screenshot(p, '06-uploads-view');
  await row.click({ button: 'right' });
  await p.locator('.context-view .monaco-menu').waitFor({ state: 'visible' });
  await screenshot(p, '07-uploads-view-menu');
  await clickContextMenuItem(p, 'Copy Link');
  // Feishu's link (metas batch_query), not one built on the API base.
  assert.equal(await readClipboard(p), `${tenantUrl}/docx/${documentId}`);
  await row.click({ button: 'right' });
  await p.locator('.context-view .monaco-menu').waitFor({ state: 'visible' });
  const opened = await openedDocument(p, () => clickContextMenuItem(p, 'Open in Browser'), '07a-open-external');
  await opened.close();
});

step('5. the file again, from the editor title: the confirmation names the document, Replace Content updates it in place', 120_000, async () => {
  const p = page();
  await dismissToasts(p);
  const file = join(workspaceDir, 'docs', 'release-guide.md');
  writeFileSync(file, readFileSync(file, 'utf8').replace('###### Notes', '###### Notes (revised)'));
  await explorerItem(p, 'release-guide.md').dblclick();
  const publishButton = p.locator('.editor-actions .action-label[aria-label^="Publish to Feishu Doc"]').first();
  await publishButton.waitFor({ state: 'visible', timeout: 30_000 });
  await screenshot(p, '08-editor-title-button');
  await publishButton.click();
  const dialog = p.locator('.monaco-dialog-box', { hasText: CONFIRM });
  await dialog.waitFor({ state: 'visible', timeout: 60_000 });
  await dialog.filter({ hasText: 'release-guide.md was published to this document before.' }).waitFor();
  await screenshot(p, '09-confirm-replace');
  const documents = emu.listDocuments().length;
  await dialog.locator('.monaco-button', { hasText: 'Replace Content' }).click();
  const result = await waitForToast(p, 'Updated the Feishu document "Release Guide" from release-guide.md.', { timeout: 60_000 });
  await settled(result);
  await screenshot(p, '10-updated');
  assert.equal(emu.listDocuments().length, documents, 'no second document');
  const lines = outline(emu.getDocument(documentId)!);
  assert.ok(lines.includes('8 "Notes (revised)"'), lines.join('\n'));
  assert.ok(!lines.includes('8 "Notes"'), 'the previous content is gone');
  assert.equal(lines.length, FIXTURE_OUTLINE.length);
});
