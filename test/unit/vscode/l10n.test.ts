import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { bundleTranslate, catalogueStrings, l10nUse, readJson } from '../../helpers/l10nSource';

const ZH = /[\u4e00-\u9fff]/;

function manifestKeys(value: unknown, found = new Set<string>()): Set<string> {
  if (typeof value === 'string') for (const m of value.matchAll(/^%([^%]+)%$/g)) found.add(m[1]);
  else if (Array.isArray(value)) for (const v of value) manifestKeys(v, found);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) manifestKeys(v, found);
  return found;
}

function placeholders(text: string): string {
  return [...new Set(text.match(/\{\d+\}/g) ?? [])].sort().join(',');
}

void test('every %key% of package.json is in package.nls.json and package.nls.zh-cn.json, and nothing else is', () => {
  const keys = manifestKeys(readJson('package.json'));
  assert.ok(keys.size >= 15, `found ${keys.size} keys`);
  for (const file of ['package.nls.json', 'package.nls.zh-cn.json']) {
    const nls = readJson(file);
    for (const key of keys) assert.ok(typeof nls[key] === 'string' && (nls[key] as string).length > 0, `${file} lacks ${key}`);
    assert.deepEqual(Object.keys(nls).filter((k) => !keys.has(k)), [], `${file} has keys package.json does not use`);
  }
  const zh = readJson('package.nls.zh-cn.json');
  for (const key of keys) assert.match(zh[key] as string, ZH, `${key} is not translated`);
});

void test('the manifest contributes its title and description through nls placeholders', () => {
  const pkg = readJson('package.json');
  assert.equal(pkg.displayName, '%displayName%');
  assert.equal(pkg.description, '%description%');
  assert.equal(pkg.l10n, './l10n');
});

void test('every l10n.t string in src/vscode is in both bundles, with the same placeholders', () => {
  const { literals } = l10nUse();
  assert.ok(literals.size >= 40, `found ${literals.size} strings`);
  const en = readJson('l10n/bundle.l10n.json');
  const zh = readJson('l10n/bundle.l10n.zh-cn.json');
  for (const [key, where] of literals) {
    assert.equal(en[key], key, `l10n/bundle.l10n.json lacks ${JSON.stringify(key)} (${where.join(', ')})`);
    assert.equal(typeof zh[key], 'string', `l10n/bundle.l10n.zh-cn.json lacks ${JSON.stringify(key)} (${where.join(', ')})`);
    assert.equal(placeholders(zh[key] as string), placeholders(key), `placeholders differ for ${JSON.stringify(key)}`);
  }
});

void test('every catalogue meaning and hint, publish warning and publish note has a Chinese translation', () => {
  const zh = readJson('l10n/bundle.l10n.zh-cn.json');
  const en = readJson('l10n/bundle.l10n.json');
  for (const text of catalogueStrings()) {
    assert.equal(en[text], text, `l10n/bundle.l10n.json lacks catalogue text ${JSON.stringify(text)}`);
    assert.match(String(zh[text]), ZH, `no Chinese for catalogue text ${JSON.stringify(text)}`);
  }
});

void test('the bundles hold nothing stale and agree with each other', () => {
  const wanted = new Set([...l10nUse().literals.keys(), ...catalogueStrings()]);
  for (const file of ['l10n/bundle.l10n.json', 'l10n/bundle.l10n.zh-cn.json']) {
    assert.deepEqual(Object.keys(readJson(file)).filter((k) => !wanted.has(k)), [], `${file} has entries no code uses`);
  }
});

void test('non-literal l10n.t arguments are only the catalogue texts and the bridge to vscode.l10n', () => {
  const allowed = new Set([
    // catalogue texts (checked by the catalogue test above), in the extension and the CLI
    'err.meaning',
    'err.hint',
    'e.meaning',
    'e.hint',
    'err.feishu.hint',
    // what a failed publish left behind (PUBLISH_NOTES, checked with the catalogue texts)
    'err.note.text',
    'e.note.text',
    // publish warnings as lines (WARNING_TEXTS, checked with the catalogue texts)
    'WARNING_TEXTS[warning.kind]',
    // the bridge to vscode.l10n, and the CLI's UsageError templates (collected where they are written)
    'message',
    'err.template',
    // UsageError.of wraps a FeishuError (printed translated through its catalogue texts); Node's own
    // parseArgs messages cannot be translated by us
    '`${err.message} ${err.hint}`',
    'nodeMessage',
  ]);
  for (const d of l10nUse().dynamic) assert.ok(allowed.has(d.text), `${d.where}: t(${d.text}) cannot be checked against the bundles`);
  const bridge = l10nUse().dynamic.filter((d) => d.text === 'message');
  assert.deepEqual(bridge.map((d) => d.where.split(':')[0]), ['src/vscode/services/services.ts']);
});

void test('a bundle translator fills placeholders', () => {
  const t = bundleTranslate('l10n/bundle.l10n.zh-cn.json');
  assert.equal(t('{0} uploaded, {1} failed.', 3, 1), '3 个已上传，1 个失败。');
  assert.throws(() => t('Not a key'), /has no entry/);
});

void test('the translation files are sorted by key (run "npm run l10n:sort"), so parallel changes merge cleanly', () => {
  for (const file of ['l10n/bundle.l10n.json', 'l10n/bundle.l10n.zh-cn.json', 'package.nls.json', 'package.nls.zh-cn.json']) {
    const keys = Object.keys(readJson(file));
    const sorted = [...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    assert.deepEqual(keys, sorted, `${file} is not sorted by key: run "npm run l10n:sort"`);
  }
});
