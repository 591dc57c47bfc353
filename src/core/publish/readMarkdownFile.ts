import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { FeishuError } from '../errors/FeishuError';
import { MARKDOWN_EXTENSIONS, MAX_MARKDOWN_BYTES } from './Publisher';

/** Refuses what is not a Markdown file by its extension (NOT_MARKDOWN), before anything else happens. */
export function checkMarkdownName(filePath: string): void {
  if (!MARKDOWN_EXTENSIONS.includes(path.extname(filePath).slice(1).toLowerCase())) throw new FeishuError({ code: 'NOT_MARKDOWN', detail: JSON.stringify(filePath) });
}

/** A Markdown file's text (UTF-8); a missing, unreadable or oversized file says so in the usual words. */
export async function readMarkdownFile(filePath: string): Promise<string> {
  const shown = JSON.stringify(filePath);
  let stat;
  try {
    stat = await fs.stat(filePath);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new FeishuError({ code: code === 'ENOENT' || code === 'ENOTDIR' ? 'FILE_NOT_FOUND' : 'FILE_UNREADABLE', detail: shown, cause: err });
  }
  if (stat.isDirectory()) throw new FeishuError({ code: 'IS_DIRECTORY', detail: shown });
  if (stat.size > MAX_MARKDOWN_BYTES) throw new FeishuError({ code: 'MARKDOWN_TOO_LARGE', detail: shown });
  try {
    return await fs.readFile(filePath, 'utf8');
  } catch (err) {
    throw new FeishuError({ code: 'FILE_UNREADABLE', detail: `${shown} (${(err as NodeJS.ErrnoException).code ?? 'error'}).`, cause: err });
  }
}
