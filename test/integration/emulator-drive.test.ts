// The emulator's Drive model over raw loopback HTTP, no client code in between: folder hierarchy, listing with
// pagination and order (as the lost-finish check reads it), create_folder with its rules and codes, metas
// batch_query, permission public settings and members, the per-app limits of these calls; the dropAnswer fault
// and where upload bytes went.
import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, it, test } from 'node:test';
import { startEmulator, type Emulator, type EmulatorOptions } from '../../src/emulator';
import { api, form, tenantToken } from '../helpers/emulatorHttp';
import { userToken } from '../helpers/userToken';

const FILES = '/open-apis/drive/v1/files';

function useEmulator(options: EmulatorOptions = {}): { emu: () => Emulator; token: () => string } {
  let emu: Emulator;
  let token = '';
  before(async () => {
    emu = await startEmulator(options);
    token = await tenantToken(emu);
  });
  after(() => emu.close());
  return { emu: () => emu, token: () => token };
}

async function mkdir(emu: Emulator, token: string, name: string, parent = ''): Promise<{ code?: number; status: number; folder: string; url: string }> {
  const a = await api(emu, `${FILES}/create_folder`, { token, json: { name, folder_token: parent } });
  return { code: a.body.code, status: a.status, folder: String(a.body.data?.token ?? ''), url: String(a.body.data?.url ?? '') };
}

async function upload(emu: Emulator, token: string, folder: string, name: string, bytes = Buffer.from('x')): Promise<string> {
  const a = await api(emu, `${FILES}/upload_all`, {
    token,
    form: form({ file_name: name, parent_type: 'explorer', parent_node: folder, size: String(bytes.length), file: bytes }),
  });
  assert.equal(a.body.code, 0, JSON.stringify(a.body));
  return String(a.body.data?.file_token);
}

/** Waits past the upload rules' 1-second window, so the next create_folder calls are not paced out. */
const nextWindow = (): Promise<void> => new Promise((r) => setTimeout(r, 1050));

