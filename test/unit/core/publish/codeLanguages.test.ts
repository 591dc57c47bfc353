import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { codeLanguage, PLAIN_TEXT } from '../../../../src/core/publish/codeLanguages';

void test('fence words and their aliases map to Feishu code languages; anything else is plain text', () => {
  const cases: [string | null | undefined, number][] = [
    ['ts', 63],
    ['TypeScript', 63],
    ['js', 30],
    ['python', 49],
    ['py', 49],
    ['sh', 60],
    ['bash', 7],
    ['c++', 9],
    ['go', 22],
    ['json', 28],
    ['yaml', 67],
    ['yml', 67],
    ['toml', 75],
    ['diff', 69],
    ['{.rust}', 53],
    ['language-sql', 56],
    ['mermaid', PLAIN_TEXT],
    ['', PLAIN_TEXT],
    [null, PLAIN_TEXT],
    [undefined, PLAIN_TEXT],
  ];
  for (const [lang, code] of cases) assert.equal(codeLanguage(lang), code, String(lang));
});
