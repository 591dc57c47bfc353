import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { IMPORTABLE_EXTENSIONS, MARKDOWN_EXTENSIONS } from '../../../src/core';
import { COMMAND_IDS, WALKTHROUGH_ID } from '../../../src/vscode/commands/commandIds';
import { DEFAULT_SETTINGS, SETTINGS_SECTION } from '../../../src/vscode/config/settings';
import { readJson, repoRoot } from '../../helpers/l10nSource';

interface WalkthroughStep {
  id: string;
  title: string;
  description: string;
  media: { svg?: string; image?: string; markdown?: string; altText?: string };
  completionEvents?: string[];
}

interface Manifest {
  name: string;
  publisher: string;
  main: string;
  icon: string;
  activationEvents: string[];
  capabilities: { untrustedWorkspaces: { supported: unknown; restrictedConfigurations: string[] } };
  contributes: {
    authentication: { id: string; label: string }[];
    commands: { command: string; title: string; category?: string }[];
    menus: Record<string, { command: string; when?: string }[]>;
    configuration: { properties: Record<string, { type: string; default: unknown; scope?: string; enum?: string[] }> };
    walkthroughs: { id: string; title: string; description: string; steps: WalkthroughStep[] }[];
  };
}

const pkg = readJson('package.json') as unknown as Manifest;
const nls = readJson('package.nls.json');
const nlsZh = readJson('package.nls.zh-cn.json');

void test('contributes.commands is exactly COMMAND_IDS, all in category Feishu, with stable English titles', () => {
  const ids = pkg.contributes.commands.map((c) => c.command).sort();
  assert.deepEqual(ids, Object.values(COMMAND_IDS).sort());
  for (const c of pkg.contributes.commands) assert.equal(c.category, '%category%', c.command);
  const title = (id: string): string => nls[pkg.contributes.commands.find((c) => c.command === id)!.title.slice(1, -1)] as string;
  // The e2e test drives the extension by these palette titles.
  assert.equal(nls.category, 'Feishu');
  assert.equal(title(COMMAND_IDS.upload), 'Upload to Feishu');
  assert.equal(title(COMMAND_IDS.uploadFile), 'Upload File…');
  assert.equal(title(COMMAND_IDS.setAppCredentials), 'Set App Credentials');
  assert.equal(title(COMMAND_IDS.setUserAccessToken), 'Set User Access Token');
  assert.equal(title(COMMAND_IDS.signOut), 'Sign Out');
  assert.equal(title(COMMAND_IDS.signIn), 'Sign In');
  assert.equal(title(COMMAND_IDS.signInWithCode), 'Sign In with a Code');
  assert.equal(title(COMMAND_IDS.showLog), 'Show Upload Log');
  assert.equal(title(COMMAND_IDS.uploadToDocument), 'Upload to Feishu Document');
  assert.equal(title(COMMAND_IDS.uploadFilesToDocument), 'Upload to Document…');
  assert.equal(title(COMMAND_IDS.importAsDoc), 'Import as Feishu Doc');
  assert.equal(title(COMMAND_IDS.getStarted), 'Get Started');
  assert.equal(title(COMMAND_IDS.publishMarkdown), 'Publish to Feishu Doc');
});

void test('Upload to Feishu is in the Explorer, editor title, tab and editor context menus; menus name only our commands', () => {
  for (const menu of ['explorer/context', 'editor/title', 'editor/title/context', 'editor/context']) {
    assert.ok(pkg.contributes.menus[menu]?.some((m) => m.command === COMMAND_IDS.upload), menu);
  }
  const ours = new Set<string>(Object.values(COMMAND_IDS));
  for (const [menu, items] of Object.entries(pkg.contributes.menus)) for (const i of items) assert.ok(ours.has(i.command), `${menu}: ${i.command}`);
});

void test('Upload to Feishu Document in the Explorer and editor context menus, not twice in the palette', () => {
  for (const menu of ['explorer/context', 'editor/context']) assert.ok(pkg.contributes.menus[menu]?.some((m) => m.command === COMMAND_IDS.uploadToDocument), menu);
  const palette = pkg.contributes.menus.commandPalette.find((m) => m.command === COMMAND_IDS.uploadToDocument);
  assert.equal(palette?.when, 'false', '"Feishu: Upload to Document…" is its palette entry');
});

void test('Import as Feishu Doc is offered for exactly the extensions the core imports', () => {
  // The core's list drives the menus: a new import format must be added to these when-clauses too.
  const clause = `resourceExtname =~ /^\\.(${IMPORTABLE_EXTENSIONS.join('|')})$/i`;
  for (const menu of ['explorer/context', 'editor/context']) {
    const item = pkg.contributes.menus[menu]?.find((m) => m.command === COMMAND_IDS.importAsDoc);
    assert.ok(item?.when?.includes(clause), `${menu}: "${item?.when}" should contain ${clause}`);
    const re = new RegExp(/resourceExtname =~ \/(.+)\/i/.exec(clause)![1], 'i');
    for (const ext of IMPORTABLE_EXTENSIONS) assert.ok(re.test(`.${ext}`) && re.test(`.${ext.toUpperCase()}`), `${menu}: ${ext}`);
    for (const ext of ['.png', '.pdf', '.mdx', '.xlsm', '.md.bak']) assert.ok(!re.test(ext), `${menu}: ${ext}`);
  }
});