describe('folders: create_folder and listing', () => {
  const { emu, token } = useEmulator({ tenantUrl: 'https://acme.feishu.cn' });

  test('create_folder makes a folder in the root ("") or in a folder, with a tenant link; the tree shows it', async () => {
    const top = await mkdir(emu(), token(), 'Reports');
    assert.equal(top.code, 0);
    assert.equal(top.url, `https://acme.feishu.cn/drive/folder/${top.folder}`);
    const sub = await mkdir(emu(), token(), '2026 Q1', top.folder);
    assert.equal(sub.code, 0);
    const tree = emu().folderTree(top.folder);
    assert.deepEqual(tree, { token: top.folder, name: 'Reports', folders: [{ token: sub.folder, name: '2026 Q1', folders: [], files: [] }], files: [] });
    assert.ok(emu().folderTree()?.folders.some((f) => f.token === top.folder), 'in the root');
  });

  test('name rules: empty, over 256 bytes, a missing folder_token; an unknown parent is 1061003', async () => {
    await nextWindow();
    assert.equal((await mkdir(emu(), token(), '')).code, 1061002);
    assert.equal((await mkdir(emu(), token(), '文'.repeat(86))).code, 1061002, '258 bytes');
    assert.equal((await mkdir(emu(), token(), '文'.repeat(85) + 'a')).code, 0, '256 bytes is fine');
    const noParent = await api(emu(), `${FILES}/create_folder`, { token: token(), json: { name: 'x' } });
    assert.equal(noParent.body.code, 1061002);
    await nextWindow();
    const unknown = await mkdir(emu(), token(), 'x', 'fldcnNotThere');
    assert.equal(unknown.code, 1061003);
    assert.equal(unknown.status, 404);
  });

  test('listing: pages of page_size up to 200, next_page_token until has_more is false; folders and files with links', async () => {
    const parent = emu().addFolder({ name: 'Many' });
    for (let i = 0; i < 5; i++) emu().addFolder({ name: `sub ${i}`, parent });
    const fileToken = await upload(emu(), token(), parent, 'a.txt');
    const seen: string[] = [];
    let pageToken = '';
    let calls = 0;
    for (;;) {
      const a = await api(emu(), `${FILES}?folder_token=${parent}&page_size=2${pageToken ? `&page_token=${pageToken}` : ''}`, { token: token() });
      assert.equal(a.body.code, 0, JSON.stringify(a.body));
      calls++;
      const files = a.body.data?.files as { token: string; name: string; type: string; parent_token: string; url: string }[];
      assert.ok(files.length <= 2);
      for (const f of files) {
        assert.equal(f.parent_token, parent);
        seen.push(`${f.type}:${f.name}`);
      }
      if (!a.body.data?.has_more) {
        assert.equal(a.body.data?.next_page_token, undefined);
        break;
      }
      pageToken = String(a.body.data.next_page_token);
    }
    assert.equal(calls, 3);
    assert.deepEqual(seen, ['folder:sub 0', 'folder:sub 1', 'folder:sub 2', 'folder:sub 3', 'folder:sub 4', 'file:a.txt']);
    const one = await api(emu(), `${FILES}?folder_token=${parent}&page_size=200`, { token: token() });
    const file = (one.body.data?.files as { token: string; url: string }[]).find((f) => f.token === fileToken);
    assert.equal(file?.url, `https://acme.feishu.cn/file/${fileToken}`);
  });

  test('the root comes back whole, without paging, whatever page_size says', async () => {
    for (let i = 0; i < 3; i++) emu().addFolder({ name: `root item ${i}`, owner: 'app' });
    const a = await api(emu(), `${FILES}?page_size=1`, { token: token() });
    assert.equal(a.body.code, 0);
    assert.equal(a.body.data?.has_more, false);
    assert.ok((a.body.data?.files as unknown[]).length >= 4);
  });

  test('listing errors: page size out of range 1064001, bad order_by 99992402, unknown folder 1061003, foreign page token 1061002', async () => {
    const parent = emu().addFolder();
    assert.equal((await api(emu(), `${FILES}?folder_token=${parent}&page_size=201`, { token: token() })).body.code, 1064001);
    assert.equal((await api(emu(), `${FILES}?folder_token=${parent}&page_size=0`, { token: token() })).body.code, 1064001);
    const order = await api(emu(), `${FILES}?folder_token=${parent}&order_by=editedtime`, { token: token() });
    assert.equal(order.body.code, 99992402);
    assert.equal(order.body.error?.field_violations?.[0]?.field, 'order_by');
    assert.equal((await api(emu(), `${FILES}?folder_token=nope`, { token: token() })).body.code, 1061003);
    assert.equal((await api(emu(), `${FILES}?folder_token=${parent}&page_token=abc`, { token: token() })).body.code, 1061002);
  });

  test('order_by CreatedTime DESC reverses the creation order', async () => {
    const parent = emu().addFolder();
    emu().addFolder({ name: 'first', parent });
    await new Promise((r) => setTimeout(r, 5));
    emu().addFolder({ name: 'second', parent });
    const a = await api(emu(), `${FILES}?folder_token=${parent}&order_by=CreatedTime&direction=DESC`, { token: token() });
    assert.deepEqual((a.body.data?.files as { name: string }[]).map((f) => f.name), ['second', 'first']);
  });

  test('control API: POST /__emulator/folders with a name and parent, GET /__emulator/tree', async () => {
    const made = (await (await fetch(`${emu().url}/__emulator/folders`, { method: 'POST', body: JSON.stringify({ name: 'Team' }) })).json()) as { token: string; url: string };
    assert.equal(made.url, `https://acme.feishu.cn/drive/folder/${made.token}`);
    await (await fetch(`${emu().url}/__emulator/folders`, { method: 'POST', body: JSON.stringify({ name: 'Inner', parent: made.token }) })).json();
    const tree = (await (await fetch(`${emu().url}/__emulator/tree/${made.token}`)).json()) as { name: string; folders: { name: string }[] };
    assert.equal(tree.name, 'Team');
    assert.deepEqual(tree.folders.map((f) => f.name), ['Inner']);
    assert.equal((await fetch(`${emu().url}/__emulator/tree/nope`)).status, 404);
    const bad = await fetch(`${emu().url}/__emulator/folders`, { method: 'POST', body: JSON.stringify({ parent: 'nope' }) });
    assert.equal(bad.status, 400);
  });
});

