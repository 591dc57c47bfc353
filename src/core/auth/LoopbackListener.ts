import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FeishuError } from '../errors/FeishuError';
import type { Translate } from '../util/translate';
import { callbackPage, type CallbackOutcome } from './callbackPage';

/** The path Feishu sends the browser back to: http://127.0.0.1:<port>/callback. */
export const CALLBACK_PATH = '/callback';
/** The fixed default port, so the redirect URL can be registered once in the app's security settings. */
export const DEFAULT_CALLBACK_PORT = 47123;

export interface LoopbackOptions {
  /** Port on 127.0.0.1; 0 picks a free one (tests). */
  port: number;
  /** The sign-in's state: a callback with another one is refused. */
  state: string;
  /** How long to wait for the browser, in ms. Default 300 000 (5 min, as long as a code lives). */
  timeoutMs?: number;
  /** For the page the browser shows, in the user's language. */
  t: Translate;
  /** That language's tag for the page, e.g. "zh-CN". Default "en". */
  lang?: string;
  signal?: AbortSignal;
}

export interface LoopbackListener {
  /** http://127.0.0.1:<port>/callback */
  readonly redirectUri: string;
  /** The authorization code; rejects with SIGN_IN_DENIED, SIGN_IN_STATE_MISMATCH, SIGN_IN_TIMEOUT or CANCELLED. */
  readonly code: Promise<string>;
  /** Stops listening (idempotent); also done after the one callback, the timeout or cancellation. */
  close(): Promise<void>;
}

/**
 * A one-shot listener on 127.0.0.1 (never another interface) for the authorization code: it takes one callback,
 * checks its state, answers with a "you can close this tab" page and closes. Rejects SIGN_IN_PORT_IN_USE when the
 * port is taken. As VS Code's GitHub sign-in does (its node/authServer.ts).
 */
export async function listenForCallback(options: LoopbackOptions): Promise<LoopbackListener> {
  if (options.signal?.aborted) throw new FeishuError({ code: 'CANCELLED' });
  let settle!: { resolve: (code: string) => void; reject: (err: FeishuError) => void };
  const code = new Promise<string>((resolve, reject) => (settle = { resolve, reject }));
  // Nobody may be listening yet when it fails early (the port); the caller's await sees it through close().
  code.catch(() => undefined);
  let done = false;
  const server = createServer((req, res) => handle(req, res));
  const finish = (outcome: { code: string } | FeishuError): void => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
    if (outcome instanceof FeishuError) settle.reject(outcome);
    else settle.resolve(outcome.code);
    server.close();
  };
  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method !== 'GET' || url.pathname !== CALLBACK_PATH || done) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close' }).end('Not found');
      return;
    }
    const q = url.searchParams;
    let page: CallbackOutcome;
    let outcome: { code: string } | FeishuError;
    if (q.get('state') !== options.state) {
      page = 'failed';
      outcome = new FeishuError({ code: 'SIGN_IN_STATE_MISMATCH' });
    } else if (q.get('error')) {
      page = q.get('error') === 'access_denied' ? 'denied' : 'failed';
      outcome = new FeishuError({ code: q.get('error') === 'access_denied' ? 'SIGN_IN_DENIED' : 'SIGN_IN_REFUSED', detail: `Feishu says: "${q.get('error_description') ?? q.get('error')}".` });
    } else if (!q.get('code')) {
      page = 'failed';
      outcome = new FeishuError({ code: 'SIGN_IN_REFUSED', detail: 'The answer carried no code.' });
    } else {
      page = 'signedIn';
      outcome = { code: q.get('code')! };
    }
    const html = callbackPage(page, options.t, options.lang);
    res.writeHead(page === 'signedIn' ? 200 : 400, {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Length': Buffer.byteLength(html),
      'Cache-Control': 'no-store',
      Connection: 'close',
    });
    res.end(html, () => finish(outcome));
  };
  const onAbort = (): void => finish(new FeishuError({ code: 'CANCELLED' }));
  const timer = setTimeout(() => finish(new FeishuError({ code: 'SIGN_IN_TIMEOUT', detail: `Nothing came back in ${Math.round((options.timeoutMs ?? 300_000) / 60_000)} min.` })), options.timeoutMs ?? 300_000);
  timer.unref?.();

  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      done = true;
      reject(err.code === 'EADDRINUSE' ? new FeishuError({ code: 'SIGN_IN_PORT_IN_USE', detail: `Port ${options.port}.`, cause: err }) : err);
    });
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  options.signal?.addEventListener('abort', onAbort, { once: true });
  const port = (server.address() as AddressInfo).port;
  return {
    redirectUri: `http://127.0.0.1:${port}${CALLBACK_PATH}`,
    code,
    close: async () => {
      if (!done) finish(new FeishuError({ code: 'CANCELLED' }));
      server.closeAllConnections();
      await new Promise<void>((resolve) => (server.listening ? server.close(() => resolve()) : resolve()));
    },
  };
}
