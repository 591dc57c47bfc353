import * as path from 'node:path';
import {
  choosePublishTarget,
  publishAndRemember,
  PublishRecords,
  readMarkdownFile,
  resolveBaseUrl,
  stateDir,
  warningText,
  type PublishContext,
  type PublishProgress,
  type PublishTarget,
} from '../core';
import { eachFile } from './eachFile';
import { cliTranslate } from './i18n';
import type { CliIo } from './io';
import { ProgressLine } from './ProgressLine';
import { parsePublishArgs } from './publishArgs';
import { publishLines } from './report';
import { openSession } from './session';

/**
 * `feishu-upload publish <file.md>`: the Markdown file as a Feishu document, its local images included. Without
 * --doc, a file published before (by the same identity, on this machine) updates its document; --new makes
 * another. Returns the exit code.
 */
export async function publishCommand(argv: string[], io: CliIo): Promise<number> {
  const args = parsePublishArgs(argv, io.env);
  const session = await openSession(args, io);
  const t = cliTranslate(io.env);
  const progress = io.stderr.isTTY ? new ProgressLine(io.stderr as NodeJS.WriteStream, t) : undefined;
  const ctx: PublishContext = {
    publisher: session.publisher,
    records: new PublishRecords(path.join(stateDir(io.env), 'published-documents.json')),
    key: { apiBase: resolveBaseUrl(args.brand, args.baseUrl), identity: session.identity, filePath: args.file },
    onRecordProblem: (message) => io.stderr.write(`${t('warning: {0}', message)}\n`),
  };
  try {
    return await eachFile([args.file], io, args.json, publishLines(args.document === undefined), t, async (file) => {
      const markdown = await readMarkdownFile(file);
      const chosen = await choosePublishTarget(ctx, { document: args.document, newDocument: args.newDocument }, io.signal);
      let target: PublishTarget;
      if (chosen.kind === 'update') {
        target = { kind: 'update', document: chosen.document };
        if (chosen.remembered) io.stderr.write(`${t('Updating "{0}" ({1}), where {2} was published before; --new publishes a new document.', chosen.document.title, chosen.document.link ?? chosen.document.documentId, path.basename(file))}\n`);
        if (chosen.remembered && args.folderGiven) io.stderr.write(`${t('warning: {0}', t('--folder applies to new documents only.'))}\n`);
      } else {
        target = { kind: 'new', folderToken: args.folderToken };
      }
      const name = path.basename(file);
      const result = await publishAndRemember(ctx, {
        markdown,
        filePath: file,
        target,
        signal: io.signal,
        onProgress: (p) => progress?.note(progressText(p, name, t)),
      }).finally(() => progress?.clear());
      if (!args.json) for (const w of result.warnings) io.stderr.write(`${t('warning: {0}', warningText(w, t))}\n`);
      return result;
    });
  } finally {
    session.dispose();
  }
}

function progressText(p: PublishProgress, name: string, t: ReturnType<typeof cliTranslate>): string {
  switch (p.stage) {
    case 'converting':
      return t('{0}: converting', name);
    case 'blocks':
      return t('{0}: blocks {1}/{2}', name, p.done, p.total);
    case 'images':
      return t('{0}: images {1}/{2}', name, p.done, p.total);
    case 'finishing':
      return t('{0}: removing the previous content', name);
  }
}