describe('folders: limits and pacing', () => {
  const { emu, token } = useEmulator({ folderLimits: { maxChildren: 3, maxDepth: 2, maxNodes: 50 }, createFoldersPerDay: 40, apiLimits: { list: [{ calls: 3, windowMs: 1000 }] } });

  test('1500 children (here 3) → 1062507; 15 levels (here 2) → 1062506', async () => {
    const parent = emu().addFolder();
    for (let i = 0; i < 3; i++) emu().addFolder({ name: `c${i}`, parent });
    const full = await mkdir(emu(), token(), 'one more', parent);
    assert.equal(full.code, 1062507);
    assert.equal(full.status, 400);
    const level1 = emu().addFolder();
    const level2 = emu().addFolder({ parent: level1 });
    assert.equal((await mkdir(emu(), token(), 'too deep', level2)).code, 1062506);
  });

  test('create_folder calls in flight together, or more than 5 a second, get 1061045 and count as violations', async () => {
    const fresh = await startEmulator();
    try {
      const t = await tenantToken(fresh);
      const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => mkdir(fresh, t, `parallel ${i}`)));
      const codes = answers.map((a) => a.code);
      assert.ok(codes.includes(1061045) && codes.includes(0), JSON.stringify(codes));
      assert.equal(fresh.violations().length, codes.filter((c) => c === 1061045).length);
      assert.ok(fresh.violations().every((v) => v.endpoint === 'drive/v1/files/create_folder' && ['qps', 'concurrency'].includes(v.reason)));
    } finally {
      await fresh.close();
    }
  });

  test('a listing over the per-app limit gets 99991400 with the gateway headers, recorded as apiRate', async () => {
    await nextWindow();
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await api(emu(), FILES, { token: token() }));
    assert.deepEqual(answers.map((a) => a.body.code), [0, 0, 0, 99991400]);
    assert.equal(answers[3].status, 429);
    assert.equal(answers[3].headers.get('x-ogw-ratelimit-limit'), '3');
    assert.equal(answers[3].headers.get('x-ogw-ratelimit-reset'), '1');
    assert.ok(emu().violations().some((v) => v.reason === 'apiRate' && v.endpoint === 'drive/v1/files'));
  });

  test('the space-wide node limit → 1062505; the daily quota → 1061045', async () => {
    const big = await startEmulator({ folderLimits: { maxNodes: 1 }, createFoldersPerDay: 2 });
    try {
      const t = await tenantToken(big);
      assert.equal((await mkdir(big, t, 'one')).code, 0);
      await nextWindow();
      assert.equal((await mkdir(big, t, 'two')).code, 1062505);
      await nextWindow();
      const third = await mkdir(big, t, 'three');
      assert.equal(third.code, 1061045, 'two calls today already');
    } finally {
      await big.close();
    }
  });
});

