// What a route is: how the request pipeline calls a handler, and what the pipeline must apply first.
import type { Body } from './readBody';
import type { Reply } from './reply';
import type { LimitedApi } from './types';

export interface RouteCall {
  body: Body;
  contentType: string | undefined;
  /** The query string of the request. */
  query: URLSearchParams;
  identity: string;
  expireSessionFirst: boolean;
  /** The Authorization header as sent: the token endpoint and device authorization read Basic credentials. */
  authorization?: string;
}

export interface Route {
  /** Needs `Authorization: Bearer <token>`. */
  auth: boolean;
  /**
   * Subject to the upload rules: 5 per second per endpoint, no two calls in flight (the 8 upload endpoints, and
   * create_folder and delete, which Feishu limits the same way: docs/feishu/limits.md §3, drive.md §7).
   */
  upload: boolean;
  /** A Drive call with a per-app limit of its own (listing, metas, permissions). */
  limited?: LimitedApi;
  /** A docx write to this document: subject to the docx write limits (per document and per app). */
  docxWrite?: string;
  /**
   * A signed-in user's token must carry one of these scopes, else 99991679 naming them (auth.md §13). The app
   * and pasted user tokens are not checked. Undefined: no check.
   */
  scopes?: readonly string[];
  handle(call: RouteCall): Promise<Reply>;
}
