import type { Translate } from '../core';
import type { CliIo } from './io';

export interface Outcome<R> {
  file: string;
  result?: R;
  error?: unknown;
}

export interface OutcomeLines<R> {
  /** The line after Ctrl-C: how many of how many were done, and the files that were not. */
  interrupted(t: Translate, done: number, total: number, notDone: string): string;
  json(outcome: Outcome<R>): string;
  text(outcome: Outcome<R>, t: Translate): string;
}

export interface EachFileOptions<R> {
  /**
   * Completes finished results before they are reported, several at once (e.g. Feishu's links for up to 200
   * files in one call). Default: report each file as it ends.
   */
  complete?: (results: R[]) => Promise<void>;
  /** How many finished files wait for `complete` at most. Default 200. */
  completeEvery?: number;
  /**
   * Told the results of a group once their lines are written (e.g. to drop the records that let a run killed
   * before its report be answered by the next one instead of uploading again).
   */
  reported?: (results: R[]) => Promise<void>;
  /** A successful result that still needs the user's attention (a warning line on stderr; exit code 1). */
  warning?: (outcome: Outcome<R>, t: Translate) => string | undefined;
}

/**
 * Runs `work` on every file in turn and reports each as it ends (or, with `complete`, in groups): a JSON line on
 * stdout with --json, else a text line (successes on stdout, failures on stderr). Returns the exit code: 0 all
 * done, 1 some failed (or has a warning), 130 interrupted.
 */
export async function eachFile<R>(
  files: readonly string[],
  io: CliIo,
  json: boolean,
  lines: OutcomeLines<R>,
  t: Translate,
  work: (file: string, index: number) => Promise<R>,
  options: EachFileOptions<R> = {},
): Promise<number> {
  const outcomes: Outcome<R>[] = [];
  let pending: Outcome<R>[] = [];
  let warned = false;
  const report = async (): Promise<void> => {
    const group = pending;
    pending = [];
    const results = group.flatMap((o) => (o.result === undefined ? [] : [o.result]));
    if (options.complete && results.length > 0) await options.complete(results);
    for (const outcome of group) {
      if (json) io.stdout.write(`${lines.json(outcome)}\n`);
      if (outcome.result !== undefined && !json) io.stdout.write(`${lines.text(outcome, t)}\n`);
      if (outcome.error !== undefined) io.stderr.write(`${lines.text(outcome, t)}\n`);
      const warning = outcome.result === undefined ? undefined : options.warning?.(outcome, t);
      if (warning !== undefined) {
        warned = true;
        io.stderr.write(`${warning}\n`);
      }
    }
    if (options.reported && results.length > 0) await options.reported(results);
  };
  const every = options.complete ? (options.completeEvery ?? 200) : 1;
  for (const [index, file] of files.entries()) {
    if (io.signal?.aborted) break;
    let outcome: Outcome<R>;
    try {
      outcome = { file, result: await work(file, index) };
    } catch (error) {
      outcome = { file, error };
    }
    outcomes.push(outcome);
    pending.push(outcome);
    // A failure is reported at once (with what finished before it, to keep the order).
    if (outcome.error !== undefined || pending.filter((o) => o.result !== undefined).length >= every) await report();
  }
  await report();
  const done = outcomes.filter((o) => o.result !== undefined).length;
  if (io.signal?.aborted) {
    const notDone = files.filter((f) => !outcomes.some((o) => o.file === f && o.result !== undefined));
    io.stderr.write(`${lines.interrupted(t, done, files.length, notDone.join(', '))}\n`);
    return 130;
  }
  return done === files.length && !warned ? 0 : 1;
}