describe('metas batch_query', () => {
  const { emu, token } = useEmulator({ tenantUrl: 'https://acme.feishu.cn/' });
  const META = '/open-apis/drive/v1/metas/batch_query';

  test('with_url: the tenant links of files, folders and documents; unknown tokens and types in failed_list', async () => {
    const folder = emu().addFolder({ name: 'Shared' });
    const file = await upload(emu(), token(), folder, 'plan.pdf');
    const doc = emu().createDocument({ title: 'Notes' });
    const a = await api(emu(), META, {
      token: token(),
      json: {
        with_url: true,
        request_docs: [
          { doc_token: file, doc_type: 'file' },
          { doc_token: folder, doc_type: 'folder' },
          { doc_token: doc, doc_type: 'docx' },
          { doc_token: 'nope', doc_type: 'file' },
          { doc_token: file, doc_type: 'spreadsheet' },
        ],
      },
    });
    assert.equal(a.body.code, 0);
    const metas = a.body.data?.metas as { doc_token: string; title: string; url: string; create_time: string }[];
    assert.deepEqual(
      metas.map((m) => [m.doc_token, m.title, m.url]),
      [
        [file, 'plan.pdf', `https://acme.feishu.cn/file/${file}`],
        [folder, 'Shared', `https://acme.feishu.cn/drive/folder/${folder}`],
        [doc, 'Notes', `https://acme.feishu.cn/docx/${doc}`],
      ],
    );
    assert.match(metas[0].create_time, /^\d{10}$/);
    assert.deepEqual(a.body.data?.failed_list, [
      { token: 'nope', code: 970005 },
      { token: file, code: 970002 },
    ]);
    const noUrl = await api(emu(), META, { token: token(), json: { request_docs: [{ doc_token: file, doc_type: 'file' }] } });
    assert.equal((noUrl.body.data?.metas as { url?: string }[])[0].url, undefined, 'no url without with_url');
  });

  test('more than 200 documents, or none, are refused', async () => {
    const many = Array.from({ length: 201 }, (_, i) => ({ doc_token: `t${i}`, doc_type: 'file' }));
    assert.equal((await api(emu(), META, { token: token(), json: { request_docs: many } })).body.code, 99992402);
    assert.equal((await api(emu(), META, { token: token(), json: { request_docs: [] } })).body.code, 1061002);
  });
});

