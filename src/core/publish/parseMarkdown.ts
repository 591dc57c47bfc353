// Markdown → a syntax tree (mdast), with GitHub's extensions (tables, task lists, strikethrough, autolinks,
// footnotes) and YAML front matter, by the micromark / mdast family (syntax-tree/mdast-util-from-markdown):
// CommonMark-exact, and every node keeps its source position, so warnings can name the line.
import type { Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { frontmatter } from 'micromark-extension-frontmatter';
import { gfm } from 'micromark-extension-gfm';
import { parse as parseYaml } from 'yaml';
import type { PublishWarning } from './publishMessages';

export interface ParsedMarkdown {
  root: Root;
  /** `title` from the front matter, when it has one. */
  frontMatterTitle?: string;
  warnings: PublishWarning[];
}

export function parseMarkdown(markdown: string): ParsedMarkdown {
  const root = fromMarkdown(markdown, {
    extensions: [gfm(), frontmatter(['yaml'])],
    mdastExtensions: [gfmFromMarkdown(), frontmatterFromMarkdown(['yaml'])],
  });
  const warnings: PublishWarning[] = [];
  let frontMatterTitle: string | undefined;
  const yaml = root.children[0]?.type === 'yaml' ? root.children[0] : undefined;
  if (yaml) {
    try {
      const data: unknown = parseYaml(yaml.value);
      const title = data && typeof data === 'object' ? (data as Record<string, unknown>).title : undefined;
      if ((typeof title === 'string' || typeof title === 'number') && String(title).trim() !== '') frontMatterTitle = String(title).trim();
    } catch (err) {
      const why = err instanceof Error ? err.message.split('\n')[0] : String(err);
      warnings.push({ kind: 'frontMatterInvalid', line: yaml.position?.start.line ?? 1, subject: why });
    }
  }
  return { root, frontMatterTitle, warnings };
}
