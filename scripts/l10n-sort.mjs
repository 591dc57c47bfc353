// Sorts the translation files by key (l10n bundles and package.nls*.json): entries added by different changes
// then land in different places instead of all at the end, and merge without conflicts. A unit test checks it.
// Usage: npm run l10n:sort
import { readFileSync, writeFileSync } from 'node:fs';

export const L10N_FILES = ['l10n/bundle.l10n.json', 'l10n/bundle.l10n.zh-cn.json', 'package.nls.json', 'package.nls.zh-cn.json'];

for (const file of L10N_FILES) {
  const entries = Object.entries(JSON.parse(readFileSync(file, 'utf8')));
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  writeFileSync(file, `${JSON.stringify(Object.fromEntries(entries), null, 2)}\n`);
}