describe('permissions: link sharing and collaborators', () => {
  const { emu, token } = useEmulator();
  const pub = (t: string, type = 'file'): string => `/open-apis/drive/v2/permissions/${t}/public?type=${type}`;
  const members = (t: string, type = 'file'): string => `/open-apis/drive/v1/permissions/${t}/members?type=${type}&need_notification=false`;

  test('PATCH public sets link sharing incrementally; anyone_* needs external access open (91010), sent along it works', async () => {
    const file = await upload(emu(), token(), emu().rootFolderToken, 'shared.txt');
    const a = await api(emu(), pub(file), { token: token(), method: 'PATCH', json: { link_share_entity: 'tenant_readable' } });
    assert.equal(a.body.code, 0, JSON.stringify(a.body));
    assert.equal((a.body.data?.permission_public as Record<string, string>).link_share_entity, 'tenant_readable');
    assert.equal(emu().publicSettings(file).link_share_entity, 'tenant_readable');
    const closed = await api(emu(), pub(file), { token: token(), method: 'PATCH', json: { link_share_entity: 'anyone_readable' } });
    assert.equal(closed.body.code, 91010);
    const open = await api(emu(), pub(file), { token: token(), method: 'PATCH', json: { external_access_entity: 'open', link_share_entity: 'anyone_readable' } });
    assert.equal(open.body.code, 0);
    assert.equal(emu().publicSettings(file).external_access_entity, 'open');
    const state = (await (await fetch(`${emu().url}/__emulator/permissions/${file}`)).json()) as { public: Record<string, string> };
    assert.equal(state.public.link_share_entity, 'anyone_readable');
  });

  test('PATCH public refuses bad values and unknown documents with 1063001, and folders (not in the PATCH enum)', async () => {
    const file = await upload(emu(), token(), emu().rootFolderToken, 'x.txt');
    assert.equal((await api(emu(), pub(file), { token: token(), method: 'PATCH', json: { link_share_entity: 'everyone' } })).body.code, 1063001);
    assert.equal((await api(emu(), pub('nope'), { token: token(), method: 'PATCH', json: { link_share_entity: 'closed' } })).body.code, 1063001);
    assert.equal((await api(emu(), pub(emu().addFolder(), 'folder'), { token: token(), method: 'PATCH', json: {} })).body.code, 1063001);
  });

  test('members: a user becomes a collaborator; a lower grant over a higher one is 1063003; a bad member type 1063001', async () => {
    const file = await upload(emu(), token(), emu().rootFolderToken, 'for-user.txt');
    const grant = (perm: string, memberType = 'openid'): Promise<{ body: { code?: number } }> =>
      api(emu(), members(file), { token: token(), json: { member_type: memberType, member_id: 'ou_1', perm, type: 'user' } });
    assert.equal((await grant('full_access')).body.code, 0);
    assert.deepEqual(emu().collaborators(file), [{ memberType: 'openid', memberId: 'ou_1', perm: 'full_access', type: 'user' }]);
    assert.equal((await grant('view')).body.code, 1063003);
    assert.equal((await grant('edit', 'phone')).body.code, 1063001);
    const folder = (await mkdir(emu(), token(), 'app folder')).folder;
    const onFolder = await api(emu(), members(folder, 'folder'), { token: token(), json: { member_type: 'openid', member_id: 'ou_1', perm: 'full_access', type: 'user' } });
    assert.equal(onFolder.body.code, 0);
    assert.equal(emu().collaborators(folder)[0].perm, 'full_access');
  });

  test("only the owner (or a full_access collaborator) may change sharing: another identity's file is 1063002", async () => {
    const other = await startEmulator({ userAccessTokens: ['u-someone'] });
    try {
      const file = await upload(other, 'u-someone', other.rootFolderOf(other.users()[0].openId), 'theirs.txt');
      const t = await tenantToken(other);
      const a = await api(other, pub(file), { token: t, method: 'PATCH', json: { link_share_entity: 'tenant_readable' } });
      assert.equal(a.body.code, 1063002);
      assert.equal(a.status, 403);
    } finally {
      await other.close();
    }
  });

  test('a tenant that forbids sharing outside it answers anyone_* with 91009', async () => {
    const strict = await startEmulator({ externalSharing: false });
    try {
      const t = await tenantToken(strict);
      const file = await upload(strict, t, strict.rootFolderToken, 'a.txt');
      const a = await api(strict, pub(file), { token: t, method: 'PATCH', json: { external_access_entity: 'open', link_share_entity: 'anyone_readable' } });
      assert.equal(a.body.code, 91009);
      const inside = await api(strict, pub(file), { token: t, method: 'PATCH', json: { link_share_entity: 'tenant_editable' } });
      assert.equal(inside.body.code, 0);
    } finally {
      await strict.close();
    }
  });

  test('over the per-app limit: public settings get 99991400, members their own 1063006 (HTTP 429)', async () => {
    const limited = await startEmulator({ apiLimits: { public: [{ calls: 1, windowMs: 60_000 }], members: [{ calls: 1, windowMs: 60_000 }] } });
    try {
      const t = await tenantToken(limited);
      const file = await upload(limited, t, limited.rootFolderToken, 'a.txt');
      const patch = (): Promise<{ status: number; body: { code?: number } }> => api(limited, pub(file), { token: t, method: 'PATCH', json: { link_share_entity: 'tenant_readable' } });
      assert.equal((await patch()).body.code, 0);
      const second = await patch();
      assert.equal(second.body.code, 99991400);
      assert.equal(second.status, 429);
      const add = (): Promise<{ status: number; body: { code?: number } }> => api(limited, members(file), { token: t, json: { member_type: 'openid', member_id: 'ou_2', perm: 'view' } });
      assert.equal((await add()).body.code, 0);
      const again = await add();
      assert.equal(again.body.code, 1063006);
      assert.equal(again.status, 429);
    } finally {
      await limited.close();
    }
  });
});

