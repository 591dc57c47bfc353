import { openFileSource } from '../core';
import { eachFile } from './eachFile';
import { parseImportArgs } from './importArgs';
import type { CliIo } from './io';
import { ProgressLine } from './ProgressLine';
import { IMPORT_LINES } from './report';
import { openSession } from './session';
import { cliTranslate } from './i18n';

/** `feishu-upload import`: one file becomes a Feishu doc, sheet or Base; returns the exit code. */
export async function importCommand(argv: string[], io: CliIo): Promise<number> {
  const args = parseImportArgs(argv, io.env);
  const session = await openSession(args, io);
  const t = cliTranslate(io.env);
  const progress = io.stderr.isTTY ? new ProgressLine(io.stderr as NodeJS.WriteStream, t) : undefined;
  try {
    return await eachFile([args.file], io, args.json, IMPORT_LINES, t, async (file) => {
      const source = await openFileSource(file);
      try {
        progress?.start();
        return await session.importer.import(source, {
          type: args.type,
          folderToken: args.folderToken,
          signal: io.signal,
          onProgress: (p) =>
            p.phase === 'upload' ? progress?.update(source.name, 1, 1, p.upload) : progress?.note(t('[1/1] {0} converting in Feishu (check {1})', source.name, p.polls)),
        });
      } finally {
        progress?.clear();
        await source.close();
      }
    });
  } finally {
    session.dispose();
  }
}
