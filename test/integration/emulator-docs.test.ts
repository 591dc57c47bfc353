// The emulator's docx, wiki and import endpoints and their control routes, over raw loopback HTTP.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startEmulator, type DocxDocument, type Emulator } from '../../src/emulator';
import { api, form, tenantToken, type Answer } from '../helpers/emulatorHttp';

type Wire = Record<string, unknown>;

void describe('emulator docx, wiki and import endpoints (loopback HTTP)', () => {
  let emu: Emulator;
  let token: string;
  const docs = (id: string, rest = ''): string => `/open-apis/docx/v1/documents/${id}${rest}`;
  const call = (path: string, init: { json?: unknown; method?: string; form?: FormData } = {}): Promise<Answer> => api(emu, path, { token, ...init });
  const children = (data: Wire | undefined): Wire[] => (data?.children ?? []) as Wire[];

  before(async () => {
    // High limits: these tests are about validation, not pacing (the limits have their own emulator below).
    emu = await startEmulator({ qps: 1000, docxWritesPerSecond: 1000 });
    token = await tenantToken(emu);
  });
  after(() => emu.close());

  async function uploadMedia(name: string, parentType: string, parentNode: string, documentId: string): Promise<Answer> {
    const bytes = Buffer.from('media bytes');
    return call('/open-apis/drive/v1/medias/upload_all', {
      form: form({
        file_name: name,
        parent_type: parentType,
        parent_node: parentNode,
        size: String(bytes.length),
        extra: JSON.stringify({ drive_route_token: documentId }),
        file: bytes,
      }),
    });
  }

  void it('control routes create a document and read its blocks; the page block id is the document id', async () => {
    const created = (await (await fetch(`${emu.url}/__emulator/documents`, { method: 'POST', body: JSON.stringify({ title: 'Fixture' }) })).json()) as Wire;
    assert.match(created.documentId as string, /^\w{27}$/);
    assert.equal(created.url, `${emu.url}/docx/${created.documentId as string}`);
    const read = (await (await fetch(`${emu.url}/__emulator/documents/${created.documentId as string}/blocks`)).json()) as DocxDocument;
    assert.deepEqual(read, {
      documentId: created.documentId,
      title: 'Fixture',
      folderToken: emu.rootFolderToken,
      revisionId: 1,
      blocks: [{ blockId: created.documentId, blockType: 1, parentId: '', children: [] }],
    });
    assert.equal((await fetch(`${emu.url}/__emulator/documents/nope/blocks`)).status, 404);
    const state = (await (await fetch(`${emu.url}/__emulator/state`)).json()) as { documents: Wire[] };
    assert.ok(state.documents.some((d) => d.documentId === created.documentId && d.title === 'Fixture'));
  });

  void it('GET document and page block; unknown ones answer 1770002 with HTTP 404', async () => {
    const id = emu.createDocument({ title: 'Read me' });
    const doc = await call(docs(id));
    assert.deepEqual(doc.body.data, { document: { document_id: id, revision_id: 1, title: 'Read me' } });
    const page = await call(docs(id, `/blocks/${id}`));
    // The page block's text is the title.
    assert.deepEqual(page.body.data, { block: { block_id: id, block_type: 1, parent_id: '', children: [], page: { elements: [{ text_run: { content: 'Read me' } }], style: {} } } });
    const missing = await call(docs('doxcnMissing'));
    assert.equal(missing.status, 404);
    assert.equal(missing.body.code, 1770002);
  });

  void it('create children: an Image block (100 × 100, empty token), a File block wrapped in a View block; client_token repeats', async () => {
    const id = emu.createDocument();
    const query = '?document_revision_id=-1&client_token=abc-1';
    const body = { index: 0, children: [{ block_type: 27, image: {} }, { block_type: 23, file: { token: '' } }] };
    const first = await call(docs(id, `/blocks/${id}/children${query}`), { json: body });
    assert.equal(first.body.code, 0, JSON.stringify(first.body));
    const [image, view] = children(first.body.data);
    assert.deepEqual(image, { block_id: image.block_id, block_type: 27, parent_id: id, image: { token: '', width: 100, height: 100 } });
    assert.equal(view.block_type, 33);
    assert.deepEqual(view.view, { view_type: 1 });
    const fileId = (view.children as string[])[0];
    assert.equal(first.body.data?.document_revision_id, 2);
    assert.equal(first.body.data?.client_token, 'abc-1');
    const file = await call(docs(id, `/blocks/${fileId}`));
    assert.deepEqual(file.body.data?.block, { block_id: fileId, block_type: 23, parent_id: view.block_id, file: { token: '', name: '' } });
    const again = await call(docs(id, `/blocks/${id}/children${query}`), { json: body });
    assert.deepEqual(again.body.data, first.body.data, 'the same client_token gives the same answer');
    assert.equal(emu.getDocument(id)!.blocks[0].children.length, 2, 'and adds nothing');
  });

  void it('create children refuses what Feishu refuses: 1770001 for bad index, block types and revisions', async () => {
    const id = emu.createDocument();
    const bad: [unknown, string][] = [
      [{ index: 5, children: [{ block_type: 27, image: {} }] }, ''],
      [{ children: [] }, ''],
      [{ children: [{ block_type: 2, text: {} }] }, ''],
      [{ children: [{ block_type: 23, file: { token: 'x' } }] }, ''],
      [{ children: [{ block_type: 27, image: {} }] }, '?document_revision_id=7'],
    ];
    for (const [body, query] of bad) {
      const answer = await call(docs(id, `/blocks/${id}/children${query}`), { json: body });
      assert.equal(answer.status, 400, JSON.stringify(body));
      assert.equal(answer.body.code, 1770001, JSON.stringify(body));
    }
    assert.equal(emu.getDocument(id)!.revisionId, 1, 'nothing was written');
  });

  void it('docx media must name a matching block of the document in drive_route_token (1061044 otherwise)', async () => {
    const id = emu.createDocument();
    const other = emu.createDocument();
    const created = await call(docs(id, `/blocks/${id}/children`), { json: { children: [{ block_type: 27, image: {} }] } });
    const imageId = children(created.body.data)[0].block_id as string;
    assert.equal((await uploadMedia('a.png', 'docx_image', imageId, id)).body.code, 0);
    for (const [parentType, documentId] of [
      ['docx_image', other],
      ['docx_file', id],
      ['docx_image', 'doxcnNotThere'],
    ]) {
      const answer = await uploadMedia('a.png', parentType, imageId, documentId);
      assert.equal(answer.body.code, 1061044, `${parentType} ${documentId}`);
    }
  });

  void it('replace_image binds media uploaded to that block; other tokens and block types are refused', async () => {
    const id = emu.createDocument();
    const created = await call(docs(id, `/blocks/${id}/children`), { json: { children: [{ block_type: 27, image: {} }, { block_type: 27, image: {} }] } });
    const [a, b] = children(created.body.data).map((c) => c.block_id as string);
    const media = (await uploadMedia('a.png', 'docx_image', a, id)).body.data?.file_token as string;
    const wrongBlock = await call(docs(id, `/blocks/${b}?document_revision_id=-1`), { method: 'PATCH', json: { replace_image: { token: media } } });
    assert.equal(wrongBlock.body.code, 1770013, 'the media belongs to block a');
    const wrongType = await call(docs(id, `/blocks/${a}`), { method: 'PATCH', json: { replace_file: { token: media } } });
    assert.equal(wrongType.body.code, 1770025);
    const ok = await call(docs(id, `/blocks/${a}`), { method: 'PATCH', json: { replace_image: { token: media, width: 640, height: 480 } } });
    assert.equal(ok.body.code, 0);
    assert.deepEqual((ok.body.data?.block as Wire).image, { token: media, width: 640, height: 480 });
    assert.equal(ok.body.data?.document_revision_id, 3);
  });

  void it('batch_delete removes [start, end) with everything inside; a bad range is 1770001', async () => {
    const id = emu.createDocument();
    await call(docs(id, `/blocks/${id}/children`), { json: { children: [{ block_type: 23, file: {} }, { block_type: 27, image: {} }] } });
    const bad = await call(docs(id, `/blocks/${id}/children/batch_delete`), { method: 'DELETE', json: { start_index: 1, end_index: 3 } });
    assert.equal(bad.body.code, 1770001);
    const ok = await call(docs(id, `/blocks/${id}/children/batch_delete`), { method: 'DELETE', json: { start_index: 0, end_index: 1 } });
    assert.equal(ok.body.code, 0);
    assert.deepEqual(
      emu.getDocument(id)!.blocks.map((block) => block.blockType),
      [1, 27],
      'the View block and its File block are gone',
    );
  });

  void describe('docx write limits (Feishu\'s 3 per second)', () => {
    let limited: Emulator;
    let limitedToken: string;
    before(async () => {
      limited = await startEmulator();
      limitedToken = await tenantToken(limited);
    });
    after(() => limited.close());
    const create = (id: string): Promise<Answer> =>
      api(limited, docs(id, `/blocks/${id}/children`), { token: limitedToken, json: { children: [{ block_type: 27, image: {} }] } });

    void it('per document: the 4th write within a second is HTTP 429 with 99991400 and a reset header, and recorded', async () => {
      const id = limited.createDocument();
      const answers: Answer[] = [];
      for (let i = 0; i < 4; i++) answers.push(await create(id));
      assert.deepEqual(answers.map((a) => a.body.code), [0, 0, 0, 99991400]);
      assert.equal(answers[3].status, 429);
      assert.equal(answers[3].headers.get('x-ogw-ratelimit-reset'), '1');
      assert.equal(answers[3].headers.get('x-ogw-ratelimit-limit'), '3');
      assert.equal(limited.violations().at(-1)?.reason, 'docxDocument');
    });

    void it('per app, across documents: the 4th write within a second is HTTP 400 with 99991400', async () => {
      await new Promise((r) => setTimeout(r, 1100));
      const answers: Answer[] = [];
      for (let i = 0; i < 4; i++) answers.push(await create(limited.createDocument()));
      assert.deepEqual(answers.map((a) => [a.status, a.body.code]), [[200, 0], [200, 0], [200, 0], [400, 99991400]]);
      assert.equal(limited.violations().at(-1)?.reason, 'docxApp');
    });
  });

  void it('wiki get_node: by node token, by object token with its obj_type; 131002 and 131005 otherwise', async () => {
    const node = (await (await fetch(`${emu.url}/__emulator/wiki-nodes`, { method: 'POST', body: JSON.stringify({ objType: 'docx', title: 'Handbook' }) })).json()) as Wire;
    assert.equal(node.url, `${emu.url}/wiki/${node.nodeToken as string}`);
    assert.ok(emu.getDocument(node.objToken as string), 'a docx node gets a document of its own');
    const byNode = await call(`/open-apis/wiki/v2/spaces/get_node?token=${node.nodeToken as string}&obj_type=wiki`);
    assert.deepEqual(
      { ...(byNode.body.data?.node as Wire), space_id: undefined, origin_space_id: undefined },
      {
        space_id: undefined,
        node_token: node.nodeToken,
        obj_token: node.objToken,
        obj_type: 'docx',
        parent_node_token: '',
        node_type: 'origin',
        origin_node_token: node.nodeToken,
        origin_space_id: undefined,
        has_child: false,
        title: 'Handbook',
      },
    );
    const byObject = await call(`/open-apis/wiki/v2/spaces/get_node?token=${node.objToken as string}&obj_type=docx`);
    assert.equal((byObject.body.data?.node as Wire).node_token, node.nodeToken);
    assert.equal((await call('/open-apis/wiki/v2/spaces/get_node')).body.code, 131002);
    assert.equal((await call('/open-apis/wiki/v2/spaces/get_node?token=wikcnNope')).body.code, 131005);
    const sheet = emu.addWikiNode({ objType: 'sheet', title: 'Numbers' });
    assert.equal(((await call(`/open-apis/wiki/v2/spaces/get_node?token=${sheet.nodeToken}`)).body.data?.node as Wire).obj_type, 'sheet');
  });

  void describe('import tasks', () => {
    async function importSource(name: string, extra: Wire | undefined): Promise<string> {
      const bytes = Buffer.from('# hello\n');
      const answer = await call('/open-apis/drive/v1/medias/upload_all', {
        form: form({ file_name: name, parent_type: 'ccm_import_open', size: String(bytes.length), extra: extra && JSON.stringify(extra), file: bytes }),
      });
      assert.equal(answer.body.code, 0, JSON.stringify(answer.body));
      return answer.body.data?.file_token as string;
    }
    const task = (fileToken: string, overrides: Wire = {}): Promise<Answer> =>
      call('/open-apis/drive/v1/import_tasks', { json: { file_extension: 'md', file_token: fileToken, type: 'docx', point: { mount_type: 1, mount_key: '' }, ...overrides } });

    void it('goes 1 → 2 → 0 over three polls, then has a token and url; a docx result is a real document', async () => {
      const ticket = (await task(await importSource('a.md', { obj_type: 'docx', file_extension: 'md' }), { file_name: 'Alpha' })).body.data?.ticket as string;
      const polls: Wire[] = [];
      for (let i = 0; i < 4; i++) polls.push((await call(`/open-apis/drive/v1/import_tasks/${ticket}`)).body.data?.result as Wire);
      assert.deepEqual(polls.map((p) => p.job_status), [1, 2, 0, 0]);
      assert.equal(polls[2].url, `${emu.url}/docx/${polls[2].token as string}`);
      assert.equal(polls[3].token, polls[2].token, 'the same result on every later poll');
      assert.equal(emu.getDocument(polls[2].token as string)?.title, 'Alpha');
    });

    void it('a queued failure ends the next task with that job_status and message', async () => {
      const queued = await fetch(`${emu.url}/__emulator/import-failures`, { method: 'POST', body: JSON.stringify({ jobStatus: 129, msg: 'file corrupted' }) });
      assert.equal(queued.status, 200);
      const ticket = (await task(await importSource('b.md', { obj_type: 'docx', file_extension: 'md' }))).body.data?.ticket as string;
      let result: Wire = {};
      for (let i = 0; i < 3; i++) result = (await call(`/open-apis/drive/v1/import_tasks/${ticket}`)).body.data?.result as Wire;
      assert.equal(result.job_status, 129);
      assert.equal(result.job_error_msg, 'file corrupted');
    });

    void it('create checks extension, type, token, folder and parameters', async () => {
      const md = await importSource('c.md', { obj_type: 'docx', file_extension: 'md' });
      const cases: [string, Promise<Answer>, number][] = [
        ['extension differs from the file', task(md, { file_extension: 'markdown' }), 1069910],
        ['extra says another extension', task(await importSource('d.md', { obj_type: 'docx', file_extension: 'txt' })), 1069910],
        ['type differs from extra', task(md, { type: 'sheet' }), 1069911],
        ['md cannot be a sheet', task(await importSource('e.md', { obj_type: 'sheet', file_extension: 'md' }), { type: 'sheet' }), 1069911],
        ['unknown token', task('boxcnNotThereAtAll'), 1069907],
        ['unknown folder', task(md, { point: { mount_type: 1, mount_key: 'fldcnNope' } }), 1069912],
        ['unsupported extension', task(md, { file_extension: 'png' }), 1069904],
        ['bad type', task(md, { type: 'slides' }), 1069904],
      ];
      for (const [label, answer, code] of cases) assert.equal((await answer).body.code, code, label);
      const expired = await startEmulator({ importTokenTtlMs: 1 });
      try {
        const t = await tenantToken(expired);
        const bytes = Buffer.from('x');
        const up = await api(expired, '/open-apis/drive/v1/medias/upload_all', {
          token: t,
          form: form({ file_name: 'f.md', parent_type: 'ccm_import_open', size: '1', extra: '{"obj_type":"docx","file_extension":"md"}', file: bytes }),
        });
        await new Promise((r) => setTimeout(r, 10));
        const late = await api(expired, '/open-apis/drive/v1/import_tasks', {
          token: t,
          json: { file_extension: 'md', file_token: up.body.data?.file_token, type: 'docx', point: { mount_type: 1, mount_key: '' } },
        });
        assert.equal(late.body.code, 1069913);
      } finally {
        await expired.close();
      }
    });
  });

  void it('a fault can target one HTTP method on a path', async () => {
    const id = emu.createDocument();
    emu.injectFault({ kind: 'code', code: 1770032, status: 403, endpoint: `docx/v1/documents/${id}/blocks/`, method: 'PATCH' });
    assert.equal((await call(docs(id, `/blocks/${id}`))).body.code, 0, 'a GET on the same path is not hit');
    const patched = await call(docs(id, `/blocks/${id}`), { method: 'PATCH', json: { replace_image: { token: 'x' } } });
    assert.equal(patched.status, 403);
    assert.equal(patched.body.code, 1770032);
  });
});
