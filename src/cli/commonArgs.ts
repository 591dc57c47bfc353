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
    throw parseArgsError(err);
  }
}

export function commonArgs(values: { brand?: string; 'base-url'?: string; json?: boolean; verbose?: boolean }, env: NodeJS.ProcessEnv): CommonArgs {
  const brand = (values.brand ?? env.FEISHU_BRAND ?? 'feishu').toLowerCase();
  if (brand !== 'feishu' && brand !== 'lark') throw new UsageError('--brand must be feishu or lark, not "{0}".', brand);
  return { brand, baseUrl: values['base-url'] ?? env.FEISHU_BASE_URL, json: values.json === true, verbose: values.verbose === true };
}

/** node:util parseArgs' complaints, in our words (and so in the user's language); others as they are. */
export function parseArgsError(err: unknown): UsageError {
  const { code, message: nodeMessage } = err as { code?: string; message: string };
  const option = /'(-[^' ]+)/.exec(nodeMessage)?.[1];
  const quoted = /'([^']+)'/.exec(nodeMessage)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option) return new UsageError('Unknown option "{0}".', option);
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option) return new UsageError('Option {0} needs a value.', option);
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL' && quoted) return new UsageError('Unexpected argument "{0}".', quoted);
  return new UsageError(nodeMessage);
}

/** `--as user|app` (upload, import, publish, ls, mkdir, whoami): who to act as; undefined = a user when signed in, else the app. */
export const AS_OPTION = { as: { type: 'string' } } as const satisfies ParseArgsConfig['options'];

export function actAsArg(value: string | undefined): 'user' | 'app' | undefined {
  if (value === undefined) return undefined;
  const v = value.toLowerCase();
  if (v !== 'user' && v !== 'app') throw new UsageError('--as must be user or app, not "{0}".', value);
  return v;
}
