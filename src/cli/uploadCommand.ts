import { documentUrl, driveFileUrl, openFileSource, type FileSource, type UploadOptions } from '../core';
import { eachFile } from './eachFile';
import type { CliIo } from './io';
import { ProgressLine } from './ProgressLine';
import { UPLOAD_LINES, type UploadReport } from './report';
import { openSession } from './session';
import { parseUploadArgs } from './uploadArgs';
import { cliTranslate } from './i18n';

/** `feishu-upload upload`: every file in turn, to a folder, as media, or into a document; returns the exit code. */
export async function uploadCommand(argv: string[], io: CliIo): Promise<number> {
  const args = parseUploadArgs(argv, io.env);
  const session = await openSession(args, io);
  const t = cliTranslate(io.env);
  const progress = io.stderr.isTTY ? new ProgressLine(io.stderr as NodeJS.WriteStream, t) : undefined;
  const target = args.target;
  try {
    let send: (source: FileSource, options: UploadOptions) => Promise<UploadReport>;
    if (target.kind === 'document') {
      // Looked up once, before any file: a wrong link or a wiki page that is not a document ends the run
      // with one line (exit 1) instead of one failure per file.
      const document = await session.documents.resolve(target.document, io.signal);
      const url = document.link ?? documentUrl(args.brand, document.documentId, args.baseUrl);
      send = async (source, options) => ({ ...(await session.documents.insert(source, document.documentId, options)), url });
    } else {
      send = async (source, options) => {
        const result = await session.uploader.upload(source, target, options);
        return { ...result, url: target.kind === 'folder' ? driveFileUrl(args.brand, result.fileToken, args.baseUrl) : undefined };
      };
    }
    return await eachFile(args.files, io, args.json, UPLOAD_LINES, t, async (file, index) => {
      const source = await openFileSource(file);
      try {
        progress?.start();
        return await send(source, { signal: io.signal, onProgress: (p) => progress?.update(source.name, index + 1, args.files.length, p) });
      } finally {
        progress?.clear();
        await source.close();
      }
    });
  } finally {
    session.dispose();
  }
}
