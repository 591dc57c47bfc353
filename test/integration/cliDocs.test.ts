import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { startEmulator, type Emulator } from '../../src/emulator';
import { cli } from '../helpers/cliCapture';
import { tempDir, writeFixture } from '../helpers/fixtures';

const run = promisify(execFile);
const UPLOAD_HELP = /\nRun "feishu-upload upload --help" for usage\.\n$/;
const IMPORT_HELP = /\nRun "feishu-upload import --help" for usage\.\n$/;

describe('feishu-upload upload --doc and feishu-upload import', () => {
  let emu: Emulator;
  let env: NodeJS.ProcessEnv;
  const tmp = tempDir();
  const png = writeFixture(tmp.dir, 'chart.png', 5000);
  const pdf = writeFixture(tmp.dir, 'spec.pdf', 2000);
  const md = join(tmp.dir, 'notes.md');
  writeFileSync(md, '# Notes\n');
  const csv = join(tmp.dir, 'sales.csv');
  writeFileSync(csv, 'a,b\n1,2\n');

  before(async () => {
    emu = await startEmulator();
    env = { FEISHU_APP_ID: emu.appId, FEISHU_APP_SECRET: emu.appSecret, FEISHU_BASE_URL: emu.url };
  });
  after(async () => {
    await emu.close();
    tmp.dispose();
  });

  test('--doc appends every file; --json lines name the document and the block, url is the link given', async () => {
    const doc = emu.createDocument({ title: 'Spec' });
    const link = `https://acme.feishu.cn/docx/${doc}`;
    const r = await cli(['upload', png.path, pdf.path, '--doc', link, '--json'], env);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.json.length, 2);
    const blocks = emu.getDocument(doc)!.blocks;
    for (const [line, fixture] of [
      [r.json[0], png],
      [r.json[1], pdf],
    ] as const) {
      assert.deepEqual(Object.keys(line), ['file', 'ok', 'fileToken', 'url', 'bytes', 'parts', 'method', 'ms', 'resumedFromPart', 'documentId', 'blockId']);
      assert.equal(line.file, fixture.path);
      assert.equal(line.url, link);
      assert.equal(line.documentId, doc);
      assert.equal(blocks.find((b) => b.blockId === line.blockId)?.token, line.fileToken);
    }
    assert.deepEqual(
      blocks.map((b) => b.blockType),
      [1, 27, 33, 23],
    );
  });

  test('--doc with a wiki link, text output names the block kind and the link', async () => {
    const node = emu.addWikiNode({ objType: 'docx', title: 'Wiki doc' });
    const r = await cli(['upload', png.path, '--doc', `${emu.url}/wiki/${node.nodeToken}`], env);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`^uploaded .*chart\\.png \\(4\\.9 KiB, upload_all, image block, \\d+\\.\\d s\\) -> ${emu.url}/wiki/${node.nodeToken}\\n$`));
    assert.equal(emu.getDocument(node.objToken)!.blocks.length, 2);
  });

  test('--doc with a wiki page that is a sheet: one clear line, exit 1, nothing uploaded', async () => {
    const node = emu.addWikiNode({ objType: 'sheet', title: 'Budget' });
    const files = emu.listFiles().length;
    const r = await cli(['upload', png.path, pdf.path, '--doc', `https://acme.feishu.cn/wiki/${node.nodeToken}`], env);
    assert.equal(r.code, 1);
    assert.equal(
      r.stderr,
      'feishu-upload: Files can only be added to documents (docx), and this is not one. The wiki page "Budget" is a sheet. (NOT_A_DOCX) Pick a document: a /docx/ link, or a wiki page that is a document. Sheets, Bases, mind notes, files and legacy docs cannot hold files.\n',
    );
    assert.equal(emu.listFiles().length, files);
  });

  test('--doc with an unknown document: Feishu\'s 1770002 in one line, exit 1', async () => {
    const r = await cli(['upload', png.path, '--doc', 'doxcnNoSuchDocument1'], env);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^feishu-upload: The document or block was not found\. .*code 1770002.*Check that the document still exists/);
  });

  test('--doc usage errors exit 2: a legacy /docs/ link, --doc with --folder', async () => {
    const legacy = await cli(['upload', png.path, '--doc', 'https://acme.feishu.cn/docs/doccnOld12345'], env);
    assert.equal(legacy.code, 2);
    assert.match(legacy.stderr, /Files can only be added to documents \(docx\), and this is not one\. acme\.feishu\.cn\/docs\/doccnOld12345 is a legacy document \(doc\)\./);
    assert.match(legacy.stderr, UPLOAD_HELP);
    const both = await cli(['upload', png.path, '--doc', 'doxcnAbc123', '--folder', 'fldcnAbc123'], env);
    assert.equal(both.code, 2);
    assert.match(both.stderr, /Use one of --folder, --doc, or --parent-type\/--parent-node\./);
  });

  test('import: --json prints file, ok, token, url, type, ms; Markdown becomes a document', async () => {
    const r = await cli(['import', md, '--json'], env);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.json.length, 1);
    const line = r.json[0];
    assert.deepEqual(Object.keys(line), ['file', 'ok', 'token', 'url', 'type', 'ms']);
    assert.equal(line.file, md);
    assert.equal(line.ok, true);
    assert.equal(line.type, 'docx');
    assert.equal(line.url, `${emu.url}/docx/${String(line.token)}`);
    assert.equal(emu.getDocument(String(line.token))?.title, 'notes');
  });

  test('import --type bitable --folder <link>: text output', async () => {
    const folder = emu.addFolder();
    const r = await cli(['import', csv, '--type', 'bitable', '--folder', `${emu.url}/drive/folder/${folder}`], env);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`^imported .*sales\\.csv as bitable \\(8 B, \\d+\\.\\d s\\) -> ${emu.url}/base/\\w{27}\\n$`));
  });

  test('import failures: one line with the reason and what to do, exit 1', async () => {
    emu.failNextImport(100);
    const failed = await cli(['import', md, '--json'], env);
    assert.equal(failed.code, 1);
    assert.match(failed.stderr, /^failed .*notes\.md: The file is encrypted or password-protected\. .*\(job_status 100, drive\/v1\/import_tasks\/\d+\) What to do: Remove the password, then import the file again\.\n$/);
    assert.deepEqual((failed.json[0].error as { code: string }).code, 'IMPORT_JOB_100');
    const big = join(tmp.dir, 'big.csv');
    writeFileSync(big, '');
    truncateSync(big, 20 * 1024 * 1024 + 1);
    const tooBig = await cli(['import', big], env);
    assert.equal(tooBig.code, 1);
    assert.match(tooBig.stderr, /^failed .*big\.csv: The file is larger than Feishu imports allow for this type\. big\.csv is 20\.0 MiB \(20971521 bytes\); a sheet from \.csv takes at most 20\.0 MiB.*What to do: Split or shrink the file\./);
    const wrongType = await cli(['import', md, '--type', 'sheet'], env);
    assert.equal(wrongType.code, 1);
    assert.match(wrongType.stderr, /\.md files import as docx, not as sheet\. \(IMPORT_UNSUPPORTED\) What to do: Import \.md, \.markdown/);
  });

  test('import usage errors exit 2', async () => {
    for (const [argv, message] of [
      [['import'], /No file given: feishu-upload import <file>\./],
      [['import', md, csv], /import takes one file\./],
      [['import', md, '--type', 'slides'], /--type must be one of docx, sheet, bitable, not "slides"\./],
      [['import', md, '--folder', 'https://acme.feishu.cn/docx/doxcnAbc123'], /This is not a Feishu folder link or token\./],
    ] as const) {
      const r = await cli([...argv], env);
      assert.equal(r.code, 2, argv.join(' '));
      assert.match(r.stderr, message);
      assert.match(r.stderr, IMPORT_HELP);
    }
  });

  test('the built bin: import and upload --doc from a real process', async () => {
    const bin = join(__dirname, '../../../dist/cli.js');
    const imported = await run(process.execPath, [bin, 'import', csv, '--json'], { env: { ...env, PATH: process.env.PATH } });
    assert.equal((JSON.parse(imported.stdout.trim()) as { type: string }).type, 'sheet');
    const doc = emu.createDocument();
    const uploaded = await run(process.execPath, [bin, 'upload', png.path, '--doc', doc, '--json'], { env: { ...env, PATH: process.env.PATH } });
    assert.equal((JSON.parse(uploaded.stdout.trim()) as { url: string }).url, `${emu.url}/docx/${doc}`, 'a bare id gets a link on the API host (the emulator)');
    await assert.rejects(run(process.execPath, [bin, 'import', md, '--type', 'nope'], { env: {} }), (e: { code?: number }) => e.code === 2);
  });

  test('no docx write limit was tripped', () => {
    assert.deepEqual(emu.violations(), []);
  });
});
