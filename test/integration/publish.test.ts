import { strict as assert } from 'node:assert';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { FeishuError, PUBLISH_NOTES, warningText, type PublishInput, type PublishProgress, type PublishResult } from '../../src/core';
import type { DocxBlock } from '../../src/emulator';
import { FIXTURE_OUTLINE, outline, payloadOf, summary } from '../helpers/docOutline';
import { startRig, type Rig } from '../helpers/feishu';
import { sha256, tempDir } from '../helpers/fixtures';
import { writePublishFixture, type PublishFixture } from '../helpers/publishFixture';

describe('publishing Markdown as a Feishu document, over HTTP against the emulator', () => {
  let rig: Rig;
  const tmp = tempDir();
  let fixture: PublishFixture;
  before(async () => {
    // Functional tests: a high docx write limit on both sides keeps them fast; pacing has its own test below.
    rig = await startRig({ docxWritesPerSecond: 100 });
    fixture = writePublishFixture(tmp.dir);
  });
  after(async () => {
    await rig.close();
    tmp.dispose();
  });

  function publish(input: Partial<PublishInput> & Pick<PublishInput, 'target'>): Promise<PublishResult> {
    return rig.publisher.publish({ markdown: readFileSync(fixture.markdownPath, 'utf8'), filePath: fixture.markdownPath, ...input });
  }

  function imageBytes(block: DocxBlock): Buffer | undefined {
    return block.token ? rig.emu.getFile(block.token)?.bytes : undefined;
  }

  test('the fixture becomes a document block by block, each local image with its bytes and size in its block', async () => {
    const folder = rig.emu.addFolder();
    const progress: PublishProgress[] = [];
    const result = await publish({ target: { kind: 'new', folderToken: folder }, onProgress: (p) => progress.push(p) });
    const doc = rig.emu.getDocument(result.documentId)!;
    assert.equal(doc.title, 'Release Guide', 'the title from the front matter; the opening heading that repeats it is left out');
    assert.equal(doc.folderToken, folder);
    assert.deepEqual(outline(doc), FIXTURE_OUTLINE);
    assert.equal(result.url, `${rig.emu.tenantUrl}/docx/${result.documentId}`, "Feishu's own link (metas batch_query)");
    assert.deepEqual(
      { blocks: result.blocks, images: result.images, calls: result.calls, updated: result.updated },
      { blocks: doc.blocks.length - 1, images: 3, calls: 1, updated: false },
    );

    // The inline styles of the first paragraph, run by run.
    const first = doc.blocks.find((b) => b.blockId === doc.blocks[0].children[0])!;
    assert.deepEqual(payloadOf(first).elements, [
      { text_run: { content: 'Welcome to the ' } },
      { text_run: { content: 'release guide', text_element_style: { bold: true } } },
      { text_run: { content: '. It covers ' } },
      { text_run: { content: 'every', text_element_style: { italic: true } } },
      { text_run: { content: ' step, ' } },
      { text_run: { content: 'nothing', text_element_style: { strikethrough: true } } },
      { text_run: { content: ' less, with ' } },
      { text_run: { content: 'npm run release', text_element_style: { inline_code: true } } },
      { text_run: { content: ' and a ' } },
      { text_run: { content: 'link to the handbook', text_element_style: { link: { url: encodeURIComponent('https://example.com/handbook?section=1&lang=en') } } } },
      { text_run: { content: ', the ' } },
      { text_run: { content: 'glossary', text_element_style: { link: { url: encodeURIComponent('https://example.com/glossary') } } } },
      { text_run: { content: ', a sibling page and a footnote[why]. Line one ends here\nand line two follows a hard break.' } },
    ]);
    const badge = doc.blocks.find((b) => summary(b).startsWith('"The badge'))!;
    assert.deepEqual(payloadOf(badge).elements?.[1], { text_run: { content: 'build', text_element_style: { link: { url: encodeURIComponent('https://ci.example.com/badge.svg') } } } });

    // Every image block holds the bytes of its file, uploaded as docx_image media of exactly that block.
    const images = doc.blocks.filter((b) => b.blockType === 27);
    assert.deepEqual(
      images.map((b) => sha256(imageBytes(b)!)),
      [sha256(fixture.diagram), sha256(fixture.screenShot), sha256(fixture.screenShot)],
    );
    for (const image of images) {
      const media = rig.emu.getFile(image.token!)!;
      assert.deepEqual([media.parentType, media.parentNode, media.extra], ['docx_image', image.blockId, JSON.stringify({ drive_route_token: result.documentId })]);
    }
    assert.deepEqual(
      images.map((b) => rig.emu.getFile(b.token!)!.name),
      ['diagram.png', 'screen shot.jpg', 'screen shot.jpg'],
    );

    assert.deepEqual(result.warnings.map((w) => warningText(w)), [
      'Line 10: the link ./other.md only works next to the Markdown file, not in Feishu; its text was published without the link.',
      'Line 22: image missing.png was not found; its description was published as text instead.',
    ]);
    assert.deepEqual(progress.slice(0, 2), [{ stage: 'converting' }, { stage: 'blocks', done: 0, total: result.blocks }]);
    assert.deepEqual(progress.slice(2), [
      { stage: 'blocks', done: result.blocks, total: result.blocks },
      { stage: 'images', done: 0, total: 3 },
      { stage: 'images', done: 1, total: 3 },
      { stage: 'images', done: 2, total: 3 },
      { stage: 'images', done: 3, total: 3 },
    ]);
  });

  test('publishing again replaces the content of the same document, its title too', async () => {
    const first = await publish({ target: { kind: 'new' } });
    const documentsBefore = rig.emu.listDocuments().length;
    const revised = join(tmp.dir, 'revised.md');
    writeFileSync(revised, '# Release Guide v2\n\nOnly this paragraph now.\n\n![again](img/diagram.png)\n');
    const document = await rig.publisher.checkDocument({ kind: 'docx', documentId: first.documentId });
    assert.equal(document.title, 'Release Guide');
    const second = await rig.publisher.publish({ markdown: readFileSync(revised, 'utf8'), filePath: revised, target: { kind: 'update', document } });
    assert.equal(second.documentId, first.documentId);
    assert.equal(second.updated, true);
    assert.equal(second.title, 'Release Guide v2');
    assert.equal(rig.emu.listDocuments().length, documentsBefore, 'no second document');
    const doc = rig.emu.getDocument(first.documentId)!;
    assert.equal(doc.title, 'Release Guide v2');
    assert.deepEqual(outline(doc), ['2 "Only this paragraph now."', '27 image 640x400']);
    assert.ok(imageBytes(doc.blocks[2])?.equals(fixture.diagram));
  });

  test('a title that cannot be changed is a warning: the content is updated all the same', async () => {
    const first = await publish({ target: { kind: 'new' } });
    const revised = join(tmp.dir, 'renamed.md');
    writeFileSync(revised, '# Another title\n\nNew text.\n');
    const document = await rig.publisher.checkDocument({ kind: 'docx', documentId: first.documentId });
    // The page block's id is the document id: only the title update goes to this path.
    rig.emu.injectFault({ kind: 'code', code: 1770025, endpoint: `blocks/${first.documentId}`, method: 'PATCH' });
    const second = await rig.publisher.publish({ markdown: readFileSync(revised, 'utf8'), filePath: revised, target: { kind: 'update', document } });
    rig.emu.clearFaults();
    assert.equal(second.title, 'Release Guide');
    assert.deepEqual(second.warnings.map((w) => warningText(w)), ['The document title could not be changed to "Another title"; the content was updated.']);
    assert.deepEqual(outline(rig.emu.getDocument(first.documentId)!), ['2 "New text."']);
  });

  test('a document with nothing to insert ends up empty; an empty update empties it', async () => {
    const empty = join(tmp.dir, 'Empty Notes.md');
    writeFileSync(empty, '---\nauthor: nobody\n---\n');
    const result = await rig.publisher.publish({ markdown: readFileSync(empty, 'utf8'), filePath: empty, target: { kind: 'new' } });
    assert.deepEqual([result.title, result.blocks, result.calls], ['Empty Notes', 0, 0], 'the file name is the last choice of title');
    assert.deepEqual(rig.emu.getDocument(result.documentId)!.blocks[0].children, []);
  });

  test('a new document that fails half-way is deleted again, and the error says so', async () => {
    const documentsBefore = rig.emu.listDocuments().length;
    rig.emu.injectFault({ kind: 'code', code: 1061004, status: 403, endpoint: 'medias/upload_all', after: 1 });
    await assert.rejects(publish({ target: { kind: 'new' } }), (e: unknown) => {
      assert.ok(e instanceof FeishuError);
      assert.equal(e.code, 1061004);
      assert.equal(e.note?.text, PUBLISH_NOTES.newDocumentDeleted);
      assert.match(e.message, /^No permission to upload to this folder or document\. .*\(code 1061004, drive\/v1\/medias\/upload_all, HTTP 403, log id \w+\) The new document was deleted again; nothing was left behind\.$/);
      return true;
    });
    rig.emu.clearFaults();
    assert.equal(rig.emu.listDocuments().length, documentsBefore, 'the half-made document is gone');
  });

  test('a new document that fails and cannot be deleted is reported with its link', async () => {
    const documentsBefore = rig.emu.listDocuments().length;
    rig.emu.injectFault({ kind: 'code', code: 1770032, status: 403, endpoint: '/blocks/', method: 'PATCH' });
    rig.emu.injectFault({ kind: 'code', code: 1061004, status: 403, endpoint: 'drive/v1/files/', method: 'DELETE' });
    let url = '';
    await assert.rejects(publish({ target: { kind: 'new' } }), (e: unknown) => {
      assert.ok(e instanceof FeishuError);
      assert.equal(e.code, 1770032);
      assert.equal(e.note?.text, PUBLISH_NOTES.newDocumentLeft);
      url = e.note!.args[0];
      assert.ok(e.message.endsWith(`The new document could not be deleted and is incomplete: ${url}. Delete it, or publish again to replace its content.`), e.message);
      return true;
    });
    rig.emu.clearFaults();
    const left = rig.emu.listDocuments();
    assert.equal(left.length, documentsBefore + 1);
    assert.equal(url, `${rig.emu.tenantUrl}/docx/${left.at(-1)!.documentId}`);
    assert.ok(rig.warnings.some((w) => w.startsWith(`Could not delete the unfinished document ${left.at(-1)!.documentId}:`)), rig.warnings.join('\n'));
  });

  test('cancelling a new document mid-way deletes it again', async () => {
    const documentsBefore = rig.emu.listDocuments().length;
    const ac = new AbortController();
    await assert.rejects(
      publish({ target: { kind: 'new' }, signal: ac.signal, onProgress: (p) => p.stage === 'images' && p.done === 1 && ac.abort() }),
      (e: unknown) => e instanceof FeishuError && e.code === 'CANCELLED' && e.note?.text === PUBLISH_NOTES.newDocumentDeleted,
    );
    assert.equal(rig.emu.listDocuments().length, documentsBefore);
  });

  async function publishedOnce(): Promise<{ documentId: string; before: string[] }> {
    const first = await publish({ target: { kind: 'new' } });
    return { documentId: first.documentId, before: outline(rig.emu.getDocument(first.documentId)!) };
  }

  async function update(documentId: string): Promise<PublishResult> {
    const document = await rig.publisher.checkDocument({ kind: 'docx', documentId });
    return publish({ target: { kind: 'update', document } });
  }

  test('an update that fails half-way takes its new blocks out again: the previous content is untouched', async () => {
    const { documentId, before } = await publishedOnce();
    rig.emu.injectFault({ kind: 'code', code: 1770025, endpoint: '/blocks/', method: 'PATCH', after: 1 });
    await assert.rejects(update(documentId), (e: unknown) => {
      assert.ok(e instanceof FeishuError);
      assert.equal(e.code, 1770025);
      assert.deepEqual([e.note?.text, e.note?.args], [PUBLISH_NOTES.updateUndone, ['Release Guide']]);
      return true;
    });
    rig.emu.clearFaults();
    assert.deepEqual(outline(rig.emu.getDocument(documentId)!), before);
  });

  test('an update whose new blocks cannot be taken out says the document holds both', async () => {
    const { documentId, before } = await publishedOnce();
    rig.emu.injectFault({ kind: 'code', code: 1770025, endpoint: '/blocks/', method: 'PATCH', after: 1 });
    rig.emu.injectFault({ kind: 'code', code: 1770032, status: 403, endpoint: 'batch_delete' });
    await assert.rejects(update(documentId), (e: unknown) => {
      assert.ok(e instanceof FeishuError);
      assert.equal(e.note?.text, PUBLISH_NOTES.updatePartial);
      assert.match(e.message, /The document "Release Guide" now has its previous content followed by part of the new content: https:\/\/emulator-tenant\.feishu\.cn\/docx\/\w+\. Publish again to replace it\.$/);
      return true;
    });
    rig.emu.clearFaults();
    // The previous content, then the new one: its first image bound, the other two still empty placeholders.
    const lines = outline(rig.emu.getDocument(documentId)!);
    assert.deepEqual(lines.slice(0, before.length), before);
    assert.equal(lines.length, 2 * before.length);
    assert.deepEqual(
      lines.slice(before.length).filter((l) => l.includes('image')),
      ['27 image 320x200', '27 image 100x100', '    27 image 100x100'],
    );
  });

  test('an update whose old content cannot be removed says the new content is in, below the old', async () => {
    const { documentId, before } = await publishedOnce();
    rig.emu.injectFault({ kind: 'code', code: 1770032, status: 403, endpoint: 'batch_delete' });
    await assert.rejects(update(documentId), (e: unknown) => e instanceof FeishuError && e.code === 1770032 && e.note?.text === PUBLISH_NOTES.oldContentLeft);
    rig.emu.clearFaults();
    assert.deepEqual(outline(rig.emu.getDocument(documentId)!), [...before, ...before]);
  });

  test('a document that was deleted or cannot be written any more is DOCUMENT_UNAVAILABLE, and nothing changes', async () => {
    const { documentId } = await publishedOnce();
    const document = await rig.publisher.checkDocument({ kind: 'docx', documentId });
    rig.emu.injectFault({ kind: 'code', code: 1770032, status: 403, endpoint: 'descendant' });
    await assert.rejects(publish({ target: { kind: 'update', document } }), (e: unknown) => {
      assert.ok(e instanceof FeishuError);
      assert.equal(e.code, 'DOCUMENT_UNAVAILABLE');
      assert.match(e.message, /^The document this file was published to is gone, or you can no longer edit it\. "Release Guide" \(Feishu code 1770032\)\. \(DOCUMENT_UNAVAILABLE, docx\/v1\/documents\/\w+\/blocks\/\w+\/descendant, HTTP 403, log id \w+\)$/);
      assert.equal(e.hint, "Publish the file as a new document, or ask the document's owner for edit permission.");
      return true;
    });
    rig.emu.clearFaults();
    assert.ok(rig.emu.deleteDocument(documentId));
    await assert.rejects(rig.publisher.checkDocument({ kind: 'docx', documentId }), (e: unknown) => {
      assert.ok(e instanceof FeishuError);
      assert.equal(e.code, 'DOCUMENT_UNAVAILABLE');
      assert.match(e.message, new RegExp(`Document ${documentId} \\(Feishu code 1770003\\)\\.`));
      return true;
    });
    await assert.rejects(publish({ target: { kind: 'update', document } }), (e: unknown) => e instanceof FeishuError && e.code === 'DOCUMENT_UNAVAILABLE');
  });

  test('a folder that does not exist is refused before anything is made', async () => {
    const documentsBefore = rig.emu.listDocuments().length;
    await assert.rejects(publish({ target: { kind: 'new', folderToken: 'fldcnNoSuchFolder' } }), (e: unknown) => {
      assert.ok(e instanceof FeishuError);
      assert.equal(e.code, 'FOLDER_UNAVAILABLE');
      assert.match(e.message, /^The folder for the new document was not found, or you may not create documents in it\. Folder fldcnNoSuchFolder \(Feishu code 1770002\)\. \(FOLDER_UNAVAILABLE, docx\/v1\/documents, HTTP 404, log id \w+\)$/);
      return true;
    });
    assert.equal(rig.emu.listDocuments().length, documentsBefore);
  });

  test('a folder the app may not create documents in is refused before anything is made', async () => {
    const closed = rig.emu.addFolder({ name: 'Closed', members: {} });
    const documentsBefore = rig.emu.listDocuments().length;
    await assert.rejects(publish({ target: { kind: 'new', folderToken: closed } }), (e: unknown) => {
      assert.ok(e instanceof FeishuError);
      assert.equal(e.code, 'FOLDER_UNAVAILABLE');
      assert.match(e.message, new RegExp(`Folder ${closed} \\(Feishu code 1770032\\)\\. \\(FOLDER_UNAVAILABLE, docx/v1/documents, HTTP 403`));
      return true;
    });
    assert.equal(rig.emu.listDocuments().length, documentsBefore);
  });

  test('without a folder the document goes to My Space of who publishes (here the app), owned by it', async () => {
    const result = await publish({ target: { kind: 'new' } });
    assert.equal(rig.emu.getDocument(result.documentId)!.folderToken, rig.emu.rootFolderToken);
    assert.deepEqual(rig.emu.collaborators(result.documentId), [], 'nobody signed in: nothing shared');
  });

  test("when Feishu gives no link (metas refused), the link is built on the brand's domain and a warning says so", async () => {
    rig.warnings.length = 0;
    rig.emu.injectFault({ kind: 'code', code: 99991672, status: 400, endpoint: 'metas/batch_query' });
    const result = await publish({ target: { kind: 'new' } });
    rig.emu.clearFaults();
    // The API base override's host stands in for www.feishu.cn here (documentUrl).
    assert.equal(result.url, `${rig.emu.url}/docx/${result.documentId}`);
    assert.ok(rig.warnings.some((w) => w.startsWith("Feishu's links could not be read") && w.includes(result.documentId)), rig.warnings.join('\n'));
  });

  test('a long document goes in calls of at most 1,000 blocks, in order', async () => {
    const long = join(tmp.dir, 'long.md');
    writeFileSync(long, Array.from({ length: 2500 }, (_, i) => `Paragraph ${i + 1}.`).join('\n\n'));
    const result = await rig.publisher.publish({ markdown: readFileSync(long, 'utf8'), filePath: long, target: { kind: 'new' } });
    assert.deepEqual([result.blocks, result.calls], [2500, 3]);
    const lines = outline(rig.emu.getDocument(result.documentId)!);
    assert.equal(lines.length, 2500);
    assert.deepEqual([lines[0], lines[999], lines[1000], lines[2499]], ['2 "Paragraph 1."', '2 "Paragraph 1000."', '2 "Paragraph 1001."', '2 "Paragraph 2500."']);
  });

  test('a list item holding more than 1,000 blocks goes in first, its children after it under its real id', async () => {
    const nested = join(tmp.dir, 'nested.md');
    writeFileSync(nested, `- parent\n${Array.from({ length: 1200 }, (_, i) => `  - child ${i + 1}`).join('\n')}\n- after\n`);
    const result = await rig.publisher.publish({ markdown: readFileSync(nested, 'utf8'), filePath: nested, target: { kind: 'new' } });
    assert.deepEqual([result.blocks, result.calls], [1202, 4]);
    const lines = outline(rig.emu.getDocument(result.documentId)!);
    assert.deepEqual([lines[0], lines[1], lines[1200], lines[1201]], ['12 "parent"', '  12 "child 1"', '  12 "child 1200"', '12 "after"']);
  });

  test('a table too large for one call is refused before anything is made, naming its line', async () => {
    const wide = join(tmp.dir, 'wide.md');
    const row = (cells: string[]): string => `| ${cells.join(' | ')} |`;
    const header = Array.from({ length: 20 }, (_, i) => `c${i}`);
    writeFileSync(wide, ['Intro.', '', row(header), row(header.map(() => '---')), ...Array.from({ length: 30 }, (_, r) => row(header.map((_, c) => `${r}.${c}`)))].join('\n'));
    const documentsBefore = rig.emu.listDocuments().length;
    await assert.rejects(rig.publisher.publish({ markdown: readFileSync(wide, 'utf8'), filePath: wide, target: { kind: 'new' } }), (e: unknown) => {
      assert.ok(e instanceof FeishuError);
      assert.equal(e.code, 'BLOCK_TOO_LARGE');
      assert.match(e.message, /The table at line 3 needs 1241 blocks\./);
      return true;
    });
    assert.equal(rig.emu.listDocuments().length, documentsBefore);
  });
});

