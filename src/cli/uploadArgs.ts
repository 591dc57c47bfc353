import { FeishuError, parseFolderInput, checkMediaTarget, parseDocumentInput, type DocumentRef, type UploadTarget } from '../core';
import { actAsArg, AS_OPTION, commonArgs, parseCommandArgs, type CommonArgs } from './commonArgs';
import { UsageError } from './UsageError';

export interface UploadArgs extends CommonArgs {
  files: string[];
  /** `--as`: undefined = a user when signed in, else the app. */
  as?: 'user' | 'app';
  /** A folder, document media, or (with --doc) a document the files are appended to. */
  target: UploadTarget | { kind: 'document'; document: DocumentRef };
}

export function parseUploadArgs(argv: string[], env: NodeJS.ProcessEnv): UploadArgs {
  const { values, positionals } = parseCommandArgs(argv, {
    folder: { type: 'string' },
    doc: { type: 'string' },
    'parent-type': { type: 'string' },
    'parent-node': { type: 'string' },
    extra: { type: 'string' },
    ...AS_OPTION,
  });
  if (positionals.length === 0) throw new UsageError('No file given: feishu-upload upload <file...>.');
  return { ...commonArgs(values, env), as: actAsArg(values.as), files: positionals, target: parseTarget(values) };
}

function parseTarget(values: { folder?: string; doc?: string; 'parent-type'?: string; 'parent-node'?: string; extra?: string }): UploadArgs['target'] {
  const parentType = values['parent-type'];
  const mediaFlags = parentType !== undefined || values['parent-node'] !== undefined || values.extra !== undefined;
  const chosen = [values.folder !== undefined, values.doc !== undefined, mediaFlags].filter(Boolean).length;
  if (chosen > 1) throw new UsageError('Use one of --folder, --doc, or --parent-type/--parent-node.');
  try {
    if (values.doc !== undefined) return { kind: 'document', document: parseDocumentInput(values.doc) };
    if (!mediaFlags) return { kind: 'folder', folderToken: parseFolderInput(values.folder) };
    if (parentType === undefined) throw new UsageError('--parent-node and --extra need --parent-type.');
    const parentNode = values['parent-node'] ?? '';
    checkMediaTarget(parentType, parentNode, values.extra);
    return { kind: 'media', parentType, parentNode, extra: values.extra };
  } catch (err) {
    if (err instanceof FeishuError) throw UsageError.of(err);
    throw err;
  }
}
