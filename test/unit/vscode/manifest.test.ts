import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { IMPORTABLE_EXTENSIONS } from '../../../src/core';
import { COMMAND_IDS } from '../../../src/vscode/commands/commandIds';
import { DEFAULT_SETTINGS, SETTINGS_SECTION } from '../../../src/vscode/config/settings';
import { readJson, repoRoot } from '../../helpers/l10nSource';

interface Manifest {
  main: string;
  icon: string;
  activationEvents: string[];
  capabilities: { untrustedWorkspaces: { supported: unknown; restrictedConfigurations: string[] } };
  contributes: {
    commands: { command: string; title: string; category?: string }[];
    menus: Record<string, { command: string; when?: string }[]>;
    configuration: { properties: Record<string, { type: string; default: unknown; scope?: string; enum?: string[] }> };
  };
}

const pkg = readJson('package.json') as unknown as Manifest;
const nls = readJson('package.nls.json');

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
  assert.equal(title(COMMAND_IDS.showLog), 'Show Upload Log');
  assert.equal(title(COMMAND_IDS.uploadToDocument), 'Upload to Feishu Document');
  assert.equal(title(COMMAND_IDS.uploadFilesToDocument), 'Upload to Document…');
  assert.equal(title(COMMAND_IDS.importAsDoc), 'Import as Feishu Doc');
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

void test('activation only through our commands; the bundle is main; the icon exists', () => {
  // Since VS Code 1.74 contributes.commands imply onCommand activation; anything else would activate us uninvited.
  assert.ok(pkg.activationEvents.every((e) => e.startsWith('onCommand:feishu.')), pkg.activationEvents.join());
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
});

void test('Restricted Mode: limited support, with the base URL and the default folder and document restricted', () => {
  const u = pkg.capabilities.untrustedWorkspaces;
  assert.equal(u.supported, 'limited');
  // A checked-out repo must not choose where files go: neither the folder nor the document.
  assert.deepEqual([...u.restrictedConfigurations].sort(), ['feishu.apiBaseUrl', 'feishu.defaultDocument', 'feishu.defaultFolder']);
});

void test('.vscodeignore is an allow-list', () => {
  const lines = readFileSync(join(repoRoot, '.vscodeignore'), 'utf8').split('\n').filter((l) => l && !l.startsWith('#'));
  assert.equal(lines[0], '**');
  for (const keep of ['!dist/extension.js', '!package.nls.json', '!package.nls.zh-cn.json', '!l10n/**', '!media/icon.png']) assert.ok(lines.includes(keep), keep);
});
