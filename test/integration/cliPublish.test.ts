import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { startEmulator, type Emulator } from '../../src/emulator';
import { cli } from '../helpers/cliCapture';
import { tempDir } from '../helpers/fixtures';
import { writePublishFixture, type PublishFixture } from '../helpers/publishFixture';

const run = promisify(execFile);
const PUBLISH_HELP = /\nRun "feishu-upload publish --help" for usage\.\n$/;
const USER_TOKEN = 'u-publishtesttoken0123456789abcdef';

describe('feishu-upload publish', () => {
  let emu: Emulator;
  let env: NodeJS.ProcessEnv;
  const tmp = tempDir();
  let fixture: PublishFixture;

  before(async () => {
    emu = await startEmulator({ userAccessTokens: [USER_TOKEN] });
    fixture = writePublishFixture(join(tmp.dir, 'docs'));
    // The record of which file went where lives in this test's own state folder.
    env = { FEISHU_APP_ID: emu.appId, FEISHU_APP_SECRET: emu.appSecret, FEISHU_BASE_URL: emu.url, FEISHU_UPLOAD_STATE_DIR: join(tmp.dir, 'state') };
  });
  after(async () => {
    await emu.close();
    tmp.dispose();
  });

  test('--json prints exactly file, ok, documentId, url, blocks, images, warnings, updated; again, the same document is updated', async () => {
    const folder = emu.addFolder();
    const first = await cli(['publish', fixture.markdownPath, '--folder', `https://acme.feishu.cn/drive/folder/${folder}`, '--json'], env);
    assert.equal(first.code, 0, first.stderr);
    assert.equal(first.json.length, 1);
    const line = first.json[0];
    assert.deepEqual(Object.keys(line), ['file', 'ok', 'documentId', 'url', 'blocks', 'images', 'warnings', 'updated']);
    assert.deepEqual({ ...line, documentId: undefined }, {
      file: fixture.markdownPath,
      ok: true,
      documentId: undefined,
      url: `${emu.tenantUrl}/docx/${line.documentId as string}`,
      blocks: 50,
      images: 3,
      warnings: [
        'Line 10: the link ./other.md only works next to the Markdown file, not in Feishu; its text was published without the link.',
        'Line 22: image missing.png was not found; its description was published as text instead.',
      ],
      updated: false,
    });
    assert.equal(emu.getDocument(line.documentId as string)?.folderToken, folder);
    assert.equal(first.stderr, '', 'warnings are in the JSON, not on stderr');

    const documents = emu.listDocuments().length;
    const again = await cli(['publish', fixture.markdownPath, '--json'], env);
    assert.equal(again.code, 0, again.stderr);
    assert.deepEqual([again.json[0].documentId, again.json[0].updated], [line.documentId, true]);
    assert.equal(emu.listDocuments().length, documents, 'no second document');
    assert.equal(again.stderr, `Updating "Release Guide" (${line.url as string}), where release-guide.md was published before; --new publishes a new document.\n`);
  });

  test('text output: the link, the counts, and each warning on stderr; a user token is another identity with its own record', async () => {
    const doc = join(tmp.dir, 'notes.md');
    writeFileSync(doc, '# Notes\n\n![gone](gone.png)\n\nText.\n');
    const asApp = await cli(['publish', doc], env);
    assert.equal(asApp.code, 0, asApp.stderr);
    assert.match(asApp.stdout, /^published .*notes\.md as "Notes" \(2 blocks, 0 images, \d+\.\d s\) -> https:\/\/emulator-tenant\.feishu\.cn\/docx\/(\w+)\n$/);
    assert.equal(asApp.stderr, 'warning: Line 3: image gone.png was not found; its description was published as text instead.\n');
    const appDoc = /\/docx\/(\w+)/.exec(asApp.stdout)![1];

    const userEnv = { FEISHU_ACCESS_TOKEN: USER_TOKEN, FEISHU_BASE_URL: emu.url, FEISHU_UPLOAD_STATE_DIR: env.FEISHU_UPLOAD_STATE_DIR };
    const asUser = await cli(['publish', doc, '--json'], userEnv);
    assert.equal(asUser.code, 0, asUser.stderr);
    assert.notEqual(asUser.json[0].documentId, appDoc, 'the same file by another identity is a document of its own');
    const asUserAgain = await cli(['publish', doc, '--json'], userEnv);
    assert.deepEqual([asUserAgain.json[0].documentId, asUserAgain.json[0].updated], [asUser.json[0].documentId, true]);
    const asAppAgain = await cli(['publish', doc, '--json'], env);
    assert.deepEqual([asAppAgain.json[0].documentId, asAppAgain.json[0].updated], [appDoc, true]);
  });

  test('--new makes another document, which later publishes update; --doc updates the document named and links the file to it', async () => {
    const doc = join(tmp.dir, 'plan.md');
    writeFileSync(doc, '# Plan\n\nFirst.\n');
    const first = await cli(['publish', doc, '--json'], env);
    const fresh = await cli(['publish', doc, '--new', '--json'], env);
    assert.equal(fresh.code, 0, fresh.stderr);
    assert.notEqual(fresh.json[0].documentId, first.json[0].documentId);
    assert.equal(fresh.json[0].updated, false);
    const next = await cli(['publish', doc, '--json'], env);
    assert.deepEqual([next.json[0].documentId, next.json[0].updated], [fresh.json[0].documentId, true]);

    const other = emu.createDocument({ title: 'Team plan' });
    writeFileSync(doc, '# Plan\n\nSecond.\n');
    const named = await cli(['publish', doc, '--doc', `https://acme.feishu.cn/docx/${other}`, '--json'], env);
    assert.equal(named.code, 0, named.stderr);
    assert.deepEqual([named.json[0].documentId, named.json[0].updated, named.json[0].url], [other, true, `https://acme.feishu.cn/docx/${other}`]);
    assert.equal(emu.getDocument(other)!.title, 'Plan');
    const after = await cli(['publish', doc, '--json'], env);
    assert.equal(after.json[0].documentId, other, 'the file now goes to the document it was last published to');
  });

  test('a document that is gone is said so, with the way to publish anew; nothing is created', async () => {
    const doc = join(tmp.dir, 'gone.md');
    writeFileSync(doc, '# Gone soon\n');
    const first = await cli(['publish', doc, '--json'], env);
    const id = first.json[0].documentId as string;
    assert.ok(emu.deleteDocument(id));
    const documents = emu.listDocuments().length;
    const r = await cli(['publish', doc], env);
    assert.equal(r.code, 1);
    assert.match(
      r.stderr,
      new RegExp(
        `^failed ${doc.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: The document this file was published to is gone, or you can no longer edit it\\. "Gone soon" \\(${id}\\) \\(Feishu code 1770003\\)\\. \\(DOCUMENT_UNAVAILABLE, docx/v1/documents/${id}, HTTP 400, log id \\w+\\) What to do: Publish the file as a new document, or ask the document's owner for edit permission\\. To publish it as a new document: feishu-upload publish .*gone\\.md --new\\n$`,
      ),
    );
    assert.equal(emu.listDocuments().length, documents);
    const anew = await cli(['publish', doc, '--new', '--json'], env);
    assert.equal(anew.code, 0, anew.stderr);
  });

  test('usage errors exit 2 with one line; a missing or oversized file exits 1', async () => {
    const txt = join(tmp.dir, 'notes.txt');
    writeFileSync(txt, 'plain');
    for (const [argv, message] of [
      [['publish'], /^feishu-upload: No file given: feishu-upload publish <file\.md>\.\n/],
      [['publish', fixture.markdownPath, fixture.markdownPath], /^feishu-upload: publish takes one Markdown file\.\n/],
      [['publish', txt], /^feishu-upload: Only Markdown files can be published as Feishu documents\. ".*notes\.txt" \(NOT_MARKDOWN\) Pick a \.md or \.markdown file\.\n/],
      [['publish', fixture.markdownPath, '--doc', 'doxcnAbc123', '--new'], /^feishu-upload: Use --doc or --new, not both\.\n/],
      [['publish', fixture.markdownPath, '--doc', 'doxcnAbc123', '--folder', 'fldcnAbc123'], /^feishu-upload: --folder is for new documents; --doc updates an existing one\. Use one of them\.\n/],
      [['publish', fixture.markdownPath, '--doc', 'https://acme.feishu.cn/sheets/shtcnAbc'], /^feishu-upload: Files can only be added to documents \(docx\), and this is not one\./],
      [['publish', fixture.markdownPath, '--folder', 'https://acme.feishu.cn/docx/doxcnAbc123'], /^feishu-upload: This is not a Feishu folder link or token\./],
    ] as const) {
      const r = await cli([...argv], env);
      assert.equal(r.code, 2, argv.join(' '));
      assert.match(r.stderr, message);
      assert.match(r.stderr, PUBLISH_HELP);
    }
    const huge = join(tmp.dir, 'huge.md');
    writeFileSync(huge, '');
    truncateSync(huge, 20 * 1024 * 1024 + 1);
    const tooLarge = await cli(['publish', huge], env);
    assert.equal(tooLarge.code, 1);
    assert.match(tooLarge.stderr, /^failed .*huge\.md: The Markdown file is larger than 20 MiB, more than a Feishu document holds\. ".*huge\.md" \(MARKDOWN_TOO_LARGE\) What to do: Split it into smaller files and publish each\.\n$/);
    const missing = await cli(['publish', join(tmp.dir, 'absent.md'), '--json'], env);
    assert.equal(missing.code, 1);
    assert.deepEqual(missing.json[0].ok, false);
    assert.deepEqual((missing.json[0].error as { code: string }).code, 'FILE_NOT_FOUND');
  });

  test('in Chinese: the help page and the warnings', async () => {
    const zh = { ...env, LANG: 'zh_CN.UTF-8' };
    const help = await cli(['publish', '--help'], zh);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^用法：\n {2}feishu-upload publish <文件\.md>/);
    const doc = join(tmp.dir, 'zh.md');
    writeFileSync(doc, '# 说明\n\n![图](不存在.png)\n');
    const r = await cli(['publish', doc], zh);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^已将 .*zh\.md 发布为“说明”（1 个块，0 张图片，\d+\.\d s）-> http/);
    assert.equal(r.stderr, '警告：第 3 行：找不到图片 不存在.png，已改为发布其描述文字。\n');
  });

  test('the built bin publishes from a real process, and the record file is private', async () => {
    const bin = join(__dirname, '../../../dist/cli.js');
    const doc = join(tmp.dir, 'bin.md');
    writeFileSync(doc, '# From the bin\n\n- one\n- two\n');
    const { stdout } = await run(process.execPath, [bin, 'publish', doc, '--json'], { env: { ...env, PATH: process.env.PATH } });
    const line = JSON.parse(stdout.trim()) as { documentId: string; blocks: number };
    assert.equal(line.blocks, 2);
    assert.equal(emu.getDocument(line.documentId)?.title, 'From the bin');
    const records = join(env.FEISHU_UPLOAD_STATE_DIR!, 'published-documents.json');
    assert.ok(readFileSync(records, 'utf8').includes(line.documentId));
    assert.equal(statSync(records).mode & 0o777, 0o600, 'it names local paths: readable by its owner only');
  });

  test('one run keeps within the docx write limits (runs a moment apart each pace on their own)', async () => {
    // Each CLI run paces its own writes; back-to-back runs (as above) may meet Feishu's limit and wait it out.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const before = emu.violations().length;
    const r = await cli(['publish', fixture.markdownPath, '--new', '--json'], env);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(emu.violations().slice(before), []);
  });
});
