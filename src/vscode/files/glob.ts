/**
 * Just enough of VS Code's glob syntax for `files.exclude`: `**`, `*`, `?`, `{a,b}`, `[abc]`/`[!abc]`,
 * matched against a path relative to the workspace folder with `/` separators.
 */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  let braces = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      const slashAfter = glob[i + 2] === '/';
      const slashBefore = i === 0 || glob[i - 1] === '/';
      if (slashAfter && slashBefore) {
        re += '(?:[^/]+/)*'; // "**/": any number of whole folders, none included
        i += 2;
      } else if (slashBefore && i + 2 === glob.length && re.endsWith('/')) {
        re = `${re.slice(0, -1)}(?:/.*)?`; // "x/**": x itself and everything below it
        i += 1;
      } else {
        re += '.*';
        i += 1;
      }
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '{') {
      braces++;
      re += '(?:';
    } else if (c === '}' && braces > 0) {
      braces--;
      re += ')';
    } else if (c === ',' && braces > 0) re += '|';
    else if (c === '[') {
      const end = glob.indexOf(']', i + 2);
      if (end < 0) re += '\\[';
      else {
        const body = glob.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\');
        re += `[${body}]`;
        i = end;
      }
    } else re += c.replace(/[.+^$()|\\\]]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/** files.exclude as VS Code stores it: pattern → true/false, or a sibling clause like {when: "$(basename).ts"}. */
export type ExcludeConfig = Readonly<Record<string, unknown>>;

/** Decides whether a path (relative to its workspace folder) is excluded; siblings are the names next to it. */
export type ExcludeTest = (relativePath: string, siblings: ReadonlySet<string>) => boolean;

export function compileExcludes(config: ExcludeConfig | undefined): ExcludeTest {
  const rules: { re: RegExp; when?: string }[] = [];
  for (const [pattern, value] of Object.entries(config ?? {})) {
    if (value === true) rules.push({ re: globToRegExp(pattern) });
    else if (value && typeof value === 'object' && typeof (value as { when?: unknown }).when === 'string') {
      rules.push({ re: globToRegExp(pattern), when: (value as { when: string }).when });
    }
  }
  return (relativePath, siblings) => {
    const name = relativePath.slice(relativePath.lastIndexOf('/') + 1);
    return rules.some((r) => r.re.test(relativePath) && (r.when === undefined || siblings.has(r.when.replace('$(basename)', stem(name)))));
  };
}

/** "a.b.js" → "a.b": what $(basename) means in a sibling clause. */
function stem(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}
