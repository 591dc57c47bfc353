// The emulator's rate and concurrency rules, injected faults, shaping and expiry, over real loopback HTTP.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { startEmulator, type Emulator, type EmulatorOptions } from '../../src/emulator';

interface FeishuBody {
  code?: number;
  msg?: string;
  data?: Record<string, unknown>;
  [key: string]: unknown;
}

interface Answer {
  status: number;
  headers: Headers;
  body: FeishuBody;
  text: string;
}

async function api(emu: Emulator, path: string, init: { token?: string; json?: unknown; form?: FormData; signal?: AbortSignal } = {}): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (init.token !== undefined) headers.Authorization = `Bearer ${init.token}`;
  let body: string | FormData | undefined = init.form;
  if (init.json !== undefined) {
    headers['Content-Type'] = 'application/json; charset=utf-8';
    body = JSON.stringify(init.json);
  }
  const res = await fetch(`${emu.url}${path}`, { method: body === undefined ? 'GET' : 'POST', headers, body, signal: init.signal });
  const text = await res.text();
  let parsed: FeishuBody = {};
  try {
    parsed = JSON.parse(text) as FeishuBody;
  } catch {
    // Non-JSON bodies (the http500 fault) are checked through `text`.
  }
  return { status: res.status, headers: res.headers, body: parsed, text };
}

async function tenantToken(emu: Emulator): Promise<string> {
  const answer = await api(emu, '/open-apis/auth/v3/tenant_access_token/internal', { json: { app_id: emu.appId, app_secret: emu.appSecret } });
  assert.equal(answer.body.code, 0, JSON.stringify(answer.body));
  return answer.body.tenant_access_token as string;
}

function form(fields: Record<string, string | Buffer>): FormData {
  const fd = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    if (typeof value === 'string') fd.append(name, value);
    else fd.append(name, new Blob([value]), 'blob');
  }
  return fd;
}

const MEDIAS = '/open-apis/drive/v1/medias';
const BLOCK = 1024;

/** One emulator per test: rule windows and faults must not leak between tests. */
function useEmulator(options: EmulatorOptions = {}): { emu: () => Emulator; token: () => string; parent: () => string } {
  let emu: Emulator;
  let token: string;
  let parent: string;
  beforeEach(async () => {
    emu = await startEmulator({ blockSize: BLOCK, ...options });
    token = await tenantToken(emu);
    parent = emu.addMediaParent();
  });
  afterEach(() => emu.close());
  return { emu: () => emu, token: () => token, parent: () => parent };
}

function prepareBody(parent: string, size = 10): Record<string, unknown> {
  return { file_name: 'f.bin', parent_type: 'docx_file', parent_node: parent, size };
}

function uploadAllForm(parent: string, bytes: Buffer): FormData {
  return form({ file_name: 'f.bin', parent_type: 'docx_file', parent_node: parent, size: String(bytes.length), file: bytes });
}

