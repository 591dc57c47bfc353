import { checkMarkdownName, FeishuError, parseDocumentInput, type DocumentRef } from '../core';
import { actAsArg, AS_OPTION, commonArgs, parseCommandArgs, type CommonArgs } from './commonArgs';
import { folderArg } from './folderArg';
import { UsageError } from './UsageError';

export interface PublishArgs extends CommonArgs {
  file: string;
  /** For a new document; undefined: My Space (of whoever publishes). */
  folderToken?: string;
  /** --folder was given (it only applies to new documents). */
  folderGiven: boolean;
  /** --doc: replace this document's content. */
  document?: DocumentRef;
  /** --new: a new document even if this file was published before. */
  newDocument: boolean;
  /** `--as`: undefined = a user when signed in, else the app. */
  as?: 'user' | 'app';
}

export function parsePublishArgs(argv: string[], env: NodeJS.ProcessEnv): PublishArgs {
  const { values, positionals } = parseCommandArgs(argv, { folder: { type: 'string' }, doc: { type: 'string' }, new: { type: 'boolean', default: false }, ...AS_OPTION });
  if (positionals.length !== 1) throw positionals.length === 0 ? new UsageError('No file given: feishu-upload publish <file.md>.') : new UsageError('publish takes one Markdown file.');
  if (values.doc !== undefined && values.new) throw new UsageError('Use --doc or --new, not both.');
  if (values.doc !== undefined && values.folder !== undefined) throw new UsageError('--folder is for new documents; --doc updates an existing one. Use one of them.');
  const file = positionals[0];
  try {
    checkMarkdownName(file);
    return {
      ...commonArgs(values, env),
      as: actAsArg(values.as),
      file,
      folderToken: folderArg(values.folder),
      folderGiven: values.folder !== undefined,
      document: values.doc === undefined ? undefined : parseDocumentInput(values.doc),
      newDocument: values.new === true,
    };
  } catch (err) {
    if (err instanceof FeishuError) throw UsageError.of(err);
    throw err;
  }
}
