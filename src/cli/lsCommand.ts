import type { DriveItem } from '../core';
import { actAsArg, AS_OPTION, commonArgs, parseCommandArgs } from './commonArgs';
import { folderArg } from './folderArg';
import type { CliIo } from './io';
import { cliTranslate } from './i18n';
import { openSession } from './session';
import { UsageError } from './UsageError';

/**
 * `feishu-upload ls [<folder url|token>]`: one line per item of the folder (default My Space), every page; with
 * --json one object per item: token, name, type, url.
 */
export async function lsCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { ...AS_OPTION });
  if (positionals.length > 1) throw new UsageError('ls takes one folder (a link or a token), or none for My Space.');
  const folderToken = folderArg(positionals[0]);
  const args = commonArgs(values, io.env);
  const session = await openSession({ ...args, as: actAsArg(values.as) }, io);
  try {
    const t = cliTranslate(io.env);
    let count = 0;
    // Each page is printed as it comes: a folder of 1 500 items shows its first 200 at once.
    await session.drive.list(folderToken, io.signal, (items) => {
      for (const item of items) io.stdout.write(`${args.json ? json(item, session.drive.links.fallback(item)) : text(item)}\n`);
      count += items.length;
    });
    if (count === 0 && !args.json) io.stderr.write(`${t('The folder is empty.')}\n`);
    return 0;
  } finally {
    session.dispose();
  }
}

function json(item: DriveItem, fallback: string): string {
  return JSON.stringify({ token: item.token, name: item.name, type: item.type, url: item.url ?? fallback });
}

/** "folder  fldcn…  Reports/": the token where a script or --folder can take it, the name last (it may hold spaces). */
function text(item: DriveItem): string {
  return `${item.type.padEnd(8)} ${item.token}  ${item.name}${item.type === 'folder' ? '/' : ''}`;
}