void describe('emulator rules', () => {
  const ctx = useEmulator();

  void it('answers the 6th call within 1000 ms on one endpoint with 1061045 and records a qps violation', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 6; i++) codes.push((await api(ctx.emu(), `${MEDIAS}/upload_prepare`, { token: ctx.token(), json: prepareBody(ctx.parent()) })).body.code ?? -1);
    assert.deepEqual(codes, [0, 0, 0, 0, 0, 1061045]);
    const violations = ctx.emu().violations();
    assert.equal(violations.length, 1);
    assert.equal(violations[0].endpoint, 'drive/v1/medias/upload_prepare');
    assert.equal(violations[0].reason, 'qps');
    assert.ok(Math.abs(violations[0].at - Date.now()) < 5000);
    // Windows are per endpoint; auth endpoints are not upload endpoints.
    assert.equal((await api(ctx.emu(), `${MEDIAS}/upload_all`, { token: ctx.token(), form: uploadAllForm(ctx.parent(), Buffer.from('x')) })).body.code, 0);
    for (let i = 0; i < 6; i++) await tenantToken(ctx.emu());
    assert.equal(ctx.emu().violations().length, 1);
    assert.equal(ctx.emu().stats().codes['1061045'], 1);
  });

  void it('answers an upload call that arrives while another is in flight with 1061045 (HTTP 200)', async () => {
    const emu = ctx.emu();
    const boundary = 'emulator-test-boundary';
    const bytes = Buffer.alloc(4000, 1);
    const head = Buffer.from(
      [
        ['file_name', 'slow.bin'],
        ['parent_type', 'docx_file'],
        ['parent_node', ctx.parent()],
        ['size', String(bytes.length)],
      ]
        .map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`)
        .join('') + `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="slow.bin"\r\n\r\n`,
    );
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
    const slow = request(`${emu.url}${MEDIAS}/upload_all`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${ctx.token()}`,
        'Content-Type': `multipart/form-data; boundary=${boundary}`,
        'Content-Length': head.length + bytes.length + tail.length,
      },
    });
    const slowAnswer = new Promise<FeishuBody>((resolve, reject) => {
      slow.on('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString()) as FeishuBody));
      });
      slow.on('error', reject);
    });
    slow.write(head);
    slow.write(bytes.subarray(0, 1000));
    while ((emu.stats().calls['drive/v1/medias/upload_all'] ?? 0) < 1) await new Promise((r) => setTimeout(r, 5));

    const rejected = await api(emu, `${MEDIAS}/upload_prepare`, { token: ctx.token(), json: prepareBody(ctx.parent()) });
    assert.equal(rejected.status, 200);
    assert.equal(rejected.body.code, 1061045);
    assert.equal(rejected.body.msg, 'can retry.');
    assert.deepEqual(emu.violations().map((v) => [v.endpoint, v.reason]), [['drive/v1/medias/upload_prepare', 'concurrency']]);

    slow.write(bytes.subarray(1000));
    slow.end(tail);
    assert.equal((await slowAnswer).code, 0);
    assert.equal((await api(emu, `${MEDIAS}/upload_prepare`, { token: ctx.token(), json: prepareBody(ctx.parent()) })).body.code, 0);
    assert.equal(emu.violations().length, 1);
  });
});

