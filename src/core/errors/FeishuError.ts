import { formatMessage } from '../util/translate';
import { codeLabel, lookup, type ErrorCategory, type ErrorCode } from './catalogue';
import { redact } from './redact';

/**
 * A sentence of ours added after an error: what the failed work left behind (e.g. "the new document was deleted
 * again"). `text` is an English template with {0}, {1}… (and the translation key, like catalogue texts).
 */
export interface ErrorNote {
  readonly text: string;
  readonly args: readonly string[];
}

export interface FeishuErrorInit {
  code: ErrorCode;
  /** Extra words after the catalogue's meaning, e.g. the server's msg or the path; redacted. */
  detail?: string;
  httpStatus?: number;
  /** The API path, e.g. "drive/v1/files/upload_part". */
  endpoint?: string;
  /** X-Tt-Logid of the response, for Feishu support. */
  logId?: string;
  /** For rate limits: how long Feishu asked us to wait (x-ogw-ratelimit-reset), in ms. */
  retryAfterMs?: number;
  /** For scope errors (99991672, 99991676, 99991679): the scopes Feishu named, any one of which would do. */
  scopes?: readonly string[];
  /** What the failure left behind, told after the context. */
  note?: ErrorNote;
  cause?: unknown;
}

/**
 * The one error type of the core. Diagnosable from its text alone (code, endpoint, HTTP status, log id),
 * never containing a token: every free-text part goes through redact().
 */
export class FeishuError extends Error {
  override readonly name = 'FeishuError';
  readonly code: ErrorCode;
  readonly category: ErrorCategory;
  readonly retryable: boolean;
  readonly meaning: string;
  readonly hint: string;
  readonly detail?: string;
  /** "code 1061004, drive/v1/files/upload_all, HTTP 403, log id …": the part of the message no UI translates. */
  readonly context: string;
  readonly httpStatus?: number;
  readonly endpoint?: string;
  readonly logId?: string;
  readonly retryAfterMs?: number;
  readonly scopes?: readonly string[];
  readonly note?: ErrorNote;

  constructor(init: FeishuErrorInit) {
    const entry = lookup(init.code);
    const detail = init.detail === undefined ? undefined : redact(init.detail);
    const context = [
      codeLabel(init.code),
      init.endpoint,
      init.httpStatus === undefined ? undefined : `HTTP ${init.httpStatus}`,
      init.logId === undefined ? undefined : `log id ${init.logId}`,
    ].filter((x): x is string => x !== undefined);
    const note = init.note && { text: init.note.text, args: init.note.args.map((a) => redact(a)) };
    const after = note ? ` ${formatMessage(note.text, note.args)}` : '';
    super(`${entry.meaning}${detail ? ` ${detail}` : ''} (${context.join(', ')})${after}`, { cause: init.cause });
    this.context = context.join(', ');
    this.code = init.code;
    this.category = entry.category;
    this.retryable = entry.retryable;
    this.meaning = entry.meaning;
    this.hint = entry.hint;
    this.detail = detail;
    this.httpStatus = init.httpStatus;
    this.endpoint = init.endpoint;
    this.logId = init.logId;
    this.retryAfterMs = init.retryAfterMs;
    this.scopes = init.scopes;
    this.note = note;
  }

  /** The same error with a note on what it left behind (replacing any earlier note). */
  withNote(note: ErrorNote): FeishuError {
    return new FeishuError({
      code: this.code,
      detail: this.detail,
      httpStatus: this.httpStatus,
      endpoint: this.endpoint,
      logId: this.logId,
      retryAfterMs: this.retryAfterMs,
      scopes: this.scopes,
      note,
      cause: this,
    });
  }

  /** One line for a person: what happened and what to do. */
  get userMessage(): string {
    return `${this.message} ${this.hint}`;
  }
}

export function isCancelled(err: unknown): boolean {
  return err instanceof FeishuError && err.code === 'CANCELLED';
}

export function cancelledError(): FeishuError {
  return new FeishuError({ code: 'CANCELLED' });
}
