import { checkFolderName, FeishuError, grantee } from '../core';
import { actAsArg, AS_OPTION, commonArgs, parseCommandArgs } from './commonArgs';
import { folderArg } from './folderArg';
import type { CliIo } from './io';
import { cliTranslate } from './i18n';
import { openSession } from './session';
import { UsageError } from './UsageError';

/**
 * `feishu-upload mkdir <name> [--folder <url|token>]`: makes the folder in the parent (default My Space), or
 * reuses one of that name already there; `a/b/c` makes each level (like `mkdir -p`). Prints its link; --json
 * one object: token, name, url, folder (the parent's token), created.
 */
export async function mkdirCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { folder: { type: 'string' }, ...AS_OPTION });
  if (positionals.length !== 1) throw positionals.length === 0 ? new UsageError('No folder name given: feishu-upload mkdir <name>.') : new UsageError('mkdir takes one name (use a/b/c for folders inside folders).');
  const path = positionals[0].split('/').filter((part) => part !== '');
  if (path.length === 0) throw new UsageError('No folder name given: feishu-upload mkdir <name>.');
  try {
    for (const name of path) checkFolderName(name);
  } catch (err) {
    if (err instanceof FeishuError) throw UsageError.of(err);
    throw err;
  }
  const parentToken = folderArg(values.folder);
  const args = commonArgs(values, io.env);
  const session = await openSession({ ...args, as: actAsArg(values.as) }, io);
  try {
    const t = cliTranslate(io.env);
    const grantTo = grantee(session);
    const made = await session.drive.mkdir(path, parentToken, io.signal, grantTo);
    const url = made.url ?? (await session.drive.links.of([{ token: made.token, type: 'folder' }])).get(made.token)!;
    if (args.json) {
      io.stdout.write(`${JSON.stringify({ token: made.token, name: path[path.length - 1], url, folder: made.parentToken, created: made.created })}\n`);
    } else {
      io.stdout.write(`${made.created ? t('created folder {0} -> {1}', positionals[0], url) : t('folder {0} is already there -> {1}', positionals[0], url)}\n`);
    }
    return 0;
  } finally {
    session.dispose();
  }
}
