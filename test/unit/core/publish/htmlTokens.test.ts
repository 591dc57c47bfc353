import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { decodeEntities, htmlTokens } from '../../../../src/core/publish/htmlTokens';

void test('tags with quoted, unquoted and bare attributes; names lower-cased; self-closing', () => {
  assert.deepEqual(htmlTokens('<IMG SRC="a b.png" width=200 alt="It\'s" title=\'say "hi"\' hidden/>'), [
    { kind: 'tag', name: 'img', closing: false, attrs: { src: 'a b.png', width: '200', alt: "It's", title: 'say "hi"', hidden: '' } },
  ]);
  assert.deepEqual(htmlTokens('<p align="center">x</p>'), [
    { kind: 'tag', name: 'p', closing: false, attrs: { align: 'center' } },
    { kind: 'text', text: 'x' },
    { kind: 'tag', name: 'p', closing: true, attrs: {} },
  ]);
});

void test('comments and script or style content are not text; a lone < is text; entities are decoded', () => {
  assert.deepEqual(htmlTokens('a <!-- hidden <b> --> b'), [{ kind: 'text', text: 'a ' }, { kind: 'comment' }, { kind: 'text', text: ' b' }]);
  assert.deepEqual(
    htmlTokens('<script>if (a < b) x()</script>after'),
    [
      { kind: 'tag', name: 'script', closing: false, attrs: {} },
      { kind: 'tag', name: 'script', closing: true, attrs: {} },
      { kind: 'text', text: 'after' },
    ],
  );
  assert.deepEqual(htmlTokens('1 < 2 &amp;&lt;3'), [{ kind: 'text', text: '1 < 2 &<3' }]);
  assert.deepEqual(htmlTokens('<img src="x'), [{ kind: 'text', text: '<img src="x' }], 'an unfinished tag is text');
  assert.equal(decodeEntities('&#x4E2D;&#25991; &nbsp;&quot;&unknown; &amp'), '中文 \u00a0"&unknown; &amp');
});
