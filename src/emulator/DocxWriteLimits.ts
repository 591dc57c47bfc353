// Feishu's docx write limits: 3 writes per second per app (HTTP 400 + 99991400) and 3 edits per second per
// document (HTTP 429 + 99991400), counted at arrival over a sliding 1000 ms window. Rejections are recorded
// as violations, like the upload rules', so tests can assert a client never trips them.
import { SlidingWindowLimits } from './SlidingWindowLimits';
import type { Violation } from './types';

const WINDOW_MS = 1000;

export type WriteAdmission = { ok: true } | { ok: false; status: 400 | 429; violation: Violation };

export class DocxWriteLimits extends SlidingWindowLimits {
  constructor(
    /** Writes per sliding second, per document and per app. */
    readonly perSecond: number,
    now?: () => number,
    wallClock?: () => number,
  ) {
    super(now, wallClock);
  }

  /** Call at a write's arrival; an accepted write counts for its document and for the app. */
  admit(documentId: string, endpoint: string): WriteAdmission {
    const now = this.now();
    const documentKey = `document ${documentId}`;
    const byDocument = this.recent(documentKey, now, WINDOW_MS);
    if (byDocument.length >= this.perSecond) return this.reject(endpoint, 'docxDocument', 429, `${byDocument.length + 1} writes to document ${documentId} within ${WINDOW_MS} ms`);
    const byApp = this.recent('app', now, WINDOW_MS);
    if (byApp.length >= this.perSecond) return this.reject(endpoint, 'docxApp', 400, `${byApp.length + 1} docx writes of the app within ${WINDOW_MS} ms`);
    byDocument.push(now);
    byApp.push(now);
    return { ok: true };
  }

  private reject(endpoint: string, reason: Violation['reason'], status: 400 | 429, detail: string): WriteAdmission {
    return { ok: false, status, violation: this.violation(endpoint, reason, `${detail} (limit ${this.perSecond})`) };
  }
}
