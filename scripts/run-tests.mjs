// Runs the compiled unit and integration tests with node:test, naming every file. `node --test <folder>` reads a
// folder on Node 20 but treats it as a module name on Node 22 and 24 (0 tests, "test failed"), and glob
// arguments exist only from Node 21: an explicit file list works on all three.
// Usage: node scripts/run-tests.mjs [folder ...]   (default: out/test/unit out/test/integration)
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const roots = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['out/test/unit', 'out/test/integration'];

function testFiles(dir) {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((entry) => {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) return testFiles(full);
      return entry.isFile() && entry.name.endsWith('.test.js') ? [full] : [];
    });
}

const files = roots.flatMap((root) => {
  if (!statSync(root, { throwIfNoEntry: false })?.isDirectory()) {
    console.error(`run-tests: ${root} does not exist; run "npm run compile-tests" first.`);
    process.exit(2);
  }
  return testFiles(root);
});
if (files.length === 0) {
  console.error(`run-tests: no *.test.js files under ${roots.join(', ')}.`);
  process.exit(2);
}
// One file at a time: integration tests start emulators and measure pacing, which a crowded event loop skews.
const run = spawnSync(process.execPath, ['--test', '--test-concurrency=1', ...files], { stdio: 'inherit' });
process.exit(run.status ?? 1);
