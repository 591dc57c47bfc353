// One esbuild bundle per entry point: the extension (vscode external) and the CLI (with a shebang).
import { build } from 'esbuild';
import { chmodSync, existsSync } from 'node:fs';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  minify: process.argv.includes('--production'),
  logLevel: 'warning',
};

const entries = [];
if (existsSync('src/extension.ts')) {
  entries.push(build({ ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }));
}
// @napi-rs/keyring is native: it stays outside the bundle, loaded (or not: the CLI then keeps the sign-in in a
// 0600 file) when a command needs it.
entries.push(build({ ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', external: ['@napi-rs/keyring'], banner: { js: '#!/usr/bin/env node' } }));
await Promise.all(entries);
chmodSync('dist/cli.js', 0o755);