describe('identities: each one its My Space, and who may list, make folders and share where', () => {
  const { emu, token } = useEmulator();
  const FOLDER_SCOPES = ['drive:file:upload', 'space:document:retrieve', 'space:folder:create', 'drive:drive.metadata:readonly'];

  test("listing \"\" and create_folder \"\" are the caller's own My Space: the app's and the person's are apart", async () => {
    const ada = await userToken(emu(), FOLDER_SCOPES);
    const adaId = emu().users()[0].openId;
    assert.equal((await mkdir(emu(), ada, 'Ada made this')).code, 0);
    assert.equal((await mkdir(emu(), token(), 'The app made this')).code, 0);
    const names = async (t: string): Promise<string[]> => ((await api(emu(), FILES, { token: t })).body.data?.files as { name: string }[]).map((f) => f.name);
    assert.deepEqual(await names(ada), ['Ada made this']);
    assert.ok((await names(token())).includes('The app made this') && !(await names(token())).includes('Ada made this'));
    assert.ok(emu().folderTree(emu().rootFolderOf(adaId))?.folders.some((f) => f.name === 'Ada made this'));
  });

  test('a folder nobody shared with the app: listing and create_folder are 1061004; view lets it list, not make', async () => {
    const closed = emu().addFolder({ name: 'Closed', members: {} });
    const list = await api(emu(), `${FILES}?folder_token=${closed}`, { token: token() });
    assert.equal(list.body.code, 1061004);
    assert.equal(list.status, 403);
    assert.equal((await mkdir(emu(), token(), 'x', closed)).code, 1061004);
    emu().shareFolder(closed, 'app', 'view');
    assert.equal((await api(emu(), `${FILES}?folder_token=${closed}`, { token: token() })).body.code, 0);
    assert.equal((await mkdir(emu(), token(), 'x', closed)).code, 1061004, 'view is not edit');
    // Sharing reaches down: a folder inside one shared to edit takes the app's new folders.
    const shared = emu().addFolder({ name: 'Shared' });
    const inner = emu().addFolder({ name: 'Inner', parent: shared, members: {} });
    assert.equal((await mkdir(emu(), token(), 'deeper', inner)).code, 0);
  });

  test("the members API on a folder adds a collaborator the write check reads (the owner shares it with the app's id)", async () => {
    await nextWindow();
    const ada = await userToken(emu(), [...FOLDER_SCOPES, 'docs:permission.member:create']);
    const made = await mkdir(emu(), ada, 'Ada shares this');
    assert.equal((await mkdir(emu(), token(), 'not yet', made.folder)).code, 1061004);
    const share = await api(emu(), `/open-apis/drive/v1/permissions/${made.folder}/members?type=folder`, {
      token: ada,
      json: { member_type: 'appid', member_id: emu().appId, perm: 'edit' },
    });
    assert.equal(share.body.code, 0, JSON.stringify(share.body));
    assert.deepEqual(emu().collaborators(made.folder), [{ memberType: 'appid', memberId: emu().appId, perm: 'edit', type: '' }]);
    await nextWindow();
    assert.equal((await mkdir(emu(), token(), 'now it can', made.folder)).code, 0);
    // And metas of it: readable by the app now, 970003 for a folder it cannot see.
    const closed = emu().addFolder({ name: 'Still closed', members: {} });
    const metas = await api(emu(), '/open-apis/drive/v1/metas/batch_query', {
      token: token(),
      json: { request_docs: [{ doc_token: made.folder, doc_type: 'folder' }, { doc_token: closed, doc_type: 'folder' }], with_url: true },
    });
    assert.deepEqual((metas.body.data?.metas as { title: string }[]).map((m) => m.title), ['Ada shares this']);
    assert.deepEqual(metas.body.data?.failed_list, [{ token: closed, code: 970003 }]);
  });

  test('a signed-in person who did not grant the folder scopes gets 99991679 naming them', async () => {
    // Someone new: grants add up per person, and Ada granted the folder scopes above.
    const bo = emu().addUser({ name: 'Bo Chen' });
    emu().actAs(bo.openId);
    const narrow = await userToken(emu(), ['drive:file:upload']);
    const list = await api(emu(), FILES, { token: narrow });
    assert.equal(list.body.code, 99991679);
    assert.match(String(list.body.error?.message), /space:document:retrieve/);
    const make = await mkdir(emu(), narrow, 'x');
    assert.equal(make.code, 99991679);
  });
});

const BLOCK = 1024;

