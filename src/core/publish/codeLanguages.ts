// A fenced code block's info string (```ts) → the language of a Feishu code block (docs/feishu/docx.md §3.2).

/** Feishu's code language numbers by the names and aliases people put after ```. */
const LANGUAGES: ReadonlyArray<readonly [number, readonly string[]]> = [
  [1, ['plaintext', 'text', 'txt', 'plain']],
  [2, ['abap']],
  [3, ['ada']],
  [4, ['apache', 'apacheconf']],
  [5, ['apex']],
  [6, ['assembly', 'asm', 'nasm', 'x86asm']],
  [7, ['bash']],
  [8, ['csharp', 'c#', 'cs']],
  [9, ['cpp', 'c++', 'cc', 'cxx', 'hpp', 'h++']],
  [10, ['c', 'h']],
  [11, ['cobol']],
  [12, ['css']],
  [13, ['coffeescript', 'coffee']],
  [14, ['d']],
  [15, ['dart']],
  [16, ['delphi', 'pascal', 'pas']],
  [17, ['django', 'jinja']],
  [18, ['dockerfile', 'docker']],
  [19, ['erlang', 'erl']],
  [20, ['fortran', 'f90']],
  [21, ['foxpro']],
  [22, ['go', 'golang']],
  [23, ['groovy', 'gradle']],
  [24, ['html', 'xhtml', 'htm']],
  [25, ['htmlbars', 'handlebars', 'hbs']],
  [26, ['http']],
  [27, ['haskell', 'hs']],
  [28, ['json', 'jsonc', 'json5']],
  [29, ['java']],
  [30, ['javascript', 'js', 'jsx', 'mjs', 'cjs', 'node']],
  [31, ['julia', 'jl']],
  [32, ['kotlin', 'kt', 'kts']],
  [33, ['latex', 'tex']],
  [34, ['lisp', 'elisp', 'clojure', 'clj']],
  [35, ['logo']],
  [36, ['lua']],
  [37, ['matlab']],
  [38, ['makefile', 'make', 'mk']],
  [39, ['markdown', 'md', 'mdx']],
  [40, ['nginx', 'nginxconf']],
  [41, ['objectivec', 'objective-c', 'objc', 'm']],
  [42, ['openedge', 'abl']],
  [43, ['php']],
  [44, ['perl', 'pl']],
  [45, ['postscript', 'ps']],
  [46, ['powershell', 'ps1', 'pwsh']],
  [47, ['prolog']],
  [48, ['protobuf', 'proto']],
  [49, ['python', 'py', 'python3', 'py3']],
  [50, ['r']],
  [51, ['rpg']],
  [52, ['ruby', 'rb']],
  [53, ['rust', 'rs']],
  [54, ['sas']],
  [55, ['scss', 'sass', 'less']],
  [56, ['sql', 'mysql', 'postgresql', 'psql', 'sqlite', 'plsql']],
  [57, ['scala', 'sc']],
  [58, ['scheme', 'scm', 'racket']],
  [59, ['scratch']],
  [60, ['shell', 'sh', 'zsh', 'console', 'shellsession', 'fish']],
  [61, ['swift']],
  [62, ['thrift']],
  [63, ['typescript', 'ts', 'tsx', 'mts', 'cts']],
  [64, ['vbscript', 'vbs']],
  [65, ['vb', 'vbnet', 'visualbasic']],
  [66, ['xml', 'svg', 'xsl', 'plist']],
  [67, ['yaml', 'yml']],
  [68, ['cmake']],
  [69, ['diff', 'patch']],
  [70, ['gherkin', 'cucumber', 'feature']],
  [71, ['graphql', 'gql']],
  [72, ['glsl', 'opengl']],
  [73, ['properties', 'ini', 'conf', 'cfg']],
  [74, ['solidity', 'sol']],
  [75, ['toml']],
];

const BY_NAME: ReadonlyMap<string, number> = new Map(LANGUAGES.flatMap(([code, names]) => names.map((n) => [n, code] as const)));

/** Plain text: for no language or one Feishu does not highlight (e.g. mermaid). */
export const PLAIN_TEXT = 1;

/** The Feishu language for a fence's language word (case-insensitive, "{.python}" style braces allowed). */
export function codeLanguage(lang: string | null | undefined): number {
  let name = (lang ?? '').trim().toLowerCase();
  if (name.startsWith('{') && name.endsWith('}')) name = name.slice(1, -1).trim();
  if (name.startsWith('.')) name = name.slice(1);
  if (name.startsWith('language-')) name = name.slice('language-'.length);
  return BY_NAME.get(name) ?? PLAIN_TEXT;
}
