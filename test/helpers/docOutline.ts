// A docx document in the emulator as readable lines, one per block, to compare block by block.
import type { DocxBlock, DocxDocument } from '../../src/emulator';

/** The document as lines: block type, kind-specific summary, indented by depth. */
export function outline(doc: DocxDocument): string[] {
  const byId = new Map(doc.blocks.map((b) => [b.blockId, b]));
  const lines: string[] = [];
  const visit = (id: string, depth: number): void => {
    const b = byId.get(id)!;
    lines.push(`${'  '.repeat(depth)}${b.blockType} ${summary(b)}`.trimEnd());
    for (const child of b.children) visit(child, depth + 1);
  };
  for (const id of doc.blocks[0].children) visit(id, 0);
  return lines;
}

export function payloadOf(b: DocxBlock): { elements?: { text_run: { content: string } }[]; style?: Record<string, unknown>; property?: unknown } {
  return (Object.values(b.content ?? {})[0] ?? {}) as never;
}

export function summary(b: DocxBlock): string {
  if (b.blockType === 27) return `image ${b.width}x${b.height}`;
  const p = payloadOf(b);
  const text = p.elements?.map((e) => e.text_run.content).join('') ?? '';
  const style = p.style ? ` ${JSON.stringify(p.style)}` : '';
  const property = p.property ? ` ${JSON.stringify(p.property)}` : '';
  return `${JSON.stringify(text)}${style}${property}`.replace(/^""/, '').trim();
}

/** What test/fixtures/publish/release-guide.md becomes (see test/helpers/publishFixture.ts). */
export const FIXTURE_OUTLINE = [
  '2 "Welcome to the release guide. It covers every step, nothing less, with npm run release and a link to the handbook, the glossary, a sibling page and a footnote[why]. Line one ends here\\nand line two follows a hard break."',
  '4 "Screenshots"',
  '27 image 320x200',
  '2 "Before the dialog"',
  '27 image 1280x720',
  '2 "and after it."',
  '2 "Not there yet"',
  '2 "The badge stays a link: build"',
  '5 "Steps"',
  '13 "Prepare the branch" {"sequence":"1"}',
  '13 "Run the checks" {"sequence":"auto"}',
  '  12 "unit tests"',
  '  12 "the e2e suite"',
  '    13 "in English" {"sequence":"1"}',
  '    13 "in Chinese" {"sequence":"auto"}',
  '2 "Then:"',
  '13 "Tag it" {"sequence":"5"}',
  '13 "Announce it" {"sequence":"auto"}',
  '6 "Checklist"',
  '17 "Changelog written" {"done":true}',
  '17 "Version bumped" {"done":false}',
  '7 "Commands"',
  '14 "const answer: number = 42;\\nconsole.log(answer);" {"language":63,"wrap":false}',
  '14 "plain text without a language" {"language":1,"wrap":false}',
  '8 "Notes"',
  '34',
  '  2 "Quoted advice."',
  '  12 "with a list"',
  '  12 "in the quote"',
  '22',
  '31 {"row_size":3,"column_size":3,"header_row":true}',
  '  32',
  '    2 "Step" {"align":1}',
  '  32',
  '    2 "Owner" {"align":2}',
  '  32',
  '    2 "Shot" {"align":3}',
  '  32',
  '    2 "Build" {"align":1}',
  '  32',
  '    2 "CI" {"align":2}',
  '  32',
  '    27 image 1280x720',
  '  32',
  '    2 "Review" {"align":1}',
  '  32',
  '    2 "team" {"align":2}',
  '  32',
  '    2 {"align":3}',
  '2 "[why] Because every release needs one."',
];
