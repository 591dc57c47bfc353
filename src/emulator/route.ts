// What a route is: how the request pipeline calls a handler, and what the pipeline must apply first.
import type { Body } from './readBody';
import type { Reply } from './reply';

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
  /** One of the 8 upload endpoints, subject to the rate and concurrency rules. */
  upload: boolean;
  /** A docx write to this document: subject to the docx write limits (per document and per app). */
  docxWrite?: string;
  /**
   * A signed-in user's token must carry one of these scopes, else 99991679 naming them (auth.md §13). The app
   * and pasted user tokens are not checked. Undefined: no check.
   */
  scopes?: readonly string[];
  handle(call: RouteCall): Promise<Reply>;
}