describe('publishing at Feishu\'s own docx write limit', () => {
  let rig: Rig;
  const tmp = tempDir();
  before(async () => {
    rig = await startRig();
  });
  after(async () => {
    await rig.close();
    tmp.dispose();
  });

  test('the fixture, then an update, within 3 writes per second per document and per app', async () => {
    const fixture = writePublishFixture(tmp.dir);
    const markdown = readFileSync(fixture.markdownPath, 'utf8');
    const started = performance.now();
    const first = await rig.publisher.publish({ markdown, filePath: fixture.markdownPath, target: { kind: 'new' } });
    const publishMs = performance.now() - started;
    const document = await rig.publisher.checkDocument({ kind: 'docx', documentId: first.documentId });
    await rig.publisher.publish({ markdown, filePath: fixture.markdownPath, target: { kind: 'update', document } });
    assert.deepEqual(rig.emu.violations(), []);
    // 1 descendant + 3 replace_image writes: paced, about a second.
    assert.ok(publishMs < 5000, `published in ${Math.round(publishMs)} ms`);
    console.log(`publish of the fixture (${first.blocks} blocks, ${first.images} images, ${first.calls} call): ${Math.round(publishMs)} ms`);
  });
});

describe('publishing as the app with a person signed in on the machine', () => {
  let rig: Rig;
  const tmp = tempDir();
  let fixture: PublishFixture;
  const ada = { openId: 'ou_ada_signed_in', name: 'Ada Lin' };
  before(async () => {
    rig = await startRig({ docxWritesPerSecond: 100, signedInUser: ada });
    fixture = writePublishFixture(tmp.dir);
  });
  after(async () => {
    await rig.close();
    tmp.dispose();
  });

  const publish = (): Promise<PublishResult> =>
    rig.publisher.publish({ markdown: readFileSync(fixture.markdownPath, 'utf8'), filePath: fixture.markdownPath, target: { kind: 'new' } });

  test('the person gets full access to the new document the app owns, as to what the app uploads', async () => {
    const result = await publish();
    assert.deepEqual(rig.emu.collaborators(result.documentId), [{ memberType: 'openid', memberId: ada.openId, perm: 'full_access', type: 'user' }]);
    assert.ok(!result.warnings.some((w) => w.kind === 'accessNotGranted'));
    // Updating it shares nothing again: the grant came with the document.
    const calls = rig.calls.length;
    const document = await rig.publisher.checkDocument({ kind: 'docx', documentId: result.documentId });
    await rig.publisher.publish({ markdown: '# Release Guide\n\nShorter.\n', filePath: fixture.markdownPath, target: { kind: 'update', document } });
    assert.ok(!rig.calls.slice(calls).some((c) => c.endpoint.endsWith('/members')));
  });

  test('a grant Feishu refuses is a warning: the document is published all the same', async () => {
    rig.warnings.length = 0;
    rig.emu.injectFault({ kind: 'code', code: 1063002, status: 403, endpoint: '/members' });
    const result = await publish();
    rig.emu.clearFaults();
    const warning = result.warnings.find((w) => w.kind === 'accessNotGranted')!;
    assert.equal(
      warningText(warning),
      `The person signed in (${ada.openId}) could not be given access to the new document, which the app owns; share it with them in Feishu.`,
    );
    assert.equal(rig.emu.getDocument(result.documentId)!.title, 'Release Guide');
    assert.deepEqual(rig.emu.collaborators(result.documentId), []);
    assert.ok(rig.warnings.some((w) => w.startsWith(`Could not give the signed-in user ${ada.openId} access to the new document ${result.documentId}:`)), rig.warnings.join('\n'));
  });
});