void describe('emulator faults', () => {
  const ctx = useEmulator();
  const prepare = (): Promise<Answer> => api(ctx.emu(), `${MEDIAS}/upload_prepare`, { token: ctx.token(), json: prepareBody(ctx.parent()) });

  void it('reset destroys the connection mid-body and stores nothing', async () => {
    ctx.emu().injectFault({ kind: 'reset' });
    await assert.rejects(api(ctx.emu(), `${MEDIAS}/upload_all`, { token: ctx.token(), form: uploadAllForm(ctx.parent(), Buffer.alloc(200_000, 3)) }));
    assert.deepEqual(ctx.emu().listFiles(), []);
    assert.equal((await api(ctx.emu(), `${MEDIAS}/upload_all`, { token: ctx.token(), form: uploadAllForm(ctx.parent(), Buffer.alloc(10)) })).body.code, 0);
    assert.equal(ctx.emu().stats().faults.reset, 1);
  });

  void it('http500 answers HTTP 500 with a non-JSON body', async () => {
    ctx.emu().injectFault({ kind: 'http500' });
    const answer = await prepare();
    assert.equal(answer.status, 500);
    assert.throws(() => JSON.parse(answer.text) as unknown);
    assert.ok(answer.headers.get('x-tt-logid'));
  });

  void it('code answers the given code with its documented status unless one is given', async () => {
    ctx.emu().injectFault({ kind: 'code', code: 1061045 });
    ctx.emu().injectFault({ kind: 'code', code: 1061004 });
    ctx.emu().injectFault({ kind: 'code', code: 1061001, status: 502 });
    const answers = [await prepare(), await prepare(), await prepare(), await prepare()];
    assert.deepEqual(answers.map((a) => [a.status, a.body.code]), [[200, 1061045], [403, 1061004], [502, 1061001], [200, 0]]);
    assert.equal(answers[0].body.msg, 'can retry.');
    // Injected 1061045s are not rule violations.
    assert.deepEqual(ctx.emu().violations(), []);
  });

  void it('rateLimit answers 429 / 99991400 with the x-ogw-ratelimit headers', async () => {
    ctx.emu().injectFault({ kind: 'rateLimit', resetSeconds: 3 });
    const answer = await prepare();
    assert.equal(answer.status, 429);
    assert.equal(answer.body.code, 99991400);
    assert.equal(answer.body.msg, 'request trigger frequency limit');
    assert.equal(answer.headers.get('x-ogw-ratelimit-limit'), '5');
    assert.equal(answer.headers.get('x-ogw-ratelimit-reset'), '3');
  });

  void it('tokenExpired invalidates issued tokens just before the call; a fresh token works', async () => {
    ctx.emu().injectFault({ kind: 'tokenExpired' });
    const answer = await prepare();
    assert.equal(answer.status, 400);
    assert.equal(answer.body.code, 99991663);
    const fresh = await tenantToken(ctx.emu());
    assert.notEqual(fresh, ctx.token());
    assert.equal((await api(ctx.emu(), `${MEDIAS}/upload_prepare`, { token: fresh, json: prepareBody(ctx.parent()) })).body.code, 0);
  });

  void it('uploadIdExpired expires the session the part names (1061021 from then on)', async () => {
    const uploadId = (await prepare()).body.data?.upload_id as string;
    ctx.emu().injectFault({ kind: 'uploadIdExpired' });
    const part = (): Promise<Answer> =>
      api(ctx.emu(), `${MEDIAS}/upload_part`, { token: ctx.token(), form: form({ upload_id: uploadId, seq: '0', size: '10', file: Buffer.alloc(10) }) });
    assert.equal((await part()).body.code, 1061021);
    assert.equal((await part()).body.code, 1061021);
    assert.equal(ctx.emu().stats().uploadSessions.expired, 1);
  });

  void it('stall never answers (the client must time out) and does not hold the concurrency slot', async () => {
    ctx.emu().injectFault({ kind: 'stall' });
    await assert.rejects(api(ctx.emu(), `${MEDIAS}/upload_prepare`, { token: ctx.token(), json: prepareBody(ctx.parent()), signal: AbortSignal.timeout(100) }), {
      name: 'TimeoutError',
    });
    assert.equal((await prepare()).body.code, 0);
    assert.deepEqual(ctx.emu().violations(), []);
  });

  void it('stall with ms answers 1061006 after the delay', async () => {
    ctx.emu().injectFault({ kind: 'stall', ms: 80 });
    const started = Date.now();
    const answer = await prepare();
    assert.ok(Date.now() - started >= 75);
    assert.equal(answer.body.code, 1061006);
  });

  void it('honours endpoint, after and count; non-upload endpoints only when named', async () => {
    const emu = ctx.emu();
    emu.injectFault({ kind: 'code', code: 1061001, endpoint: 'medias/upload_prepare', after: 1, count: 2 });
    emu.injectFault({ kind: 'http500', endpoint: 'tenant_access_token' });
    assert.equal((await api(emu, '/open-apis/drive/v1/files/upload_prepare', { token: ctx.token(), json: {} })).body.code, 1061008);
    const codes = [];
    for (let i = 0; i < 4; i++) codes.push((await prepare()).body.code);
    assert.deepEqual(codes, [0, 1061001, 1061001, 0]);
    const tokenAnswer = await api(emu, '/open-apis/auth/v3/tenant_access_token/internal', { json: { app_id: emu.appId, app_secret: emu.appSecret } });
    assert.equal(tokenAnswer.status, 500);
    assert.equal(emu.stats().faults.code, 2);
  });
});

void describe('emulator shaping', () => {
  const ctx = useEmulator({ shaping: { latencyMs: 150 } });

  void it('adds latency before each response, changeable at runtime', async () => {
    let started = Date.now();
    await tenantToken(ctx.emu());
    assert.ok(Date.now() - started >= 145, 'latency from options');
    ctx.emu().setShaping({});
    started = Date.now();
    await tenantToken(ctx.emu());
    assert.ok(Date.now() - started < 140, 'latency removed');
  });

  void it('reads request bodies no faster than bytesPerSecond', async () => {
    ctx.emu().setShaping({ bytesPerSecond: 1024 * 1024 });
    const bytes = Buffer.alloc(256 * 1024, 5);
    const started = Date.now();
    const answer = await api(ctx.emu(), `${MEDIAS}/upload_all`, { token: ctx.token(), form: uploadAllForm(ctx.parent(), bytes) });
    const elapsed = Date.now() - started;
    assert.equal(answer.body.code, 0);
    // 256 KiB at 1 MiB/s is 250 ms; the first chunk is free, so allow some slack below.
    assert.ok(elapsed >= 180, `took ${elapsed} ms`);
  });
});

