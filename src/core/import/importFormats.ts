import * as path from 'node:path';
import { FeishuError } from '../errors/FeishuError';
import { formatBytes } from '../util/format';

/** What an import can create. */
export type ImportType = 'docx' | 'sheet' | 'bitable';

export const IMPORT_TYPES: readonly ImportType[] = ['docx', 'sheet', 'bitable'];

const MiB = 1024 * 1024;

/**
 * Per file extension: what it can become and the size cap for each, in bytes (docs/feishu/import.md §2; the
 * first type is the default). Feishu's "MB" are MiB, as in upload_all's 20 MB = 20 971 520 bytes.
 */
export const IMPORT_FORMATS: Readonly<Record<string, Readonly<Partial<Record<ImportType, number>>>>> = {
  docx: { docx: 600 * MiB },
  doc: { docx: 600 * MiB },
  txt: { docx: 20 * MiB },
  md: { docx: 20 * MiB },
  mark: { docx: 20 * MiB },
  markdown: { docx: 20 * MiB },
  html: { docx: 20 * MiB },
  xlsx: { sheet: 800 * MiB, bitable: 800 * MiB },
  xls: { sheet: 20 * MiB },
  csv: { sheet: 20 * MiB, bitable: 100 * MiB },
};

/**
 * Every extension an import takes, lower case, without the dot: the one list behind the core's checks, the
 * extension's open dialog and its menus (package.json's when-clauses must match it; the manifest test checks).
 */
export const IMPORTABLE_EXTENSIONS: readonly string[] = Object.keys(IMPORT_FORMATS);

export interface ImportPlan {
  /** Without the dot, lower case: Feishu wants the real suffix (md, mark and markdown differ). */
  extension: string;
  type: ImportType;
  /** The cap for this extension and type, in bytes. */
  maxBytes: number;
}

export function isImportType(value: string): value is ImportType {
  return (IMPORT_TYPES as readonly string[]).includes(value);
}

/**
 * Checks a file against Feishu's import rules before a byte is uploaded: a known extension, a type it can
 * become (default: the usual one), and the size cap of that pair.
 */
export function planImport(fileName: string, size: number, type?: ImportType): ImportPlan {
  const extension = path.extname(fileName).slice(1).toLowerCase();
  const caps = IMPORT_FORMATS[extension];
  if (!caps) {
    const what = extension ? `.${extension} files` : 'Files without an extension';
    throw new FeishuError({ code: 'IMPORT_UNSUPPORTED', detail: `${what} cannot be imported.` });
  }
  const allowed = Object.keys(caps) as ImportType[];
  const chosen = type ?? allowed[0];
  const maxBytes = caps[chosen];
  if (maxBytes === undefined) {
    throw new FeishuError({ code: 'IMPORT_UNSUPPORTED', detail: `.${extension} files import as ${allowed.join(' or ')}, not as ${chosen}.` });
  }
  if (size > maxBytes) {
    throw new FeishuError({
      code: 'IMPORT_TOO_LARGE',
      detail: `${fileName} is ${formatBytes(size)} (${size} bytes); a ${chosen} from .${extension} takes at most ${formatBytes(maxBytes)} (${maxBytes} bytes).`,
    });
  }
  return { extension, type: chosen, maxBytes };
}
