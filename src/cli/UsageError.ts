import { formatMessage, type FeishuError } from '../core';

/**
 * A problem with how the CLI was called: reported in one line, with where to find the usage, and exit code 2. It keeps its English
 * template and arguments (or the FeishuError behind it) so the message is translated where it is printed.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  readonly args: string[];
  feishu?: FeishuError;

  constructor(
    readonly template: string,
    ...args: string[]
  ) {
    super(formatMessage(template, args));
    this.args = args;
  }

  /** A bad argument that the core diagnosed (a folder link, a base URL, missing credentials…). */
  static of(err: FeishuError): UsageError {
    const usage = new UsageError(`${err.message} ${err.hint}`);
    usage.feishu = err;
    return usage;
  }
}
