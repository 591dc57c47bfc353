import { minimatch } from 'minimatch';

/** files.exclude as VS Code stores it: pattern → true/false, or a sibling clause like {when: "$(basename).ts"}. */
export type ExcludeConfig = Readonly<Record<string, unknown>>;

/** Decides whether a path (relative to its workspace folder, `/`-separated) is excluded; siblings are the names next to it. */
export type ExcludeTest = (relativePath: string, siblings: ReadonlySet<string>) => boolean;

/**
 * Compiles files.exclude with minimatch, which reads VS Code's glob syntax as VS Code does where it matters
 * here: braces expanded before globstars (`{**\/*.js,**\/*.map}` matches a top-level `x.js`), `[!a]` negation,
 * dot files matched. (picomatch, tried first, misses both of the former.) A pattern without `**` matches at the
 * top level only, as in VS Code; `x/**` leaves out everything below x.
 */
export function compileExcludes(config: ExcludeConfig | undefined): ExcludeTest {
  const rules: { matches: (path: string) => boolean; when?: string }[] = [];
  for (const [pattern, value] of Object.entries(config ?? {})) {
    const when = value && typeof value === 'object' && typeof (value as { when?: unknown }).when === 'string' ? (value as { when: string }).when : undefined;
    if (value !== true && when === undefined) continue;
    rules.push({ matches: (path) => minimatch(path, pattern, { dot: true }), when });
  }
  return (relativePath, siblings) => {
    const name = relativePath.slice(relativePath.lastIndexOf('/') + 1);
    return rules.some((r) => r.matches(relativePath) && (r.when === undefined || siblings.has(r.when.replace('$(basename)', stem(name)))));
  };
}

/** "a.b.js" → "a.b": what $(basename) means in a sibling clause. */
function stem(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}