void describe('emulator expiry and credentials', () => {
  void describe('with short lifetimes', () => {
    const ctx = useEmulator({ tokenTtlSeconds: 0.1, uploadIdTtlMs: 100 });

    void it('expires tenant tokens after tokenTtlSeconds and upload_ids after uploadIdTtlMs', async () => {
      const uploadId = (await api(ctx.emu(), `${MEDIAS}/upload_prepare`, { token: ctx.token(), json: prepareBody(ctx.parent()) })).body.data?.upload_id as string;
      await new Promise((r) => setTimeout(r, 150));
      assert.equal((await api(ctx.emu(), '/open-apis/drive/explorer/v2/root_folder/meta', { token: ctx.token() })).body.code, 99991663);
      const fresh = await tenantToken(ctx.emu());
      const finish = await api(ctx.emu(), `${MEDIAS}/upload_finish`, { token: fresh, json: { upload_id: uploadId, block_num: 1 } });
      assert.equal(finish.body.code, 1061021);
      assert.equal(finish.status, 400);
    });
  });

  void describe('with defaults', () => {
    let emu: Emulator;
    let token: string;
    before(async () => {
      emu = await startEmulator({ blockSize: BLOCK });
      token = await tenantToken(emu);
    });
    after(() => emu.close());

    void it('expireUploads turns open upload_ids into 1061021 for part and finish', async () => {
      const parent = emu.addMediaParent();
      const uploadId = (await api(emu, `${MEDIAS}/upload_prepare`, { token, json: prepareBody(parent) })).body.data?.upload_id as string;
      emu.expireUploads();
      const part = await api(emu, `${MEDIAS}/upload_part`, { token, form: form({ upload_id: uploadId, seq: '0', size: '10', file: Buffer.alloc(10) }) });
      assert.equal(part.body.code, 1061021);
      assert.deepEqual(emu.stats().uploadSessions, { open: 0, finished: 0, expired: 1 });
    });

    void it('expireTokens invalidates every issued token', async () => {
      emu.expireTokens();
      assert.equal((await api(emu, '/open-apis/drive/explorer/v2/root_folder/meta', { token })).body.code, 99991663);
      token = await tenantToken(emu);
    });

    void it('rotateSecret refuses the old secret and invalidates existing tokens', async () => {
      const oldSecret = emu.appSecret;
      emu.rotateSecret('new-secret');
      const old = await api(emu, '/open-apis/auth/v3/tenant_access_token/internal', { json: { app_id: emu.appId, app_secret: oldSecret } });
      assert.equal(old.body.code, 10015);
      assert.equal((await api(emu, '/open-apis/drive/explorer/v2/root_folder/meta', { token })).body.code, 99991663);
      assert.equal(emu.appSecret, 'new-secret');
      token = await tenantToken(emu);
      assert.equal((await api(emu, '/open-apis/drive/explorer/v2/root_folder/meta', { token })).body.code, 0);
    });

    void it('close() returns promptly while a stalled call is pending', async () => {
      const other = await startEmulator();
      other.injectFault({ kind: 'stall', endpoint: 'root_folder' });
      const pending = fetch(`${other.url}/open-apis/drive/explorer/v2/root_folder/meta`).catch((error: unknown) => error);
      while ((other.stats().calls['drive/explorer/v2/root_folder/meta'] ?? 0) < 1) await new Promise((r) => setTimeout(r, 5));
      const started = Date.now();
      await other.close();
      assert.ok(Date.now() - started < 1000);
      assert.ok((await pending) instanceof Error);
    });
  });
});
