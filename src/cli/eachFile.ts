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

/**
 * Runs `work` on every file in turn and reports each as it ends: a JSON line on stdout with --json, else a
 * text line (successes on stdout, failures on stderr). Returns the exit code: 0 all done, 1 some failed,
 * 130 interrupted.
 */
export async function eachFile<R>(
  files: readonly string[],
  io: CliIo,
  json: boolean,
  lines: OutcomeLines<R>,
  t: Translate,
  work: (file: string, index: number) => Promise<R>,
): Promise<number> {
  const outcomes: Outcome<R>[] = [];
  for (const [index, file] of files.entries()) {
    if (io.signal?.aborted) break;
    let outcome: Outcome<R>;
    try {
      outcome = { file, result: await work(file, index) };
    } catch (error) {
      outcome = { file, error };
    }
    outcomes.push(outcome);
    if (json) io.stdout.write(`${lines.json(outcome)}\n`);
    if (outcome.result !== undefined && !json) io.stdout.write(`${lines.text(outcome, t)}\n`);
    if (outcome.error !== undefined) io.stderr.write(`${lines.text(outcome, t)}\n`);
  }
  const done = outcomes.filter((o) => o.result !== undefined).length;
  if (io.signal?.aborted) {
    const notDone = files.filter((f) => !outcomes.some((o) => o.file === f && o.result !== undefined));
    io.stderr.write(`${lines.interrupted(t, done, files.length, notDone.join(', '))}\n`);
    return 130;
  }
  return done === files.length ? 0 : 1;
}
