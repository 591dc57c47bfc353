import * as http from 'node:http';
import * as https from 'node:https';
import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import { FeishuError } from '../errors/FeishuError';

/** Keep-alive: a 64-part upload reuses one TLS connection instead of 64 handshakes. */
export function createHttp(baseUrl: string, userAgent: string): { axios: AxiosInstance; dispose(): void } {
  const httpAgent = new http.Agent({ keepAlive: true, maxSockets: 4 });
  const httpsAgent = new https.Agent({ keepAlive: true, maxSockets: 4 });
  const instance = axios.create({
    baseURL: `${baseUrl}/open-apis/`,
    httpAgent,
    httpsAgent,
    // No redirects: axios' redirect follower buffers the whole body, and a token must not follow a redirect.
    maxRedirects: 0,
    // -1, not Infinity: axios wraps a streamed body in a counting Transform for any limit > -1, and that
    // wrapper keeps the keep-alive socket from returning to the pool (each part then opens a new connection).
    maxBodyLength: -1,
    maxContentLength: 16 * 1024 * 1024,
    responseType: 'text',
    transformResponse: [(data: unknown) => data],
    validateStatus: () => true,
    headers: { 'User-Agent': userAgent },
  });
  return {
    axios: instance,
    dispose: () => {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}

/**
 * An axios transport (used since maxRedirects is 0) that reports when the request gets its socket: the
 * moment it really leaves, for the rate limiter.
 */
export function dispatchReporting(onSocket: () => void): { request: typeof http.request } {
  const request = ((options: http.RequestOptions, callback?: (res: http.IncomingMessage) => void) => {
    const req = (options.protocol === 'https:' ? https : http).request(options, callback);
    req.once('socket', onSocket);
    return req;
  }) as typeof http.request;
  return { request };
}

/** Maps a transport failure (no HTTP answer) to our error type. */
export function transportError(err: unknown, endpoint: string): FeishuError {
  if (err instanceof FeishuError) return err;
  const code = (err as { code?: string }).code;
  if (axios.isCancel(err) || code === 'ERR_CANCELED') return new FeishuError({ code: 'CANCELLED', endpoint, cause: err });
  if (code === 'ECONNABORTED' || code === 'ETIMEDOUT') return new FeishuError({ code: 'TIMEOUT', endpoint, cause: err });
  return new FeishuError({ code: 'NETWORK', endpoint, detail: code ? `(${code})` : undefined, cause: err });
}

export function headerValue(res: AxiosResponse, name: string): string | undefined {
  const v: unknown = res.headers[name];
  return typeof v === 'string' && v !== '' ? v : undefined;
}
