import { FeishuError, formatBytes, redact, type CallInfo } from '../../core';

/** The part of vscode.LogOutputChannel the log writes to; a port so unit tests capture lines. */
export interface LogSink {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  show(preserveFocus?: boolean): void;
}

/** "POST drive/v1/files/upload_part → HTTP 200, code 0, log id 2026…, 123 ms". */
export function callLine(c: CallInfo): string {
  const parts = [`HTTP ${c.httpStatus ?? '-'}`, `code ${c.code ?? '-'}`, `log id ${c.logId ?? '-'}`, `${c.ms} ms`];
  return `${c.method} ${c.endpoint} → ${parts.join(', ')}`;
}

/** Everything about a failure, for support: code, endpoint, HTTP status, log id (all in the message) and the hint. */
export function failureLine(context: string, err: unknown): string {
  if (err instanceof FeishuError) return `${context}: ${err.message} Hint: ${err.hint}`;
  if (err instanceof Error) return `${context}: ${err.stack ?? err.message}`;
  return `${context}: ${String(err)}`;
}

/**
 * The "Feishu Upload" log: one line per HTTP call and per file, the log id of every error, never a token
 * (every line goes through redact, whatever its origin).
 */
export class UploadLog {
  constructor(private readonly sink: LogSink) {}

  call(info: CallInfo): void {
    const line = redact(callLine(info));
    if (info.code === undefined || info.code === 0) this.sink.info(line);
    else this.sink.warn(line);
  }

  info(message: string): void {
    this.sink.info(redact(message));
  }

  warn(message: string): void {
    this.sink.warn(redact(message));
  }

  failure(context: string, err: unknown): void {
    this.sink.error(redact(failureLine(context, err)));
  }

  retry(err: FeishuError, retry: number, delayMs: number): void {
    this.warn(`retry ${retry + 1} in ${delayMs} ms after: ${err.message}`);
  }

  fileStarted(path: string, size: number, target: string): void {
    this.info(`upload ${path} (${formatBytes(size)}) to ${target}`);
  }

  show(): void {
    this.sink.show(true);
  }
}
