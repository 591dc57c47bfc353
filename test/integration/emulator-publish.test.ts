// The emulator's endpoints for publishing (document create, block listing, descendant, title update, drive
// delete) with their limits, codes and who may do what, over raw loopback HTTP.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startEmulator, type Emulator } from '../../src/emulator';
import { api, tenantToken, type Answer } from '../helpers/emulatorHttp';
import { userToken } from '../helpers/userToken';

type Wire = Record<string, unknown>;

const paragraph = (id: string, children: string[] = []): Wire => ({ block_id: id, block_type: 2, text: { elements: [{ text_run: { content: id } }] }, children });

void describe('emulator endpoints for publishing (loopback HTTP)', () => {
  let emu: Emulator;
  let token: string;
  const docs = (id: string, rest = ''): string => `/open-apis/docx/v1/documents/${id}${rest}`;
  const call = (path: string, init: { json?: unknown; method?: string } = {}): Promise<Answer> => api(emu, path, { token, ...init });

  before(async () => {
    emu = await startEmulator({ docxWritesPerSecond: 1000 });
    token = await tenantToken(emu);
  });
  after(() => emu.close());

  async function newDocument(title = 'Doc'): Promise<string> {
    const created = await call('/open-apis/docx/v1/documents', { json: { title } });
    assert.equal(created.body.code, 0);
    return (created.body.data!.document as Wire).document_id as string;
  }

  it('create: in the root folder or a folder given; an unknown folder is 1770002; a title over 800 characters 1770001', async () => {
    const folder = emu.addFolder();
    const created = await call('/open-apis/docx/v1/documents', { json: { title: 'Spec', folder_token: folder } });
    assert.equal(created.status, 200);
    const document = created.body.data!.document as Wire;
    assert.deepEqual({ ...document, document_id: undefined }, { document_id: undefined, revision_id: 1, title: 'Spec' });
    assert.equal(emu.getDocument(document.document_id as string)!.folderToken, folder);
    const root = await call('/open-apis/docx/v1/documents', { json: {} });
    assert.equal(emu.getDocument((root.body.data!.document as Wire).document_id as string)!.folderToken, emu.rootFolderToken);
    const missing = await call('/open-apis/docx/v1/documents', { json: { folder_token: 'fldcnMissing' } });
    assert.deepEqual([missing.status, missing.body.code], [404, 1770002]);
    const long = await call('/open-apis/docx/v1/documents', { json: { title: 'x'.repeat(801) } });
    assert.deepEqual([long.status, long.body.code], [400, 1770001]);
  });

  it('descendant: a tree at an index, every temporary id mapped to a real one; a repeated client_token inserts nothing', async () => {
    const id = await newDocument();
    const first = await call(docs(id, `/blocks/${id}/descendant?document_revision_id=-1`), { json: { index: 0, children_id: ['a'], descendants: [paragraph('a')] } });
    assert.equal(first.body.code, 0);
    const body = { index: 0, children_id: ['b', 'c'], descendants: [paragraph('b', ['b1']), paragraph('b1'), paragraph('c')] };
    const second = await call(docs(id, `/blocks/${id}/descendant?client_token=once`), { json: body });
    const data = second.body.data!;
    const relations = data.block_id_relations as { temporary_block_id: string; block_id: string }[];
    assert.deepEqual(relations.map((r) => r.temporary_block_id).sort(), ['b', 'b1', 'c']);
    assert.ok(relations.every((r) => /^\w{27}$/.test(r.block_id)));
    assert.deepEqual((data.children as Wire[]).map((c) => (c.text as { elements: { text_run: { content: string } }[] }).elements[0].text_run.content), ['b', 'c']);
    const repeat = await call(docs(id, `/blocks/${id}/descendant?client_token=once`), { json: body });
    assert.deepEqual(repeat.body.data, data);
    const real = new Map(relations.map((r) => [r.temporary_block_id, r.block_id]));
    assert.deepEqual(emu.getDocument(id)!.blocks[0].children.length, 3);
    assert.deepEqual(emu.getDocument(id)!.blocks[0].children.slice(0, 2), [real.get('b'), real.get('c')], 'index 0: before the earlier block');
    const nested = await call(docs(id, `/blocks/${real.get('b')!}/descendant`), { json: { children_id: ['d'], descendants: [paragraph('d')] } });
    assert.equal(nested.body.code, 0, 'under a block, the end by default');
    assert.equal(emu.getDocument(id)!.blocks.find((b) => b.blockId === real.get('b'))!.children.length, 2);
  });

  it('descendant limits: 1,001 blocks is 99992402 (HTTP 400); a bad index, an unknown parent or document, a deleted document', async () => {
    const id = await newDocument();
    const many = Array.from({ length: 1001 }, (_, i) => paragraph(`p${i}`));
    const tooMany = await call(docs(id, `/blocks/${id}/descendant`), { json: { children_id: many.map((b) => b.block_id), descendants: many } });
    assert.deepEqual([tooMany.status, tooMany.body.code, tooMany.body.error?.field_violations], [400, 99992402, [{ field: 'descendants', description: 'the max len is 1000' }]]);
    const thousand = many.slice(0, 1000);
    const ok = await call(docs(id, `/blocks/${id}/descendant`), { json: { children_id: thousand.map((b) => b.block_id), descendants: thousand } });
    assert.equal(ok.body.code, 0, '1,000 is allowed');
    const index = await call(docs(id, `/blocks/${id}/descendant`), { json: { index: 1001, children_id: ['x'], descendants: [paragraph('x')] } });
    assert.deepEqual([index.status, index.body.code], [400, 1770001]);
    const parent = await call(docs(id, '/blocks/nope/descendant'), { json: { children_id: ['x'], descendants: [paragraph('x')] } });
    assert.deepEqual([parent.status, parent.body.code], [404, 1770002]);
    assert.ok(emu.deleteDocument(id));
    const deleted = await call(docs(id, `/blocks/${id}/descendant`), { json: { children_id: ['x'], descendants: [paragraph('x')] } });
    assert.deepEqual([deleted.status, deleted.body.code], [400, 1770003]);
    assert.deepEqual((await call(docs(id))).body.code, 1770003);
    assert.deepEqual((await call(docs('never'))).body.code, 1770002);
  });

  it('block listing: reading order, the page first, page by page; a bad page_token is 1770022, a page_size over 500 1770001', async () => {
    const id = await newDocument('Listed');
    const blocks = [paragraph('a', ['a1', 'a2']), paragraph('a1'), paragraph('a2'), paragraph('b')];
    await call(docs(id, `/blocks/${id}/descendant`), { json: { children_id: ['a', 'b'], descendants: blocks } });
    const seen: string[] = [];
    let pageToken = '';
    let pages = 0;
    do {
      const page = await call(docs(id, `/blocks?page_size=2${pageToken ? `&page_token=${pageToken}` : ''}`));
      assert.equal(page.body.code, 0);
      for (const item of page.body.data!.items as Wire[]) seen.push(item.block_type === 1 ? 'page' : (item.text as { elements: { text_run: { content: string } }[] }).elements[0].text_run.content);
      pageToken = page.body.data!.has_more ? (page.body.data!.page_token as string) : '';
      pages++;
    } while (pageToken);
    assert.deepEqual(seen, ['page', 'a', 'a1', 'a2', 'b']);
    assert.equal(pages, 3);
    const first = await call(docs(id, '/blocks'));
    assert.deepEqual((first.body.data!.items as Wire[])[0].page, { elements: [{ text_run: { content: 'Listed' } }], style: {} }, 'the page block carries the title');
    assert.deepEqual((await call(docs(id, '/blocks?page_token=bogus'))).body.code, 1770022);
    assert.deepEqual((await call(docs(id, '/blocks?page_size=501'))).body.code, 1770001);
  });

  it('update_text_elements on the page block sets the title; on a block its text; on an image 1770025', async () => {
    const id = await newDocument('Old title');
    const inserted = await call(docs(id, `/blocks/${id}/descendant`), { json: { children_id: ['a', 'i'], descendants: [paragraph('a'), { block_id: 'i', block_type: 27, image: {}, children: [] }] } });
    const real = new Map((inserted.body.data!.block_id_relations as { temporary_block_id: string; block_id: string }[]).map((r) => [r.temporary_block_id, r.block_id]));
    const elements = [{ text_run: { content: 'New title' } }];
    assert.equal((await call(docs(id, `/blocks/${id}`), { method: 'PATCH', json: { update_text_elements: { elements } } })).body.code, 0);
    assert.equal(emu.getDocument(id)!.title, 'New title');
    assert.equal((await call(docs(id, `/blocks/${real.get('a')!}`), { method: 'PATCH', json: { update_text_elements: { elements } } })).body.code, 0);
    assert.deepEqual(emu.getDocument(id)!.blocks[1].content, { text: { elements } });
    const image = await call(docs(id, `/blocks/${real.get('i')!}`), { method: 'PATCH', json: { update_text_elements: { elements } } });
    assert.deepEqual([image.status, image.body.code], [400, 1770025]);
    const badSize = await call(docs(id, `/blocks/${real.get('i')!}`), { method: 'PATCH', json: { replace_image: { token: 'x', width: -1 } } });
    assert.equal(badSize.body.code, 1770013, 'the media check comes first');
  });

  it('descendant counts as a docx write: the 4th in a second is refused with 429 and 99991400', async () => {
    const limited = await startEmulator();
    try {
      const t = await tenantToken(limited);
      const id = limited.createDocument();
      const codes: number[] = [];
      for (let i = 0; i < 4; i++) {
        const answer = await api(limited, `/open-apis/docx/v1/documents/${id}/blocks/${id}/descendant`, { token: t, json: { children_id: ['a'], descendants: [paragraph('a')] } });
        codes.push(answer.status === 200 ? 0 : (answer.body.code as number));
      }
      assert.deepEqual(codes, [0, 0, 0, 99991400]);
      assert.deepEqual(limited.violations().map((v) => v.reason), ['docxDocument']);
    } finally {
      await limited.close();
    }
  });

  it('drive delete: a document goes (then 1061007), type is required (1061002), unknown tokens are 1061003; the control route too', async () => {
    const id = await newDocument();
    const deleted = await call(`/open-apis/drive/v1/files/${id}?type=docx`, { method: 'DELETE' });
    assert.deepEqual([deleted.status, deleted.body.code, deleted.body.data], [200, 0, {}]);
    assert.equal(emu.getDocument(id), undefined);
    assert.equal((await call(`/open-apis/drive/v1/files/${id}?type=docx`, { method: 'DELETE' })).body.code, 1061007);
    assert.equal((await call(`/open-apis/drive/v1/files/${id}`, { method: 'DELETE' })).body.code, 1061002);
    assert.equal((await call('/open-apis/drive/v1/files/nope?type=docx', { method: 'DELETE' })).body.code, 1061003);
    const other = await newDocument();
    assert.equal((await fetch(`${emu.url}/__emulator/documents/${other}`, { method: 'DELETE' })).status, 200);
    assert.equal((await fetch(`${emu.url}/__emulator/documents/${other}`, { method: 'DELETE' })).status, 404);
    assert.equal((await call(docs(other))).body.code, 1770003);
  });

  it("who: \"\" is the caller's own My Space, the caller owns what it makes, a folder it may not write is 1770032", async () => {
    const ada = emu.users()[0];
    const adaToken = await userToken(emu, ['docx:document', 'drive:drive.metadata:readonly', 'space:document:delete']);
    const asAda = (path: string, init: { json?: unknown; method?: string } = {}): Promise<Answer> => api(emu, path, { token: adaToken, ...init });
    const mine = await asAda('/open-apis/docx/v1/documents', { json: { title: 'Mine' } });
    const id = (mine.body.data!.document as Wire).document_id as string;
    assert.equal(emu.getDocument(id)!.folderToken, emu.rootFolderOf(ada.openId));
    const closed = emu.addFolder({ name: 'Closed', members: {} });
    const refused = await call('/open-apis/docx/v1/documents', { json: { folder_token: closed } });
    assert.deepEqual([refused.status, refused.body.code], [403, 1770032], 'the app, in a folder nobody shared with it');
    // Ada's document: the app may not delete it; she may. metas name its owner and give its tenant link.
    assert.equal((await call(`/open-apis/drive/v1/files/${id}?type=docx`, { method: 'DELETE' })).body.code, 1061004);
    const metas = await asAda('/open-apis/drive/v1/metas/batch_query', { json: { request_docs: [{ doc_token: id, doc_type: 'docx' }], with_url: true } });
    const meta = (metas.body.data!.metas as Wire[])[0];
    assert.deepEqual([meta.owner_id, meta.url], [ada.openId, `${emu.tenantUrl}/docx/${id}`]);
    assert.equal((await asAda(`/open-apis/drive/v1/files/${id}?type=docx`, { method: 'DELETE' })).body.code, 0);
  });
});
