import { strict as assert } from 'node:assert';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { warningText } from '../../../../src/core';
import type { DraftBlock } from '../../../../src/core/publish/draftBlocks';
import { convertMarkdown } from '../../../../src/core/publish/markdownToBlocks';
import { tempDir } from '../../../helpers/fixtures';
import { pngImage } from '../../../helpers/images';

const tmp = tempDir();
const md = join(tmp.dir, 'Notes Draft.md');
writeFileSync(join(tmp.dir, 'pic.png'), pngImage(200, 100));
after(() => tmp.dispose());

/** Blocks as [kind, text or detail, children] for compact comparisons. */
function shape(blocks: readonly DraftBlock[]): unknown[] {
  return blocks.map((b) => {
    const elements = b.payload.elements as { text_run: { content: string } }[] | undefined;
    const detail = b.image ? `${b.image.width}x${b.image.height}` : elements ? elements.map((e) => e.text_run.content).join('') : '';
    return b.children.length > 0 ? [b.kind, detail, shape(b.children)] : [b.kind, detail];
  });
}

async function convert(markdown: string): Promise<Awaited<ReturnType<typeof convertMarkdown>>> {
  return convertMarkdown(markdown, md);
}

void test('title: front matter, else the first heading 1 (left out when it opens the document), else the file name', async () => {
  const fromFront = await convert('---\ntitle: From front matter\n---\n# Heading\n\nText.\n');
  assert.equal(fromFront.title, 'From front matter');
  assert.deepEqual(shape(fromFront.blocks), [['heading1', 'Heading'], ['text', 'Text.']], 'a different heading stays');
  const fromHeading = await convert('# The *real* title\n\nText.\n\n# Another\n');
  assert.equal(fromHeading.title, 'The real title');
  assert.deepEqual(shape(fromHeading.blocks), [['text', 'Text.'], ['heading1', 'Another']]);
  const laterHeading = await convert('Intro.\n\n# Later\n');
  assert.equal(laterHeading.title, 'Later');
  assert.deepEqual(shape(laterHeading.blocks), [['text', 'Intro.'], ['heading1', 'Later']], 'not the opening block: kept');
  const numeric = await convert('---\ntitle: 2026\n---\nx\n');
  assert.equal(numeric.title, '2026');
  assert.equal((await convert('Just text.\n')).title, 'Notes Draft');
});

void test('front matter that is not YAML is a warning naming its line; the rest is published', async () => {
  const converted = await convert('---\ntitle: [unclosed\n---\n\nBody.\n');
  assert.equal(converted.title, 'Notes Draft');
  assert.deepEqual(shape(converted.blocks), [['text', 'Body.']]);
  assert.equal(converted.warnings.length, 1);
  assert.match(warningText(converted.warnings[0]), /^Line 1: the front matter is not valid YAML \(.+\); it was ignored\.$/);
});

void test('headings 1-6, and a heading\'s image after it as its own block', async () => {
  const converted = await convert('Intro\n\n# A\n## B\n### C\n#### D\n##### E\n###### F ![p](pic.png)\n####### not a heading\n');
  assert.deepEqual(shape(converted.blocks), [
    ['text', 'Intro'],
    ['heading1', 'A'],
    ['heading2', 'B'],
    ['heading3', 'C'],
    ['heading4', 'D'],
    ['heading5', 'E'],
    ['heading6', 'F'],
    ['image', '200x100'],
    ['text', '####### not a heading'],
  ]);
});

void test('inline HTML: <b>, <i>, <s>, <code>, <a href>, <br>, <img width>; other tags drop, their text stays', async () => {
  const converted = await convert('x\n\nA <b>bold</b> <i>it</i> <s>gone</s> <code>c</code> <a href="https://e.com">link</a><br>next <span>plain</span> <img src="pic.png" width="50"> end\n');
  const [, text, image, after] = converted.blocks;
  assert.deepEqual(text.payload.elements, [
    { text_run: { content: 'A ' } },
    { text_run: { content: 'bold', text_element_style: { bold: true } } },
    { text_run: { content: ' ' } },
    { text_run: { content: 'it', text_element_style: { italic: true } } },
    { text_run: { content: ' ' } },
    { text_run: { content: 'gone', text_element_style: { strikethrough: true } } },
    { text_run: { content: ' ' } },
    { text_run: { content: 'c', text_element_style: { inline_code: true } } },
    { text_run: { content: ' ' } },
    { text_run: { content: 'link', text_element_style: { link: { url: encodeURIComponent('https://e.com') } } } },
    { text_run: { content: '\nnext plain' } },
  ]);
  assert.deepEqual(shape([image, after]), [
    ['image', '50x25'],
    ['text', 'end'],
  ]);
});

void test('block HTML: the centred logo becomes an image block; tables and the like are text with a warning', async () => {
  const converted = await convert('x\n\n<div align="center">\n  <img src="pic.png" height="40" alt="Logo">\n  <p>Caption &amp; more</p>\n</div>\n\n<table><tr><td>cell</td></tr></table>\n\n<!-- a comment -->\n');
  assert.deepEqual(shape(converted.blocks).slice(1), [
    ['image', '80x40'],
    ['text', 'Caption & more'],
    ['text', 'cell'],
  ]);
  assert.deepEqual(converted.warnings.map((w) => warningText(w)), ['Line 8: HTML <table> has no Feishu equivalent; only its text was published.']);
});

