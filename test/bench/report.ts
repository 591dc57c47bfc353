import { existsSync, readFileSync, writeFileSync } from 'node:fs';

/**
 * BENCHMARKS.md holds one section per generator (`npm run bench`, `npm run soak`), each between
 * `<!-- <name>:start -->` and `<!-- <name>:end -->`: a generator replaces its own section and keeps the others.
 * A section not there yet is added at the end.
 */
export function writeSection(path: string, name: string, text: string): void {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const block = `${start}\n${text.trimEnd()}\n${end}`;
  const old = existsSync(path) ? readFileSync(path, 'utf8') : '';
  const from = old.indexOf(start);
  const to = old.indexOf(end);
  const next = from >= 0 && to > from ? `${old.slice(0, from)}${block}${old.slice(to + end.length)}` : `${old.trimEnd()}${old ? '\n\n' : ''}${block}\n`;
  writeFileSync(path, next);
}
