import { parseArgs } from 'node:util';
import { FeishuError, parseFolderInput, checkMediaTarget, type Brand, type UploadTarget } from '../core';
import { UsageError } from './UsageError';

export interface UploadArgs {
  files: string[];
  target: UploadTarget;
  brand: Brand;
  baseUrl?: string;
  json: boolean;
  verbose: boolean;
}

export function parseUploadArgs(argv: string[], env: NodeJS.ProcessEnv): UploadArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        folder: { type: 'string' },
        'parent-type': { type: 'string' },
        'parent-node': { type: 'string' },
        extra: { type: 'string' },
        brand: { type: 'string' },
        'base-url': { type: 'string' },
        json: { type: 'boolean', default: false },
        verbose: { type: 'boolean', default: false },
      },
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const { values, positionals } = parsed;
  if (positionals.length === 0) throw new UsageError('No file given: feishu-upload upload <file...>.');
  const brand = (values.brand ?? env.FEISHU_BRAND ?? 'feishu').toLowerCase();
  if (brand !== 'feishu' && brand !== 'lark') throw new UsageError(`--brand must be feishu or lark, not "${brand}".`);
  return {
    files: positionals,
    target: parseTarget(values),
    brand,
    baseUrl: values['base-url'] ?? env.FEISHU_BASE_URL,
    json: values.json === true,
    verbose: values.verbose === true,
  };
}

function parseTarget(values: { folder?: string; 'parent-type'?: string; 'parent-node'?: string; extra?: string }): UploadTarget {
  const parentType = values['parent-type'];
  const mediaFlags = parentType !== undefined || values['parent-node'] !== undefined || values.extra !== undefined;
  if (mediaFlags && values.folder !== undefined) throw new UsageError('Use --folder or --parent-type/--parent-node, not both.');
  try {
    if (!mediaFlags) return { kind: 'folder', folderToken: parseFolderInput(values.folder) };
    if (parentType === undefined) throw new UsageError('--parent-node and --extra need --parent-type.');
    const parentNode = values['parent-node'] ?? '';
    checkMediaTarget(parentType, parentNode, values.extra);
    return { kind: 'media', parentType, parentNode, extra: values.extra };
  } catch (err) {
    if (err instanceof FeishuError) throw new UsageError(`${err.message} ${err.hint}`);
    throw err;
  }
}
