// Control API under /__emulator/ for tests and benchmarks that run the emulator in another process.
// No auth: the server listens on 127.0.0.1 only, and remote peers are refused anyway.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { accountsControl } from './accountsControl';
import { parseFault } from './FaultQueue';
import type { Emulator, Shaping } from './types';

/** Cap for control request bodies (they are small JSON objects), in bytes. */
const CONTROL_BODY_MAX_BYTES = 64 * 1024;

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

export async function handleControl(req: IncomingMessage, res: ServerResponse, emulator: Emulator, path: string): Promise<void> {
  if (!LOOPBACK.has(req.socket.remoteAddress ?? '')) return sendJson(res, 403, { error: 'loopback only' });
  const body = await readSmallBody(req);
  if (body === undefined) return sendJson(res, 413, { error: 'body too large' });
  const route = `${req.method ?? ''} ${path}`;
  const blocksMatch = /^GET \/__emulator\/documents\/([^/]+)\/blocks$/.exec(route);
  if (blocksMatch) {
    const document = emulator.getDocument(decodeURIComponent(blocksMatch[1]));
    return document ? sendJson(res, 200, document) : sendJson(res, 404, { error: 'unknown document id' });
  }
  const treeMatch = /^GET \/__emulator\/tree(?:\/([^/]+))?$/.exec(route);
  if (treeMatch) {
    const tree = emulator.folderTree(treeMatch[1] === undefined ? undefined : decodeURIComponent(treeMatch[1]));
    return tree ? sendJson(res, 200, tree) : sendJson(res, 404, { error: 'unknown folder token' });
  }
  const permissionsMatch = /^GET \/__emulator\/permissions\/([^/]+)$/.exec(route);
  if (permissionsMatch) {
    const token = decodeURIComponent(permissionsMatch[1]);
    return sendJson(res, 200, { public: emulator.publicSettings(token), members: emulator.collaborators(token) });
  }
  const deleteMatch = /^DELETE \/__emulator\/documents\/([^/]+)$/.exec(route);
  if (deleteMatch) {
    const deleted = emulator.deleteDocument(decodeURIComponent(deleteMatch[1]));
    return deleted ? sendJson(res, 200, { ok: true }) : sendJson(res, 404, { error: 'unknown document id' });
  }
  const fileMatch = /^GET \/__emulator\/files\/([^/]+)$/.exec(route);
  if (fileMatch) {
    const file = emulator.getFile(decodeURIComponent(fileMatch[1]));
    if (!file?.bytes) return sendJson(res, 404, { error: file ? 'bytes not kept (keepBytes: false)' : 'unknown file token' });
    res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': file.bytes.length });
    res.end(file.bytes);
    return;
  }
  const accounts = accountsControl(route, parseJson(body), emulator);
  if (accounts) return sendJson(res, accounts.status, accounts.body);
  switch (route) {
    case 'GET /__emulator/state':
      return sendJson(res, 200, {
        appId: emulator.appId,
        rootFolderToken: emulator.rootFolderToken,
        tenantUrl: emulator.tenantUrl,
        stats: emulator.stats(),
        violations: emulator.violations(),
        files: emulator.listFiles().map(({ bytes: _bytes, ...rest }) => rest),
        documents: emulator.listDocuments(),
        users: emulator.users().map((u) => ({ openId: u.openId, name: u.name, rootFolderToken: emulator.rootFolderOf(u.openId) })),
      });
    case 'POST /__emulator/faults': {
      const fault = parseFault(parseJson(body));
      if (typeof fault === 'string') return sendJson(res, 400, { error: fault });
      emulator.injectFault(fault);
      return sendJson(res, 200, { ok: true });
    }
    case 'DELETE /__emulator/faults':
      emulator.clearFaults();
      return sendJson(res, 200, { ok: true });
    case 'POST /__emulator/shaping': {
      const shaping = parseShaping(parseJson(body));
      if (typeof shaping === 'string') return sendJson(res, 400, { error: shaping });
      emulator.setShaping(shaping);
      return sendJson(res, 200, { ok: true });
    }
    case 'POST /__emulator/secret': {
      const json = parseJson(body) as { appSecret?: unknown } | undefined;
      if (typeof json?.appSecret !== 'string' || json.appSecret === '') return sendJson(res, 400, { error: 'appSecret must be a non-empty string' });
      emulator.rotateSecret(json.appSecret);
      return sendJson(res, 200, { ok: true });
    }
    case 'POST /__emulator/expire-tokens':
      emulator.expireTokens();
      return sendJson(res, 200, { ok: true });
    case 'POST /__emulator/expire-uploads':
      emulator.expireUploads();
      return sendJson(res, 200, { ok: true });
    case 'POST /__emulator/media-parents': {
      const json = parseJson(body) as { token?: unknown } | undefined;
      const token = typeof json?.token === 'string' && json.token !== '' ? json.token : undefined;
      return sendJson(res, 200, { token: emulator.addMediaParent(token) });
    }
    case 'POST /__emulator/documents': {
      const json = parseJson(body) as { title?: unknown; folderToken?: unknown } | undefined;
      const documentId = emulator.createDocument({
        title: typeof json?.title === 'string' ? json.title : undefined,
        folderToken: typeof json?.folderToken === 'string' && json.folderToken !== '' ? json.folderToken : undefined,
      });
      return sendJson(res, 200, { documentId, url: `${emulator.url}/docx/${documentId}` });
    }
    case 'POST /__emulator/wiki-nodes': {
      const json = (parseJson(body) ?? {}) as { objType?: unknown; objToken?: unknown; title?: unknown };
      if (typeof json.objType !== 'string' || json.objType === '') return sendJson(res, 400, { error: 'objType must be a non-empty string (docx, sheet, …)' });
      const node = emulator.addWikiNode({
        objType: json.objType,
        objToken: typeof json.objToken === 'string' && json.objToken !== '' ? json.objToken : undefined,
        title: typeof json.title === 'string' ? json.title : undefined,
      });
      return sendJson(res, 200, { ...node, url: `${emulator.url}/wiki/${node.nodeToken}` });
    }
    case 'POST /__emulator/import-failures': {
      const json = parseJson(body) as { jobStatus?: unknown; msg?: unknown } | undefined;
      if (!Number.isInteger(json?.jobStatus)) return sendJson(res, 400, { error: 'jobStatus must be an integer' });
      emulator.failNextImport(json!.jobStatus as number, typeof json?.msg === 'string' ? json.msg : undefined);
      return sendJson(res, 200, { ok: true });
    }
    case 'POST /__emulator/reset':
      emulator.reset();
      return sendJson(res, 200, { ok: true });
    default:
      return sendJson(res, 404, { error: `no control route ${route}` });
  }
}

/** Validates Shaping that arrived as JSON. Returns an error text or the shaping. */
export function parseShaping(value: unknown): Shaping | string {
  if (typeof value !== 'object' || value === null) return 'shaping must be a JSON object';
  const s = value as Record<string, unknown>;
  for (const key of ['latencyMs', 'bytesPerSecond'] as const) {
    if (s[key] !== undefined && (typeof s[key] !== 'number' || !Number.isFinite(s[key]) || s[key] < 0)) {
      return `${key} must be a non-negative number`;
    }
  }
  return { latencyMs: s.latencyMs as number | undefined, bytesPerSecond: s.bytesPerSecond as number | undefined };
}

function parseJson(body: Buffer): unknown {
  if (body.length === 0) return undefined;
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}

function readSmallBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= CONTROL_BODY_MAX_BYTES) chunks.push(chunk);
    });
    req.on('end', () => resolve(size <= CONTROL_BODY_MAX_BYTES ? Buffer.concat(chunks) : undefined));
    req.on('error', () => resolve(undefined));
  });
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const text = JSON.stringify(value);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}
