// The emulator over real loopback HTTP: auth, every validation code, byte-exact storage and the control API.
// Rate/concurrency rules, faults, shaping and expiry live in emulator-rules.test.ts.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { Agent, request } from 'node:http';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { buf as adler32 } from 'adler-32';
import { startEmulator, type Emulator } from '../../src/emulator';
import { api, form, tenantToken, type Answer } from '../helpers/emulatorHttp';

function unsignedAdler(bytes: Buffer): string {
  return (adler32(bytes) >>> 0).toString();
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function pattern(size: number, seed = 1): Buffer {
  const out = Buffer.alloc(size);
  for (let i = 0; i < size; i++) out[i] = (i * 31 + seed * 17 + (i >> 8)) & 0xff;
  return out;
}

const MEDIAS = '/open-apis/drive/v1/medias';
const FILES = '/open-apis/drive/v1/files';
const BLOCK = 1024;

void describe('emulator (loopback HTTP)', () => {
  let emu: Emulator;
  let token: string;
  let parent: string;
  let folder: string;

  before(async () => {
    // High qps: these tests are about validation, not pacing.
    emu = await startEmulator({ qps: 1000, blockSize: BLOCK, userAccessTokens: ['u-alice'] });
    token = await tenantToken(emu);
    parent = emu.addMediaParent();
    folder = emu.addFolder();
  });
  after(() => emu.close());

  void describe('auth', () => {
    void it('issues tenant tokens (flat body) and hands back the same one while it is fresh', async () => {
      const path = '/open-apis/auth/v3/tenant_access_token/internal';
      const first = await api(emu, path, { json: { app_id: emu.appId, app_secret: emu.appSecret } });
      assert.equal(first.status, 200);
      assert.equal(first.body.code, 0);
      assert.equal(first.body.msg, 'ok');
      assert.match(first.body.tenant_access_token as string, /^t-[A-Za-z0-9]+$/);
      assert.equal(first.body.expire, 7200);
      assert.equal(first.body.data, undefined);
      assert.ok(first.headers.get('x-tt-logid'));
      const second = await api(emu, path, { json: { app_id: emu.appId, app_secret: emu.appSecret } });
      assert.equal(second.body.tenant_access_token, first.body.tenant_access_token);
    });

    void it('issues app tokens with a tenant token alongside; app tokens do not open Drive APIs', async () => {
      const answer = await api(emu, '/open-apis/auth/v3/app_access_token/internal', { json: { app_id: emu.appId, app_secret: emu.appSecret } });
      assert.equal(answer.body.code, 0);
      assert.match(answer.body.app_access_token as string, /^a-/);
      assert.match(answer.body.tenant_access_token as string, /^t-/);
      const meta = await api(emu, '/open-apis/drive/explorer/v2/root_folder/meta', { token: answer.body.app_access_token as string });
      assert.equal(meta.body.code, 99991663);
    });

    const credentialCases: Array<[string, unknown, number]> = [
      ['missing app_secret', { app_id: 'cli_emulator' }, 10003],
      ['empty body', undefined, 10003],
      ['unknown app_id', { app_id: 'cli_other', app_secret: 'emulator-secret' }, 10014],
      ['wrong secret', { app_id: 'cli_emulator', app_secret: 'nope' }, 10015],
    ];
    for (const [name, json, code] of credentialCases) {
      void it(`token request with ${name} → ${code}`, async () => {
        const answer = await api(emu, '/open-apis/auth/v3/tenant_access_token/internal', json === undefined ? { method: 'POST' } : { json });
        assert.equal(answer.status, 400);
        assert.equal(answer.body.code, code);
        assert.equal(answer.body.error?.log_id, answer.headers.get('x-tt-logid'));
      });
    }

    const headerCases: Array<[string, string | undefined, number]> = [
      ['no Authorization', undefined, 99991661],
      ['a Basic scheme', 'Basic abc', 99991661],
      ['a blank Bearer', 'Bearer ', 99991661],
      ['an unknown tenant token', 'Bearer t-unknown', 99991663],
      ['an unknown user token', 'Bearer u-bob', 99991668],
    ];
    for (const [name, header, code] of headerCases) {
      void it(`Drive call with ${name} → ${code} (HTTP 400)`, async () => {
        const answer = await api(emu, '/open-apis/drive/explorer/v2/root_folder/meta', { headers: header === undefined ? {} : { Authorization: header } });
        assert.equal(answer.status, 400);
        assert.equal(answer.body.code, code);
        assert.ok(answer.body.error?.message);
        assert.equal(answer.body.error?.log_id, answer.headers.get('x-tt-logid'));
      });
    }

    void it('accepts configured user tokens and tenant tokens for root_folder/meta: each identity has its own My Space', async () => {
      const user = emu.users()[0];
      for (const [bearer, root] of [
        [token, emu.rootFolderToken],
        ['u-alice', emu.rootFolderOf(user.openId)],
      ]) {
        const answer = await api(emu, '/open-apis/drive/explorer/v2/root_folder/meta', { token: bearer });
        assert.equal(answer.status, 200);
        assert.equal(answer.body.code, 0);
        assert.equal(answer.body.data?.token, root);
        assert.match(answer.body.data?.id as string, /^\d+$/);
        assert.match(answer.body.data?.user_id as string, /^\d+$/);
      }
      assert.notEqual(emu.rootFolderToken, emu.rootFolderOf(user.openId));
      assert.equal(emu.rootFolderOf('app'), emu.rootFolderToken);
    });

    void it('answers unknown routes with 404', async () => {
      const answer = await api(emu, '/open-apis/drive/v1/nothing', { token });
      assert.equal(answer.status, 404);
      assert.ok(answer.headers.get('x-tt-logid'));
    });
  });

  void describe('upload_all', () => {
    const good = (): Record<string, string | Buffer | undefined> => ({
      file_name: 'hello.txt',
      parent_type: 'docx_file',
      parent_node: parent,
      size: '5',
      file: Buffer.from('hello'),
    });
    // [name, endpoint family, overrides, code, HTTP status]
    const cases: Array<[string, 'medias' | 'files', Record<string, string | Buffer | undefined>, number, number]> = [
      ['an empty file_name', 'medias', { file_name: '' }, 1061008, 400],
      ['a 251-char file_name', 'medias', { file_name: 'x'.repeat(251) }, 1061008, 400],
      ['no file_name', 'medias', { file_name: undefined }, 1061008, 400],
      ['a parent_type outside the enum', 'medias', { parent_type: 'slide_file' }, 1061002, 400],
      ['an unknown parent_node', 'medias', { parent_node: 'doxcnNOPE' }, 1061044, 400],
      ['no parent_node', 'medias', { parent_node: undefined }, 1061002, 400],
      ['extra that is not a JSON object', 'medias', { extra: '[object Object]' }, 1061002, 400],
      ['ccm_import_open without extra', 'medias', { parent_type: 'ccm_import_open', parent_node: undefined }, 1061002, 400],
      ['ccm_import_open without file_extension', 'medias', { parent_type: 'ccm_import_open', extra: '{"obj_type":"docx"}' }, 1061002, 400],
      ['size 0', 'medias', { size: '0', file: Buffer.alloc(0) }, 1061002, 400],
      ['no size', 'medias', { size: undefined }, 1061002, 400],
      ['a non-numeric size', 'medias', { size: '5 bytes' }, 1061002, 400],
      ['size over 20 MiB', 'medias', { size: '20971521' }, 1061043, 400],
      ['size ≠ file bytes', 'medias', { size: '6' }, 1062009, 400],
      ['a wrong checksum', 'medias', { checksum: '12345' }, 1062008, 400],
      ['no file part', 'medias', { file: undefined }, 1061002, 400],
      ['files with a media parent_type', 'files', { parent_type: 'docx_file', parent_node: folder }, 1061044, 400],
      ['files into an unknown folder', 'files', { parent_type: 'explorer', parent_node: 'fldcnNOPE' }, 1061044, 400],
      ['files with an empty parent_node', 'files', { parent_type: 'explorer', parent_node: '' }, 1061044, 400],
    ];
    for (const [name, family, overrides, code, status] of cases) {
      void it(`${family}/upload_all with ${name} → ${code}`, async () => {
        const before = emu.listFiles().length;
        const answer = await api(emu, `/open-apis/drive/v1/${family}/upload_all`, { token, form: form({ ...good(), ...overrides }) });
        assert.equal(answer.body.code, code, JSON.stringify(answer.body));
        assert.equal(answer.status, status);
        assert.equal(answer.body.error?.log_id, answer.headers.get('x-tt-logid'));
        assert.equal(emu.listFiles().length, before, 'nothing stored');
      });
    }

    void it('rejects a body that is not multipart, and a malformed one, with 1061002', async () => {
      const json = await api(emu, `${MEDIAS}/upload_all`, { token, json: { file_name: 'a' } });
      assert.equal(json.body.code, 1061002);
      const broken = await api(emu, `${MEDIAS}/upload_all`, {
        token,
        raw: '--zz\r\nContent-Disposition: form-data; name="file_name"\r\n\r\na.txt',
        headers: { 'Content-Type': 'multipart/form-data; boundary=zz' },
      });
      assert.equal(broken.body.code, 1061002);
      assert.equal(broken.status, 400);
    });

    void it('stores media byte-identical with its metadata; checksum is the unsigned Adler-32', async () => {
      // Bytes whose Adler-32 has the top bit set, so a signed rendering would differ.
      let bytes = pattern(3000);
      for (let seed = 2; adler32(bytes) >= 0; seed++) bytes = pattern(3000, seed);
      const fields = { ...good(), size: String(bytes.length), extra: '{"drive_route_token":"doxcnDOC"}', file: bytes };
      const signed = await api(emu, `${MEDIAS}/upload_all`, { token, form: form({ ...fields, checksum: String(adler32(bytes)) }) });
      assert.equal(signed.body.code, 1062008);
      const answer = await api(emu, `${MEDIAS}/upload_all`, { token, form: form({ ...fields, checksum: unsignedAdler(bytes) }) });
      assert.equal(answer.status, 200);
      assert.equal(answer.body.code, 0);
      const fileToken = answer.body.data?.file_token as string;
      assert.match(fileToken, /^[A-Za-z0-9]{27}$/);
      const stored = emu.getFile(fileToken);
      assert.ok(stored);
      assert.deepEqual(stored.bytes, bytes);
      assert.equal(stored.sha256, sha256(bytes));
      assert.deepEqual(
        { name: stored.name, size: stored.size, parentType: stored.parentType, parentNode: stored.parentNode, extra: stored.extra, endpoint: stored.endpoint },
        { name: 'hello.txt', size: bytes.length, parentType: 'docx_file', parentNode: parent, extra: '{"drive_route_token":"doxcnDOC"}', endpoint: 'medias' },
      );
      const raw = await fetch(`${emu.url}/__emulator/files/${fileToken}`);
      assert.deepEqual(Buffer.from(await raw.arrayBuffer()), bytes);
    });

    void it('stores Drive files in the root or an added folder, and ccm_import_open media without a parent', async () => {
      for (const node of [emu.rootFolderToken, folder]) {
        const answer = await api(emu, `${FILES}/upload_all`, { token, form: form({ ...good(), parent_type: 'explorer', parent_node: node }) });
        assert.equal(answer.body.code, 0);
        const stored = emu.getFile(answer.body.data?.file_token as string);
        assert.equal(stored?.endpoint, 'files');
        assert.equal(stored?.parentNode, node);
        assert.equal(stored?.bytes?.toString(), 'hello');
      }
      const imported = await api(emu, `${MEDIAS}/upload_all`, {
        token,
        form: form({ ...good(), parent_type: 'ccm_import_open', parent_node: undefined, extra: '{"obj_type":"docx","file_extension":"md"}' }),
      });
      assert.equal(imported.body.code, 0);
    });
  });

  void describe('multipart upload', () => {
    async function prepare(family: 'medias' | 'files', size: number, extra: Record<string, unknown> = {}, bearer = token): Promise<Answer> {
      const target = family === 'medias' ? { parent_type: 'docx_image', parent_node: parent } : { parent_type: 'explorer', parent_node: folder };
      return api(emu, `/open-apis/drive/v1/${family}/upload_prepare`, { token: bearer, json: { file_name: 'big.bin', ...target, size, ...extra } });
    }
    async function part(family: 'medias' | 'files', uploadId: string, seq: number | string, bytes: Buffer, extra: Record<string, string | undefined> = {}, bearer = token): Promise<Answer> {
      return api(emu, `/open-apis/drive/v1/${family}/upload_part`, {
        token: bearer,
        form: form({ upload_id: uploadId, seq: String(seq), size: String(bytes.length), checksum: unsignedAdler(bytes), ...extra, file: bytes }),
      });
    }
    async function finish(family: 'medias' | 'files', uploadId: string, blockNum: number, bearer = token): Promise<Answer> {
      return api(emu, `/open-apis/drive/v1/${family}/upload_finish`, { token: bearer, json: { upload_id: uploadId, block_num: blockNum } });
    }

    void it('prepare returns a 19-digit upload_id, block_size and block_num; no size cap', async () => {
      const answer = await prepare('medias', 2500);
      assert.equal(answer.body.code, 0);
      assert.match(answer.body.data?.upload_id as string, /^\d{19}$/);
      assert.equal(answer.body.data?.block_size, BLOCK);
      assert.equal(answer.body.data?.block_num, 3);
      const huge = await prepare('files', 5 * 1024 * 1024 * 1024);
      assert.equal(huge.body.code, 0);
      assert.equal(huge.body.data?.block_num, 5 * 1024 * 1024);
    });

    const prepareCases: Array<[string, 'medias' | 'files', Record<string, unknown>, number]> = [
      ['a parent_type outside the enum', 'medias', { parent_type: 'slide_file' }, 99992402],
      ['a 251-char file_name', 'medias', { file_name: 'y'.repeat(251) }, 1061008],
      ['an unknown parent_node', 'medias', { parent_node: 'doxcnNOPE' }, 1061044],
      ['ccm_import_open without extra', 'medias', { parent_type: 'ccm_import_open', parent_node: '' }, 1061002],
      ['extra as an object instead of a string', 'medias', { extra: { drive_route_token: 'x' } }, 1061002],
      ['size 0', 'medias', { size: 0 }, 1061002],
      ['a fractional size', 'medias', { size: 1.5 }, 1061002],
      ['files with a media parent_type', 'files', { parent_type: 'docx_file' }, 1061044],
      ['files into an unknown folder', 'files', { parent_node: 'fldcnNOPE' }, 1061044],
    ];
    for (const [name, family, overrides, code] of prepareCases) {
      void it(`${family}/upload_prepare with ${name} → ${code}`, async () => {
        const answer = await prepare(family, 10, overrides);
        assert.equal(answer.body.code, code, JSON.stringify(answer.body));
        assert.equal(answer.status, 400);
        if (code === 99992402) assert.equal(answer.body.error?.field_violations?.[0]?.field, 'parent_type');
      });
    }

    void it('prepare rejects a body that is not JSON with 1061002', async () => {
      const answer = await api(emu, `${MEDIAS}/upload_prepare`, { token, raw: 'file_name=a', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
      assert.equal(answer.body.code, 1061002);
    });

    void it('part and finish report each problem with its code', async () => {
      const data = pattern(2500);
      const uploadId = (await prepare('medias', data.length)).body.data?.upload_id as string;
      const block = (seq: number): Buffer => data.subarray(seq * BLOCK, (seq + 1) * BLOCK);
      const cases: Array<[string, () => Promise<Answer>, number]> = [
        ['an unknown upload_id', () => part('medias', '7000000000000000000', 0, block(0)), 1061002],
        ['an upload_id from the other family', () => part('files', uploadId, 0, block(0)), 1061002],
        ['seq = block_num', () => part('medias', uploadId, 3, block(2)), 1062011],
        ['seq -1', () => part('medias', uploadId, '-1', block(0)), 1062011],
        ['a non-numeric seq', () => part('medias', uploadId, 'one', block(0)), 1062011],
        ['size ≠ file bytes', () => part('medias', uploadId, 0, block(0), { size: '1000' }), 1062009],
        ['a short middle block', () => part('medias', uploadId, 1, block(1).subarray(0, 1000)), 1062009],
        ['a full-size last block', () => part('medias', uploadId, 2, data.subarray(1024, 2048)), 1062009],
        ['a wrong checksum', () => part('medias', uploadId, 0, block(0), { checksum: '1' }), 1062008],
        ['no file part', () => api(emu, `${MEDIAS}/upload_part`, { token, form: form({ upload_id: uploadId, seq: '0', size: '1024' }) }), 1061002],
        ['another identity (user token)', () => part('medias', uploadId, 0, block(0), {}, 'u-alice'), 1062007],
        ['finish with an unknown upload_id', () => finish('medias', '7000000000000000000', 3), 1061002],
        ['finish with another block_num', () => finish('medias', uploadId, 2), 1062011],
        ['finish before every block arrived', () => finish('medias', uploadId, 3), 1062010],
        ['finish from another identity', () => finish('medias', uploadId, 3, 'u-alice'), 1062007],
      ];
      for (const [name, send, code] of cases) {
        const answer = await send();
        assert.equal(answer.body.code, code, `${name}: ${JSON.stringify(answer.body)}`);
        assert.equal(answer.status, 400, name);
      }
      assert.equal(emu.stats().uploadSessions.open >= 1, true);
    });

    void it('stores the file byte-identical from out-of-order and repeated parts; finish closes the session', async () => {
      const data = pattern(2500, 7);
      const prepared = await prepare('medias', data.length, { extra: '{"drive_route_token":"doxcnDOC"}' });
      const uploadId = prepared.body.data?.upload_id as string;
      for (const seq of [2, 0, 1, 1]) {
        const answer = await part('medias', uploadId, seq, data.subarray(seq * BLOCK, (seq + 1) * BLOCK));
        assert.equal(answer.body.code, 0);
        assert.deepEqual(answer.body.data, {});
      }
      const done = await finish('medias', uploadId, 3);
      assert.equal(done.body.code, 0);
      const stored = emu.getFile(done.body.data?.file_token as string);
      assert.deepEqual(stored?.bytes, data);
      assert.equal(stored?.sha256, sha256(data));
      assert.equal(stored?.size, data.length);
      assert.equal(stored?.extra, '{"drive_route_token":"doxcnDOC"}');
      assert.equal((await finish('medias', uploadId, 3)).body.code, 1061002);
      assert.equal((await part('medias', uploadId, 0, data.subarray(0, BLOCK))).body.code, 1061002);
    });

    void it('a part without a checksum is accepted, and user tokens own their sessions', async () => {
      const data = pattern(BLOCK, 3);
      const uploadId = (await prepare('files', data.length, {}, 'u-alice')).body.data?.upload_id as string;
      assert.equal((await part('files', uploadId, 0, data, { checksum: undefined }, token)).body.code, 1062007);
      assert.equal((await part('files', uploadId, 0, data, { checksum: undefined }, 'u-alice')).body.code, 0);
      const done = await finish('files', uploadId, 1, 'u-alice');
      assert.equal(done.body.code, 0);
      assert.deepEqual(emu.getFile(done.body.data?.file_token as string)?.bytes, data);
    });
  });

  void describe('control API', () => {
    void it('reports state without bytes, serves kept bytes, and registers folders and media parents', async () => {
      const newFolder = (await (await fetch(`${emu.url}/__emulator/folders`, { method: 'POST' })).json()) as { token: string };
      const answer = await api(emu, `${FILES}/upload_all`, {
        token,
        form: form({ file_name: 'c.txt', parent_type: 'explorer', parent_node: newFolder.token, size: '3', file: Buffer.from('abc') }),
      });
      assert.equal(answer.body.code, 0);
      const media = (await (await fetch(`${emu.url}/__emulator/media-parents`, { method: 'POST', body: JSON.stringify({ token: 'doxcnBLOCK1' }) })).json()) as { token: string };
      assert.equal(media.token, 'doxcnBLOCK1');
      const generated = (await (await fetch(`${emu.url}/__emulator/media-parents`, { method: 'POST' })).json()) as { token: string };
      assert.match(generated.token, /^[A-Za-z0-9]{27}$/);

      const state = (await (await fetch(`${emu.url}/__emulator/state`)).json()) as {
        appId: string;
        rootFolderToken: string;
        stats: { calls: Record<string, number>; codes: Record<string, number> };
        violations: unknown[];
        files: Array<Record<string, unknown>>;
      };
      assert.equal(state.appId, 'cli_emulator');
      assert.equal(state.rootFolderToken, emu.rootFolderToken);
      assert.ok(state.stats.calls['drive/v1/files/upload_all'] >= 1);
      assert.ok(state.stats.codes['0'] >= 1);
      assert.deepEqual(state.violations, []);
      const listed = state.files.find((f) => f.fileToken === answer.body.data?.file_token);
      assert.equal(listed?.name, 'c.txt');
      assert.equal(listed?.bytes, undefined);

      const bytes = await fetch(`${emu.url}/__emulator/files/${answer.body.data?.file_token as string}`);
      assert.equal(Buffer.from(await bytes.arrayBuffer()).toString(), 'abc');
      assert.equal((await fetch(`${emu.url}/__emulator/files/nope`)).status, 404);
      assert.equal((await fetch(`${emu.url}/__emulator/bogus`)).status, 404);
    });

    void it('injects and clears faults, and validates fault and shaping JSON', async () => {
      const post = (path: string, value: unknown): Promise<Response> => fetch(`${emu.url}/__emulator/${path}`, { method: 'POST', body: JSON.stringify(value) });
      assert.equal((await post('faults', { kind: 'explode' })).status, 400);
      assert.equal((await post('shaping', { latencyMs: -5 })).status, 400);
      assert.equal((await post('faults', { kind: 'code', code: 1061001, count: 5 })).status, 200);
      const faulted = await api(emu, `${MEDIAS}/upload_prepare`, { token, json: {} });
      assert.equal(faulted.body.code, 1061001);
      assert.equal(faulted.status, 200);
      assert.equal((await fetch(`${emu.url}/__emulator/faults`, { method: 'DELETE' })).status, 200);
      assert.equal((await api(emu, `${MEDIAS}/upload_prepare`, { token, json: {} })).body.code, 1061008);
      assert.equal((await post('shaping', { latencyMs: 0 })).status, 200);
    });

    void it('rotates the secret, expires tokens and uploads, and resets over HTTP', async () => {
      const post = (path: string, value?: unknown): Promise<Response> =>
        fetch(`${emu.url}/__emulator/${path}`, { method: 'POST', body: value === undefined ? undefined : JSON.stringify(value) });
      const uploadId = (await api(emu, `${MEDIAS}/upload_prepare`, { token, json: { file_name: 'a', parent_type: 'docx_file', parent_node: parent, size: 10 } })).body.data
        ?.upload_id as string;
      assert.equal((await post('expire-uploads')).status, 200);
      assert.equal((await api(emu, `${MEDIAS}/upload_finish`, { token, json: { upload_id: uploadId, block_num: 1 } })).body.code, 1061021);

      assert.equal((await post('expire-tokens')).status, 200);
      assert.equal((await api(emu, '/open-apis/drive/explorer/v2/root_folder/meta', { token })).body.code, 99991663);

      const originalSecret = emu.appSecret;
      assert.equal((await post('secret', {})).status, 400);
      assert.equal((await post('secret', { appSecret: 'rotated' })).status, 200);
      assert.equal(emu.appSecret, 'rotated');
      token = await tenantToken(emu);
      emu.rotateSecret(originalSecret);
      token = await tenantToken(emu);

      assert.equal((await post('reset')).status, 200);
      assert.deepEqual(emu.listFiles(), []);
      assert.deepEqual(emu.stats().calls, {});
      // Folders, media parents and tokens survive a reset.
      const answer = await api(emu, `${MEDIAS}/upload_all`, { token, form: form({ file_name: 'r', parent_type: 'docx_file', parent_node: parent, size: '1', file: Buffer.from('r') }) });
      assert.equal(answer.body.code, 0);
    });
  });
});

void describe('emulator with keepBytes: false', () => {
  let emu: Emulator;
  let token: string;
  let parent: string;

  beforeEach(async () => {
    emu = await startEmulator({ qps: 1000, blockSize: BLOCK, keepBytes: false });
    token = await tenantToken(emu);
    parent = emu.addMediaParent();
  });
  // One emulator per test here; closing removes its temp files.
  afterEach(() => emu.close());

  void it('keeps size and sha256 but no bytes, for upload_all and for out-of-order, overwritten parts', async () => {
    const small = pattern(700);
    const all = await api(emu, `${MEDIAS}/upload_all`, { token, form: form({ file_name: 's', parent_type: 'docx_file', parent_node: parent, size: String(small.length), file: small }) });
    assert.equal(all.body.code, 0);
    const storedSmall = emu.getFile(all.body.data?.file_token as string);
    assert.equal(storedSmall?.bytes, undefined);
    assert.equal(storedSmall?.sha256, sha256(small));
    assert.equal((await fetch(`${emu.url}/__emulator/files/${storedSmall?.fileToken}`)).status, 404);

    for (const [order, overwrite] of [[[0, 1, 2, 3], false], [[3, 1, 0, 2], false], [[0, 1, 2, 3], true]] as const) {
      const data = pattern(3 * BLOCK + 100, order[0] + 5);
      const prepared = await api(emu, `${MEDIAS}/upload_prepare`, { token, json: { file_name: 'b', parent_type: 'docx_file', parent_node: parent, size: data.length } });
      const uploadId = prepared.body.data?.upload_id as string;
      const send = (seq: number, bytes: Buffer): Promise<Answer> =>
        api(emu, `${MEDIAS}/upload_part`, { token, form: form({ upload_id: uploadId, seq: String(seq), size: String(bytes.length), file: bytes }) });
      if (overwrite) assert.equal((await send(0, Buffer.alloc(BLOCK, 9))).body.code, 0);
      for (const seq of order) {
        const answer = await send(seq, data.subarray(seq * BLOCK, (seq + 1) * BLOCK));
        assert.equal(answer.body.code, 0);
      }
      const done = await api(emu, `${MEDIAS}/upload_finish`, { token, json: { upload_id: uploadId, block_num: 4 } });
      assert.equal(done.body.code, 0);
      const stored = emu.getFile(done.body.data?.file_token as string);
      assert.equal(stored?.bytes, undefined);
      assert.equal(stored?.size, data.length);
      assert.equal(stored?.sha256, sha256(data), `order ${order.join(',')} overwrite ${overwrite}`);
    }
  });
});

void describe('emulator close()', () => {
  void it('returns promptly with an idle keep-alive connection open', async () => {
    const emu = await startEmulator();
    const agent = new Agent({ keepAlive: true });
    await new Promise<void>((resolve, reject) => {
      const req = request(`${emu.url}/__emulator/state`, { agent }, (res) => {
        res.resume();
        res.on('end', resolve);
      });
      req.on('error', reject);
      req.end();
    });
    assert.equal(emu.stats().connections, 1);
    const started = Date.now();
    await emu.close();
    assert.ok(Date.now() - started < 1000, `close took ${Date.now() - started} ms`);
    agent.destroy();
  });
});
