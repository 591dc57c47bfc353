import { strict as assert } from 'node:assert';
import { after, before, describe, test } from 'node:test';
import { FeishuError, openFileSource, parseDocumentInput, type InsertResult, type UploadOptions } from '../../src/core';
import type { DocxBlock } from '../../src/emulator';
import { startRig, type Rig } from '../helpers/feishu';
import { tempDir, writeFixture } from '../helpers/fixtures';

const MiB = 1024 * 1024;

describe('files into a docx document, over HTTP against the emulator', () => {
  let rig: Rig;
  const tmp = tempDir();
  const png = writeFixture(tmp.dir, 'photo.png', 70_000);
  const pdf = writeFixture(tmp.dir, 'report.pdf', 3000);
  before(async () => {
    // Functional tests: a high docx write limit on both sides keeps them fast; pacing has its own rig below.
    rig = await startRig({ docxWritesPerSecond: 100 });
  });
  after(async () => {
    await rig.close();
    tmp.dispose();
  });

  async function insert(path: string, documentId: string, options?: UploadOptions): Promise<InsertResult> {
    const source = await openFileSource(path);
    return rig.documents.insert(source, documentId, options).finally(() => source.close());
  }

  function blocks(documentId: string): Map<string, DocxBlock> {
    return new Map(rig.emu.getDocument(documentId)!.blocks.map((b) => [b.blockId, b]));
  }

  function topLevel(documentId: string): string[] {
    return rig.emu.getDocument(documentId)!.blocks[0].children;
  }

  test('an image becomes an Image block bound to its media; a PDF a File block inside a View block; both at the end', async () => {
    const doc = rig.emu.createDocument({ title: 'Notes' });
    const image = await insert(png.path, doc);
    const file = await insert(pdf.path, doc);
    assert.equal(image.blockKind, 'image');
    assert.equal(image.method, 'all');
    assert.equal(file.blockKind, 'file');
    const all = blocks(doc);
    const [first, second] = topLevel(doc);
    assert.equal(first, image.blockId, 'the image block is the first child of the page');
    assert.deepEqual({ ...all.get(first), children: undefined }, { blockId: first, blockType: 27, parentId: doc, children: undefined, token: image.fileToken, width: 100, height: 100 });
    const view = all.get(second)!;
    assert.equal(view.blockType, 33);
    assert.deepEqual(view.children, [file.blockId], 'the File block sits inside the View block');
    assert.deepEqual({ ...all.get(file.blockId) }, { blockId: file.blockId, blockType: 23, parentId: second, children: [], token: file.fileToken, fileName: 'report.pdf' });
    for (const [result, parentType, fixture] of [
      [image, 'docx_image', png],
      [file, 'docx_file', pdf],
    ] as const) {
      const media = rig.emu.getFile(result.fileToken)!;
      assert.equal(media.endpoint, 'medias');
      assert.equal(media.parentType, parentType);
      assert.equal(media.parentNode, result.blockId);
      assert.equal(media.extra, JSON.stringify({ drive_route_token: doc }));
      assert.ok(media.bytes?.equals(fixture.bytes));
    }
    const third = await insert(png.path, doc);
    assert.equal(topLevel(doc).at(-1), third.blockId, 'appended at the end');
  });

  test('above 20 MiB: an image and a file go multipart, byte-identical', async () => {
    const doc = rig.emu.createDocument();
    for (const name of ['big.jpg', 'big.bin']) {
      const fixture = writeFixture(tmp.dir, name, 20 * MiB + 1);
      const result = await insert(fixture.path, doc);
      assert.equal(result.method, 'multipart', name);
      assert.equal(result.parts, 6, name);
      assert.ok(rig.emu.getFile(result.fileToken)?.bytes?.equals(fixture.bytes), name);
      assert.equal(blocks(doc).get(result.blockId)?.token, result.fileToken, name);
    }
    assert.deepEqual(
      topLevel(doc).map((id) => blocks(doc).get(id)?.blockType),
      [27, 33],
    );
  });

  test('a wiki link resolves to its document, whose title is kept', async () => {
    const node = rig.emu.addWikiNode({ objType: 'docx', title: 'Team handbook' });
    const link = `https://acme.feishu.cn/wiki/${node.nodeToken}?from=x`;
    const resolved = await rig.documents.resolve(parseDocumentInput(link));
    assert.deepEqual(resolved, { documentId: node.objToken, title: 'Team handbook', link });
    const result = await insert(png.path, resolved.documentId);
    assert.deepEqual(topLevel(node.objToken), [result.blockId]);
  });

  test('a docx link resolves with the document\'s title', async () => {
    const doc = rig.emu.createDocument({ title: 'Weekly' });
    assert.deepEqual(await rig.documents.resolve(parseDocumentInput(`${rig.emu.url}/docx/${doc}`)), { documentId: doc, title: 'Weekly', link: `${rig.emu.url}/docx/${doc}` });
  });

  test('a wiki page that is a sheet is refused, saying what it is', async () => {
    const node = rig.emu.addWikiNode({ objType: 'sheet', title: 'Q3 numbers' });
    await assert.rejects(rig.documents.resolve(parseDocumentInput(`https://acme.feishu.cn/wiki/${node.nodeToken}`)), (e: unknown) => {
      assert.ok(e instanceof FeishuError);
      assert.equal(e.code, 'NOT_A_DOCX');
      assert.equal(e.message, 'Files can only be added to documents (docx), and this is not one. The wiki page "Q3 numbers" is a sheet. (NOT_A_DOCX)');
      assert.match(e.hint, /^Pick a document: a \/docx\/ link, or a wiki page that is a document\./);
      return true;
    });
  });

  test('an unknown wiki page and an unknown document: Feishu\'s codes with what to do', async () => {
    await assert.rejects(
      rig.documents.resolve(parseDocumentInput('https://acme.feishu.cn/wiki/wikcnNoSuchNode1')),
      (e: FeishuError) => /^The wiki page was not found\. .*\(code 131005, wiki\/v2\/spaces\/get_node, HTTP 400, log id \w+\)$/.test(e.message) && /^Check the wiki link/.test(e.hint),
    );
    await assert.rejects(
      rig.documents.resolve(parseDocumentInput('doxcnNoSuchDoc123')),
      (e: FeishuError) =>
        /^The document or block was not found\. .*\(code 1770002, docx\/v1\/documents\/doxcnNoSuchDoc123, HTTP 404, log id \w+\)$/.test(e.message) &&
        /the app can only see documents shared with it/.test(e.hint),
    );
    await assert.rejects(insert(png.path, 'doxcnNoSuchDoc123'), (e: FeishuError) => e.code === 1770002);
  });

  test('an upload that fails leaves no empty block behind, and its own error is reported', async () => {
    const doc = rig.emu.createDocument();
    await insert(pdf.path, doc);
    const before = rig.emu.getDocument(doc)!;
    rig.emu.injectFault({ kind: 'code', code: 1061004, status: 403, endpoint: 'medias/upload_all' });
    await assert.rejects(insert(png.path, doc), (e: FeishuError) => e.code === 1061004 && /^No permission to upload to this folder or document\./.test(e.message));
    const now = rig.emu.getDocument(doc)!;
    assert.deepEqual(now.blocks, before.blocks, 'the placeholder is gone');
    assert.equal(now.revisionId, before.revisionId + 2, 'created, then deleted');
    assert.ok(rig.calls.some((c) => c.method === 'DELETE' && c.endpoint.endsWith(`/blocks/${doc}/children/batch_delete`)));
    assert.deepEqual(rig.warnings, []);
  });

  test('a PATCH that fails after the upload removes the block as well', async () => {
    const doc = rig.emu.createDocument();
    rig.emu.injectFault({ kind: 'code', code: 1770032, status: 403, endpoint: `docx/v1/documents/${doc}/blocks/`, method: 'PATCH' });
    await assert.rejects(insert(pdf.path, doc), (e: FeishuError) => {
      assert.match(e.message, /^No permission to edit this document\. .*\(code 1770032, docx\/v1\/documents\/\w+\/blocks\/\w+, HTTP 403, log id \w+\)$/);
      assert.match(e.hint, /^Give the app \(or user\) edit permission on the document/);
      return true;
    });
    assert.deepEqual(topLevel(doc), []);
    assert.deepEqual(rig.emu.getDocument(doc)!.blocks.length, 1, 'the View block and the File block inside it are gone');
  });

  test('cancelling during the upload removes the block too', async () => {
    const doc = rig.emu.createDocument();
    const big = writeFixture(tmp.dir, 'cancel.bin', 12 * MiB);
    const controller = new AbortController();
    await assert.rejects(
      insert(big.path, doc, { signal: controller.signal, onProgress: (p) => p.bytesSent > MiB && controller.abort() }),
      (e: FeishuError) => e.code === 'CANCELLED',
    );
    assert.deepEqual(topLevel(doc), []);
  });

  test('no rule was violated by any of these runs', () => {
    assert.deepEqual(rig.emu.violations(), []);
  });
});

