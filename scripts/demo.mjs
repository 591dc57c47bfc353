// `npm run demo`: the main job end to end against the bundled Feishu emulator, no account needed.
// Starts `feishu-upload emulator`, uploads generated files with `feishu-upload upload` (small ones through
// upload_all, a ~50 MiB one through prepare/part/finish), then fetches every stored file back from the
// emulator and compares SHA-256 with the local file. Then publishes a Markdown file with a local image as a
// document with `feishu-upload publish`, and publishes it again: the same document, updated in place.
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const cli = join(import.meta.dirname, '..', 'dist', 'cli.js');
const MiB = 1024 * 1024;

const emulator = spawn(process.execPath, [cli, 'emulator', '--json'], { stdio: ['ignore', 'pipe', 'inherit'] });
const info = await new Promise((resolve, reject) => {
  createInterface({ input: emulator.stdout }).once('line', (line) => resolve(JSON.parse(line)));
  emulator.once('exit', (code) => reject(new Error(`emulator exited with ${code}`)));
});
const dir = mkdtempSync(join(tmpdir(), 'feishu-upload-demo-'));
let failed = false;
try {
  console.log(`Feishu emulator running at ${info.url}\n`);
  const files = [
    ['meeting-notes.md', Buffer.from('# Weekly sync\n\n- Ship the uploader\n- 飞书上传演示\n'.repeat(100))],
    ['diagram.png', randomBytes(300 * 1024)],
    ['slides.pdf', randomBytes(8 * MiB)],
    ['dataset.bin', randomBytes(50 * MiB + 12345)],
  ].map(([name, bytes]) => {
    const path = join(dir, name);
    writeFileSync(path, bytes);
    return path;
  });

  const env = { ...process.env, FEISHU_BASE_URL: info.url, FEISHU_APP_ID: info.appId, FEISHU_APP_SECRET: info.appSecret };
  delete env.FEISHU_ACCESS_TOKEN;
  console.log(`$ feishu-upload upload ${files.map((f) => f.split('/').pop()).join(' ')} --json`);
  const upload = spawn(process.execPath, [cli, 'upload', ...files, '--json'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = [];
  createInterface({ input: upload.stdout }).on('line', (line) => lines.push(JSON.parse(line)));
  const code = await new Promise((resolve) => upload.once('close', resolve));

  console.log('\nfile               size        method     parts  time     verified');
  for (const r of lines) {
    const name = r.file.split('/').pop().padEnd(18);
    if (!r.ok) {
      failed = true;
      console.log(`${name} FAILED: ${r.error.message}`);
      continue;
    }
    const stored = Buffer.from(await (await fetch(`${info.url}/__emulator/files/${r.fileToken}`)).arrayBuffer());
    const same = sha256(stored) === sha256(readFileSync(r.file));
    failed ||= !same;
    console.log(
      `${name} ${`${(r.bytes / MiB).toFixed(2)} MiB`.padEnd(11)} ${r.method.padEnd(10)} ${String(r.parts).padEnd(6)} ${`${(r.ms / 1000).toFixed(1)} s`.padEnd(8)} ${same ? 'byte-for-byte identical' : 'MISMATCH'}`,
    );
  }
  failed ||= code !== 0 || lines.length !== files.length;
  failed ||= !(await publishDemo(env));
  const state = await (await fetch(`${info.url}/__emulator/state`)).json();
  console.log(`\nEmulator: ${state.files.length} files stored, ${state.violations.length} rate violations (Feishu: 5 upload calls/s per endpoint, one in flight; 3 docx writes/s).`);
  if (state.violations.length > 0) failed = true;
  console.log(failed ? '\nDemo FAILED.' : '\nDemo passed: every file is in the emulator, byte for byte, and the Markdown file is a document.');
} finally {
  emulator.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}
process.exitCode = failed ? 1 : 0;

/** Publishes a Markdown file with a local image, then again after an edit: one document, updated. */
async function publishDemo(env) {
  const md = join(dir, 'release-notes.md');
  // A 1 × 1 PNG: the image block gets its bytes and its size.
  writeFileSync(join(dir, 'pixel.png'), Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64'));
  const text = (version) => `# Release notes ${version}\n\nWhat changed, **in short**:\n\n- [x] uploads\n- [ ] publishing\n\n![pixel](pixel.png)\n\n| feature | status |\n|---|---|\n| publish | ${version} |\n`;
  const publishEnv = { ...env, FEISHU_UPLOAD_STATE_DIR: join(dir, 'state') };
  const publish = async () => {
    console.log('\n$ feishu-upload publish release-notes.md --json');
    const child = spawn(process.execPath, [cli, 'publish', md, '--json'], { env: publishEnv, stdio: ['ignore', 'pipe', 'inherit'] });
    const out = [];
    createInterface({ input: child.stdout }).on('line', (line) => out.push(line));
    await new Promise((resolve) => child.once('close', resolve));
    console.log(out.join('\n'));
    return JSON.parse(out[0] ?? '{}');
  };
  writeFileSync(md, text('1.0'));
  const first = await publish();
  writeFileSync(md, text('1.1'));
  // Each run paces its own docx writes (3 per second): a second apart, two runs never crowd Feishu's window.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const second = await publish();
  const doc = await (await fetch(`${info.url}/__emulator/documents/${first.documentId}/blocks`)).json();
  const image = doc.blocks.find((b) => b.blockType === 27);
  const bytes = image?.token ? Buffer.from(await (await fetch(`${info.url}/__emulator/files/${image.token}`)).arrayBuffer()) : Buffer.alloc(0);
  const ok = first.ok && second.ok && second.updated && second.documentId === first.documentId && doc.title === 'Release notes 1.1' && sha256(bytes) === sha256(readFileSync(join(dir, 'pixel.png')));
  console.log(ok ? `Published, then updated in place: "${doc.title}", ${doc.blocks.length - 1} blocks, the image's bytes in its block.` : 'Publishing FAILED.');
  return ok;
}

function sha256(buf) {
  return createHash('sha256').update(buf).digest('hex');
}
