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
}

export interface Route {
  /** Needs `Authorization: Bearer <token>`. */
  auth: boolean;
  /** One of the 8 upload endpoints, subject to the rate and concurrency rules. */
  upload: boolean;
  /** A docx write to this document: subject to the docx write limits (per document and per app). */
  docxWrite?: string;
  handle(call: RouteCall): Promise<Reply>;
}