void test('lists: a list item that starts with an image, loose items with more paragraphs, code in an item', async () => {
  const converted = await convert('x\n\n- ![p](pic.png) after\n- first\n\n  second paragraph\n\n  ```sh\n  ls\n  ```\n');
  assert.deepEqual(shape(converted.blocks).slice(1), [
    ['bullet', '', [['image', '200x100'], ['text', 'after']]],
    ['bullet', 'first', [['text', 'second paragraph'], ['code', 'ls']]],
  ]);
  assert.deepEqual(converted.blocks[2].children[1].payload.style, { language: 60, wrap: false });
});

void test('images: reference style, remote ones inside links, embedded data, an SVG, an unreadable one', async () => {
  writeFileSync(join(tmp.dir, 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>');
  writeFileSync(join(tmp.dir, 'empty.png'), '');
  const converted = await convert(
    'x\n\n![ref][pic]\n\n[![badge](https://ci.example.com/b.svg)](https://ci.example.com)\n\n![inline](data:image/png;base64,iVBORw0KGgo=)\n\n![vector](logo.svg)\n\n![](empty.png)\n\n[pic]: pic.png\n',
  );
  assert.deepEqual(shape(converted.blocks).slice(1), [
    ['image', '200x100'],
    ['text', 'badge'],
    ['text', 'inline'],
    ['text', 'vector'],
    ['text', 'empty.png'],
  ]);
  assert.deepEqual((converted.blocks[2].payload.elements as unknown[])[0], { text_run: { content: 'badge', text_element_style: { link: { url: encodeURIComponent('https://ci.example.com') } } } }, 'the outer link wins');
  assert.deepEqual(converted.warnings.map((w) => warningText(w)), [
    'Line 7: an image embedded as data (data:image/png;base64,iV…) is not published; its description was published as text instead.',
    'Line 9: logo.svg is not a PNG, JPEG, GIF, BMP or WebP image, which is what Feishu shows; it was published as text instead.',
    'Line 11: empty.png is not a PNG, JPEG, GIF, BMP or WebP image, which is what Feishu shows; it was published as text instead.',
  ]);
  assert.equal(converted.images.length, 1);
});

void test('links that only work next to the file (other pages, anchors, mailto) keep their text, with a warning each', async () => {
  const converted = await convert('x\n\nSee [setup](setup.md), [below](#usage) and [mail](mailto:a@b.c).\n');
  assert.deepEqual(converted.blocks[1].payload.elements, [{ text_run: { content: 'See setup, below and mail.' } }]);
  assert.deepEqual(
    converted.warnings.map((w) => [w.line, w.subject]),
    [
      [3, 'setup.md'],
      [3, '#usage'],
      [3, 'mailto:a@b.c'],
    ],
  );
});

void test('line breaks: a soft break is a space, none between CJK characters; a hard break stays', async () => {
  const converted = await convert('x\n\nfirst\nsecond\n\n第一行\n第二行\n\nend\\\nnext\n');
  assert.deepEqual(shape(converted.blocks).slice(1), [
    ['text', 'first second'],
    ['text', '第一行第二行'],
    ['text', 'end\nnext'],
  ]);
});

void test('quotes nest; an empty code block and an empty quote still hold what Feishu requires', async () => {
  const converted = await convert('x\n\n> outer\n> > inner\n\n```\n```\n\n>\n');
  assert.deepEqual(shape(converted.blocks).slice(1), [
    ['quote_container', '', [['text', 'outer'], ['quote_container', '', [['text', 'inner']]]]],
    ['code', ''],
    ['quote_container', '', [['text', '']]],
  ]);
  assert.deepEqual(converted.blocks[2].payload.elements, [{ text_run: { content: '' } }]);
});

void test('tables: ragged rows are padded, every cell holds a block; the count of blocks includes every nested one', async () => {
  const converted = await convert('x\n\n| a | b |\n|---|---|\n| 1 |\n');
  assert.deepEqual(shape(converted.blocks)[1], ['table', '', [['table_cell', '', [['text', 'a']]], ['table_cell', '', [['text', 'b']]], ['table_cell', '', [['text', '1']]], ['table_cell', '', [['text', '']]]]]);
  assert.deepEqual(converted.blocks[1].payload, { property: { row_size: 2, column_size: 2, header_row: true } });
  assert.equal(converted.blockCount, 1 + 1 + 4 * 2);
});

void test('every block remembers its line; temporary ids are unique', async () => {
  const converted = await convert('x\n\n- a\n  - b\n\n| h |\n|---|\n| c |\n');
  const all: DraftBlock[] = [];
  const visit = (b: DraftBlock): void => {
    all.push(b);
    b.children.forEach(visit);
  };
  converted.blocks.forEach(visit);
  assert.equal(new Set(all.map((b) => b.id)).size, all.length);
  assert.deepEqual(
    all.map((b) => [b.kind, b.line]),
    [
      ['text', 1],
      ['bullet', 3],
      ['bullet', 4],
      ['table', 6],
      ['table_cell', 6],
      ['text', 6],
      ['table_cell', 8],
      ['text', 8],
    ],
  );
});