void test('Publish to Feishu Doc: Markdown files in the Explorer, Markdown editors\' title bar, tab and context menus, and the palette', () => {
  const clause = `resourceExtname =~ /^\\.(${MARKDOWN_EXTENSIONS.join('|')})$/i`;
  const explorer = pkg.contributes.menus['explorer/context'].find((m) => m.command === COMMAND_IDS.publishMarkdown);
  assert.ok(explorer?.when?.includes(clause) && explorer.when.includes('!explorerResourceIsFolder'), explorer?.when);
  const re = new RegExp(/resourceExtname =~ \/(.+)\/i/.exec(clause)![1], 'i');
  for (const ext of MARKDOWN_EXTENSIONS) assert.ok(re.test(`.${ext}`) && re.test(`.${ext.toUpperCase()}`), ext);
  for (const ext of ['.txt', '.mdx', '.md.bak', '.html']) assert.ok(!re.test(ext), ext);
  for (const menu of ['editor/title', 'editor/title/context', 'editor/context']) {
    const item = pkg.contributes.menus[menu].find((m) => m.command === COMMAND_IDS.publishMarkdown);
    assert.ok(item?.when?.includes('resourceLangId == markdown'), `${menu}: ${item?.when}`);
  }
  assert.ok(!pkg.contributes.menus.commandPalette.some((m) => m.command === COMMAND_IDS.publishMarkdown), 'always in the palette (an open dialog when no Markdown editor is active)');
});

void test('activation through our commands and once after start-up; the bundle is main; the icon exists', () => {
  // Since VS Code 1.74 contributes.commands imply onCommand activation. onStartupFinished (after the window is
  // up, never delaying it) is the one other event: interrupted uploads are offered at start-up.
  assert.ok(pkg.activationEvents.every((e) => e.startsWith('onCommand:feishu.') || e === 'onStartupFinished'), pkg.activationEvents.join());
  assert.ok(pkg.activationEvents.includes('onStartupFinished'));
  assert.equal(pkg.main, './dist/extension.js');
  const png = readFileSync(join(repoRoot, pkg.icon));
  assert.equal(png.subarray(1, 4).toString(), 'PNG');
  assert.equal(png.readUInt32BE(16), 128);
  assert.equal(png.readUInt32BE(20), 128);
});

void test('contributes.configuration mirrors FeishuSettings field by field', () => {
  const props = pkg.contributes.configuration.properties;
  assert.deepEqual(Object.keys(props).sort(), Object.keys(DEFAULT_SETTINGS).map((k) => `${SETTINGS_SECTION}.${k}`).sort());
  for (const [key, value] of Object.entries(DEFAULT_SETTINGS)) assert.equal(props[`${SETTINGS_SECTION}.${key}`].default, value, key);
  assert.deepEqual(props['feishu.brand'].enum, ['feishu', 'lark']);
  assert.equal(props['feishu.apiBaseUrl'].scope, 'application', 'a workspace must not redirect the tokens');
  assert.deepEqual(props['feishu.identity'].enum, ['user', 'app']);
  assert.equal(props['feishu.identity'].scope, 'application', 'who acts travels with the credentials, per machine');
  assert.equal(props['feishu.signInPort'].scope, 'application');
});

void test('Restricted Mode: limited support, with the base URL, the default folder and document, and link sharing restricted', () => {
  const u = pkg.capabilities.untrustedWorkspaces;
  assert.equal(u.supported, 'limited');
  // A checked-out repo must not choose where files go (neither the folder nor the document), nor make them public.
  assert.deepEqual([...u.restrictedConfigurations].sort(), ['feishu.apiBaseUrl', 'feishu.defaultDocument', 'feishu.defaultFolder', 'feishu.linkSharing']);
});

void test('.vscodeignore is an allow-list', () => {
  const lines = readFileSync(join(repoRoot, '.vscodeignore'), 'utf8').split('\n').filter((l) => l && !l.startsWith('#'));
  assert.equal(lines[0], '**');
  for (const keep of ['!dist/extension.js', '!package.nls.json', '!package.nls.zh-cn.json', '!l10n/**', '!media/icon.png']) assert.ok(lines.includes(keep), keep);
  // What the README shows and links to, and the walkthrough's media.
  for (const keep of ['!media/screenshot.png', '!BENCHMARKS.md', '!media/walkthrough/**']) assert.ok(lines.includes(keep), keep);
});

