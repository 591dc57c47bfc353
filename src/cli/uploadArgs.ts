import {
  CONFLICT_POLICIES,
  FeishuError,
  isConflictPolicy,
  isLinkSharing,
  LINK_SHARING_VALUES,
  parseFolderInput,
  checkMediaTarget,
  parseDocumentInput,
  type ConflictPolicy,
  type DocumentRef,
  type LinkSharing,
  type UploadTarget,
} from '../core';
import { actAsArg, AS_OPTION, commonArgs, parseCommandArgs, type CommonArgs } from './commonArgs';
import { UsageError } from './UsageError';

export interface UploadArgs extends CommonArgs {
  /** Files and directories (a directory is uploaded with its tree, like `cp -r`). */
  files: string[];
  /** `--as`: undefined = a user when signed in, else the app. */
  as?: 'user' | 'app';
  /** --no-resume: start interrupted uploads over instead of continuing them. */
  noResume: boolean;
  /** A folder, document media, or (with --doc) a document the files are appended to. */
  target: UploadTarget | { kind: 'document'; document: DocumentRef };
  /** Into a folder: what to do with a file whose name is already there. Default keep-both. */
  onConflict: ConflictPolicy;
  /** Into a folder: link sharing set on each uploaded file. Default off. */
  linkSharing: LinkSharing;
}

export function parseUploadArgs(argv: string[], env: NodeJS.ProcessEnv): UploadArgs {
  const { values, positionals } = parseCommandArgs(argv, {
    folder: { type: 'string' },
    doc: { type: 'string' },
    'parent-type': { type: 'string' },
    'parent-node': { type: 'string' },
    extra: { type: 'string' },
    'on-conflict': { type: 'string' },
    'link-sharing': { type: 'string' },
    'no-resume': { type: 'boolean', default: false },
    ...AS_OPTION,
  });
  if (positionals.length === 0) throw new UsageError('No file given: feishu-upload upload <file...>.');
  const target = parseTarget(values);
  const onConflict = values['on-conflict'] ?? 'keep-both';
  if (onConflict === 'ask') throw new UsageError('--on-conflict ask is for the VS Code extension; here use keep-both or skip.');
  if (!isConflictPolicy(onConflict)) throw new UsageError('--on-conflict must be one of {0}, not "{1}".', CONFLICT_POLICIES.join(', '), onConflict);
  const linkSharing = values['link-sharing'] ?? 'off';
  if (!isLinkSharing(linkSharing)) throw new UsageError('--link-sharing must be one of {0}, not "{1}".', LINK_SHARING_VALUES.join(', '), linkSharing);
  if (target.kind !== 'folder' && (values['on-conflict'] !== undefined || values['link-sharing'] !== undefined)) {
    throw new UsageError('--on-conflict and --link-sharing are for uploads into a folder, not with --doc or --parent-type.');
  }
  return { ...commonArgs(values, env), as: actAsArg(values.as), files: positionals, noResume: values['no-resume'] === true, target, onConflict, linkSharing };
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