describe('listing files as the lost-finish check reads it', () => {
  let emu: Emulator;
  let token = '';
  before(async () => {
    emu = await startEmulator({ blockSize: BLOCK, tenantUrl: 'https://acme.feishu.cn' });
    token = await tenantToken(emu);
  });
  after(() => emu.close());

  async function uploadAll(folder: string, name: string): Promise<string> {
    const bytes = Buffer.from(name);
    const answer = await api(emu, '/open-apis/drive/v1/files/upload_all', {
      token,
      form: form({ file_name: name, parent_type: 'explorer', parent_node: folder, size: String(bytes.length), file: bytes }),
    });
    assert.equal(answer.body.code, 0, JSON.stringify(answer.body));
    // Rate rule: 5 per second per endpoint.
    await new Promise((r) => setTimeout(r, 210));
    return answer.body.data?.file_token as string;
  }

  it('the files of one folder, paged in CreatedTime order, with Feishu\'s fields (created_time in seconds)', async () => {
    const folder = emu.addFolder();
    const tokens = [];
    for (const name of ['a.txt', 'b.txt', 'c.txt']) tokens.push(await uploadAll(folder, name));
    await uploadAll(emu.addFolder(), 'elsewhere.txt');
    const first = await api(emu, `/open-apis/drive/v1/files?folder_token=${folder}&page_size=2&order_by=CreatedTime&direction=ASC`, { token });
    assert.equal(first.body.code, 0);
    const page1 = first.body.data as { files: Record<string, unknown>[]; has_more: boolean; next_page_token: string };
    assert.deepEqual(page1.files.map((f) => f.name), ['a.txt', 'b.txt']);
    assert.equal(page1.has_more, true);
    const f = page1.files[0];
    assert.deepEqual(Object.keys(f).sort(), ['created_time', 'modified_time', 'name', 'owner_id', 'parent_token', 'token', 'type', 'url']);
    assert.equal(f.token, tokens[0]);
    assert.equal(f.type, 'file');
    assert.equal(f.parent_token, folder);
    assert.equal(f.url, `https://acme.feishu.cn/file/${tokens[0]}`);
    assert.match(String(f.created_time), /^\d{10}$/);
    const second = await api(emu, `/open-apis/drive/v1/files?folder_token=${folder}&page_size=2&order_by=CreatedTime&direction=ASC&page_token=${page1.next_page_token}`, { token });
    const page2 = second.body.data as { files: { name: string }[]; has_more: boolean; next_page_token?: string };
    assert.deepEqual(page2.files.map((x) => x.name), ['c.txt']);
    assert.equal(page2.has_more, false);
    assert.equal(page2.next_page_token, undefined);
    const newest = await api(emu, `/open-apis/drive/v1/files?folder_token=${folder}&order_by=CreatedTime&direction=DESC`, { token });
    assert.deepEqual((newest.body.data as { files: { name: string }[] }).files.map((x) => x.name), ['c.txt', 'b.txt', 'a.txt']);
  });

  it('the root answers everything at once; bad queries get Feishu\'s codes', async () => {
    for (let i = 0; i < 3; i++) await uploadAll(emu.rootFolderToken, `root-${i}.txt`);
    const root = await api(emu, '/open-apis/drive/v1/files?page_size=1', { token });
    assert.equal((root.body.data as { files: { name: string }[]; has_more: boolean }).files.filter((f) => f.name.startsWith('root-')).length, 3);
    // Paging is for folders other than the root (the root ignores page_size and page_token).
    const folder = emu.addFolder();
    const cases: [string, number, number][] = [
      [`folder_token=${folder}&page_size=0`, 400, 1064001],
      [`folder_token=${folder}&page_size=201`, 400, 1064001],
      ['order_by=createdtime', 400, 99992402],
      ['direction=UP', 400, 99992402],
      [`folder_token=${folder}&page_token=bm9wZQ`, 400, 1061002],
      ['folder_token=fldcnNope', 404, 1061003],
    ];
    for (const [query, status, code] of cases) {
      const answer = await api(emu, `/open-apis/drive/v1/files?${query}`, { token });
      assert.deepEqual([answer.status, answer.body.code], [status, code], query);
    }
    assert.equal((await api(emu, '/open-apis/drive/v1/files')).body.code, 99991661, 'a token is needed');
  });
});