describe('docx pacing at Feishu\'s real limits (3 writes per second per app and per document)', () => {
  test('two documents at once: no 429, no 99991400, and the writes really were spread out', async () => {
    const rig = await startRig();
    const tmp = tempDir();
    try {
      const png = writeFixture(tmp.dir, 'a.png', 2000);
      const pdf = writeFixture(tmp.dir, 'b.pdf', 2000);
      const insert = async (path: string, documentId: string): Promise<void> => {
        const source = await openFileSource(path);
        await rig.documents.insert(source, documentId).finally(() => source.close());
      };
      const a = rig.emu.createDocument();
      const b = rig.emu.createDocument();
      const started = performance.now();
      const intoA = (async () => {
        for (let i = 0; i < 3; i++) await insert(png.path, a);
      })();
      const intoB = (async () => {
        for (let i = 0; i < 2; i++) await insert(pdf.path, b);
      })();
      await Promise.all([intoA, intoB]);
      assert.equal(rig.emu.getDocument(a)!.blocks[0].children.length, 3);
      assert.equal(rig.emu.getDocument(b)!.blocks[0].children.length, 2);
      // 10 writes (a create and a PATCH per file) at 3 per second for the app: at least 2 full windows.
      assert.ok(performance.now() - started >= 2000, 'the writes were paced');
      assert.equal(rig.emu.stats().codes['99991400'], undefined);
      assert.deepEqual(rig.emu.violations(), []);
    } finally {
      tmp.dispose();
      await rig.close();
    }
  });
});
