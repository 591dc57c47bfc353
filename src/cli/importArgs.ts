import { IMPORT_TYPES, isImportType, type ImportType } from '../core';
import { actAsArg, AS_OPTION, commonArgs, parseCommandArgs, type CommonArgs } from './commonArgs';
import { folderArg } from './folderArg';
import { UsageError } from './UsageError';

export interface ImportArgs extends CommonArgs {
  file: string;
  /** Undefined: the usual type for the file's extension. */
  type?: ImportType;
  /** Undefined: the root folder. */
  folderToken?: string;
  /** `--as`: undefined = a user when signed in, else the app. */
  as?: 'user' | 'app';
}

export function parseImportArgs(argv: string[], env: NodeJS.ProcessEnv): ImportArgs {
  const { values, positionals } = parseCommandArgs(argv, { type: { type: 'string' }, folder: { type: 'string' }, ...AS_OPTION });
  if (positionals.length !== 1) throw positionals.length === 0 ? new UsageError('No file given: feishu-upload import <file>.') : new UsageError('import takes one file.');
  const type = values.type;
  if (type !== undefined && !isImportType(type)) throw new UsageError('--type must be one of {0}, not "{1}".', IMPORT_TYPES.join(', '), type);
  const folderToken = folderArg(values.folder);
  return { ...commonArgs(values, env), as: actAsArg(values.as), file: positionals[0], type, folderToken };
}