describe('emulator: dropAnswer and the byte accounting', () => {
  let emu: Emulator;
  let token = '';
  beforeEach(async () => {
    emu = await startEmulator({ blockSize: BLOCK });
    token = await tenantToken(emu);
  });
  afterEach(() => emu.close());

  const part = (uploadId: string, seq: number, bytes: Buffer): Promise<Awaited<ReturnType<typeof api>>> =>
    api(emu, '/open-apis/drive/v1/files/upload_part', { token, form: form({ upload_id: uploadId, seq: String(seq), size: String(bytes.length), file: bytes }) });

  it('dropAnswer: the part is stored, the connection cut without an answer; sending it again stores it twice', async () => {
    const prepared = await api(emu, '/open-apis/drive/v1/files/upload_prepare', {
      token,
      json: { file_name: 'x.bin', parent_type: 'explorer', parent_node: emu.rootFolderToken, size: 2 * BLOCK },
    });
    const uploadId = prepared.body.data?.upload_id as string;
    emu.injectFault({ kind: 'dropAnswer', endpoint: 'upload_part' });
    await assert.rejects(part(uploadId, 0, Buffer.alloc(BLOCK, 1)), 'no answer');
    await new Promise((r) => setTimeout(r, 210));
    assert.equal((await part(uploadId, 0, Buffer.alloc(BLOCK, 1))).body.code, 0);
    await new Promise((r) => setTimeout(r, 210));
    assert.equal((await part(uploadId, 1, Buffer.alloc(BLOCK, 2))).body.code, 0);
    let stats = emu.stats();
    assert.equal(stats.faults.dropAnswer, 1);
    assert.equal(stats.faultsByEndpoint['dropAnswer drive/v1/files/upload_part'], 1);
    assert.deepEqual(
      { stored: stats.uploadBytes.stored, duplicate: stats.uploadBytes.duplicate, dropped: stats.uploadBytes.answerDropped, open: stats.uploadBytes.open },
      { stored: 2 * BLOCK, duplicate: BLOCK, dropped: BLOCK, open: 2 * BLOCK },
    );
    assert.ok(stats.uploadBytes.received > 3 * BLOCK, 'framing included');

    emu.injectFault({ kind: 'dropAnswer', endpoint: 'upload_finish' });
    await assert.rejects(api(emu, '/open-apis/drive/v1/files/upload_finish', { token, json: { upload_id: uploadId, block_num: 2 } }));
    assert.equal(emu.listFiles().length, 1, 'the finish was done');
    const again = await api(emu, '/open-apis/drive/v1/files/upload_finish', { token, json: { upload_id: uploadId, block_num: 2 } });
    assert.equal(again.body.code, 1061002, 'a spent upload_id is unknown');
    stats = emu.stats();
    assert.equal(stats.uploadBytes.open, 0);
  });

  it('expired, faulted and refused bytes are counted apart', async () => {
    const prepared = await api(emu, '/open-apis/drive/v1/files/upload_prepare', {
      token,
      json: { file_name: 'y.bin', parent_type: 'explorer', parent_node: emu.rootFolderToken, size: 2 * BLOCK },
    });
    const uploadId = prepared.body.data?.upload_id as string;
    assert.equal((await part(uploadId, 0, Buffer.alloc(BLOCK, 1))).body.code, 0);
    await new Promise((r) => setTimeout(r, 210));
    emu.injectFault({ kind: 'http500', endpoint: 'upload_part' });
    assert.equal((await part(uploadId, 1, Buffer.alloc(BLOCK, 2))).status, 500);
    const faulted = emu.stats().uploadBytes.faulted;
    assert.ok(faulted > BLOCK && faulted < BLOCK + 1024, `faulted ${faulted}: the body as sent`);
    emu.expireUploads();
    await new Promise((r) => setTimeout(r, 210));
    assert.equal((await part(uploadId, 1, Buffer.alloc(BLOCK, 2))).body.code, 1061021);
    const stats = emu.stats().uploadBytes;
    assert.equal(stats.expired, BLOCK);
    assert.ok(stats.refused > BLOCK, 'the refused part');
    assert.equal(stats.open, 0);
  });
});