/** The text a %key% stands for in one language. */
function localised(bundle: Record<string, unknown>, placeholder: string): string {
  const key = /^%([^%]+)%$/.exec(placeholder)?.[1];
  assert.ok(key, `${placeholder} is not a %key%`);
  const text = bundle[key];
  assert.ok(typeof text === 'string' && text.length > 0, `${key} is missing`);
  return text;
}

/** The targets of a walkthrough description's Markdown links, in order. */
function linkTargets(description: string): string[] {
  return [...description.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]);
}

/** VS Code commands (not ours) that the walkthrough may run, and what their arguments must name. */
const SETTINGS_COMMAND = 'workbench.action.openSettings';

void test('the walkthrough is the one Feishu: Get Started opens, with its texts in English and Chinese', () => {
  const walkthroughs = pkg.contributes.walkthroughs;
  assert.equal(walkthroughs.length, 1);
  const w = walkthroughs[0];
  assert.equal(`${pkg.publisher}.${pkg.name}#${w.id}`, WALKTHROUGH_ID);
  assert.ok(w.steps.length >= 5, 'create the app, scopes, publish, credentials, folder');
  for (const placeholder of [w.title, w.description, ...w.steps.flatMap((s) => [s.title, s.description, s.media.altText ?? ''])]) {
    localised(nls, placeholder);
    assert.match(localised(nlsZh, placeholder), /[\u4e00-\u9fff]/, `${placeholder} is not translated`);
  }
});

void test('walkthrough links run our commands or open settings we contribute, the same in both languages', () => {
  const ours = new Set<string>(Object.values(COMMAND_IDS));
  const settings = new Set(Object.keys(pkg.contributes.configuration.properties));
  let commandLinks = 0;
  for (const step of pkg.contributes.walkthroughs[0].steps) {
    const en = localised(nls, step.description);
    const zh = localised(nlsZh, step.description);
    assert.deepEqual(linkTargets(zh), linkTargets(en), `${step.id}: the Chinese text links elsewhere`);
    for (const target of linkTargets(en)) {
      if (target.startsWith('https://')) continue;
      const m = /^command:([\w.]+)(?:\?(.+))?$/.exec(target);
      assert.ok(m, `${step.id}: ${target} is neither https nor a command`);
      commandLinks++;
      const [, id, query] = m;
      if (id === SETTINGS_COMMAND) {
        const args = JSON.parse(decodeURIComponent(query ?? '[]')) as unknown[];
        assert.ok(settings.has(String(args[0])), `${step.id}: ${target} opens a setting we do not contribute`);
      } else {
        assert.ok(ours.has(id), `${step.id}: ${id} is not one of our commands`);
        assert.equal(query, undefined, `${step.id}: ${id} takes no arguments`);
      }
    }
    // VS Code's walkthrough text knows only doubled marks: ``code``, **bold**, __italic__.
    for (const text of [en, zh]) assert.doesNotMatch(text.replace(/``/g, ''), /`/, `${step.id}: a single backtick shows as is`);
    for (const event of step.completionEvents ?? []) {
      const [kind, ...rest] = event.split(':');
      const arg = rest.join(':');
      if (kind === 'onCommand') assert.ok(ours.has(arg), `${step.id}: ${event}`);
      else if (kind === 'onSettingChanged') assert.ok(settings.has(arg), `${step.id}: ${event}`);
      else if (kind === 'onLink') assert.ok(linkTargets(en).includes(arg), `${step.id}: ${event} is not a link of the step`);
      else assert.fail(`${step.id}: unexpected completion event ${event}`);
    }
  }
  assert.ok(commandLinks >= 2, 'set the credentials and the folder from the walkthrough');
});

void test('walkthrough media: packaged SVGs that take their colours from the theme', () => {
  for (const step of pkg.contributes.walkthroughs[0].steps) {
    const file = step.media.svg ?? '';
    assert.ok(file.startsWith('media/walkthrough/') && file.endsWith('.svg'), `${step.id}: ${file || 'no SVG'}`);
    const svg = readFileSync(join(repoRoot, file), 'utf8');
    assert.match(svg, /^<svg [^>]*viewBox=/, file);
    // The walkthrough shows SVGs under a CSP that drops <style> and style attributes: colours are attributes.
    assert.doesNotMatch(svg, /<style|style=/, file);
    assert.match(svg, /var\(--vscode-foreground/, `${file} follows the theme`);
    assert.ok(svg.length < 4096, `${file} is small`);
  }
});

void test('the "Feishu / Lark" authentication provider is contributed with the id the extension registers', async () => {
  const { AUTH_PROVIDER_ID, AUTH_PROVIDER_LABEL } = await import('../../../src/vscode/auth/authProviderId');
  assert.deepEqual(pkg.contributes.authentication, [{ id: AUTH_PROVIDER_ID, label: AUTH_PROVIDER_LABEL }]);
  assert.deepEqual(pkg.contributes.authentication, [{ id: 'feishu', label: 'Feishu / Lark' }]);
});
