import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Brand } from '../core';
import { UsageError } from './UsageError';

/** Options every command that talks to Feishu takes. */
export const COMMON_OPTIONS = {
  brand: { type: 'string' },
  'base-url': { type: 'string' },
  json: { type: 'boolean', default: false },
  verbose: { type: 'boolean', default: false },
} as const satisfies ParseArgsConfig['options'];

export interface CommonArgs {
  brand: Brand;
  baseUrl?: string;
  json: boolean;
  verbose: boolean;
}

/** parseArgs with files as positionals; a bad flag is a usage error. */
export function parseCommandArgs<O extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: O) {
  try {
    return parseArgs({ args: argv, allowPositionals: true, strict: true, options: { ...COMMON_OPTIONS, ...options } });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

export function commonArgs(values: { brand?: string; 'base-url'?: string; json?: boolean; verbose?: boolean }, env: NodeJS.ProcessEnv): CommonArgs {
  const brand = (values.brand ?? env.FEISHU_BRAND ?? 'feishu').toLowerCase();
  if (brand !== 'feishu' && brand !== 'lark') throw new UsageError('--brand must be feishu or lark, not "{0}".', brand);
  return { brand, baseUrl: values['base-url'] ?? env.FEISHU_BASE_URL, json: values.json === true, verbose: values.verbose === true };
}
