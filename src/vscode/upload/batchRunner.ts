import * as vscode from 'vscode';
import { formatBytes, isCancelled, openFileSource, type FileSource, type UploadOptions } from '../../core';
import { runBatch, type BatchFile, type BatchResult, type SkippedFile, type UploadedFile, type UploadOne } from './batch';
import { BatchProgress } from './BatchProgress';
import { withAbortSignal } from '../ui/cancellation';
import type { Services } from '../services/services';

/**
 * Runs a batch in a cancellable notification (file i of N, percent, speed, ETA) and in the status bar;
 * `upload` does one file, to a folder or into a document.
 */
export async function runWithProgress(services: Services, files: readonly BatchFile[], title: string, upload: UploadOne): Promise<BatchResult> {
  const activity = services.activity.start(files.reduce((sum, f) => sum + f.size, 0));
  try {
    return await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (progress, token) =>
      withAbortSignal(token, async (signal) => {
        const tracker = new BatchProgress(files, services.clock, services.t, (report) => {
          progress.report({ message: report.message, increment: report.increment });
          services.activity.update(activity, tracker.done);
        });
        try {
          return await runBatch(files, upload, signal, tracker);
        } finally {
          tracker.dispose();
        }
      }),
    );
  } finally {
    services.activity.end(activity);
  }
}

/**
 * One file of a batch: opened, sent by `send`, closed; the start, the outcome (`done` says what a success
 * was) and any failure go to the log.
 */
export function loggedUpload<R extends UploadedFile | SkippedFile>(
  services: Services,
  where: string,
  send: (source: FileSource, options: UploadOptions, file: BatchFile) => Promise<R>,
  done: (file: BatchFile, result: R) => string,
): UploadOne {
  return async (file, signal, onProgress, onKept, onSkipped) => {
    services.log.fileStarted(file.path, file.size, where);
    const source = await openFileSource(file.path);
    try {
      const result = await send(
        source,
        {
          signal,
          onProgress: (p) => onProgress(p.bytesSent),
          onResume: (r) => {
            services.log.info(`resuming ${file.path} at part ${r.fromPart} of ${r.parts} (${formatBytes(r.skippedBytes)} already on Feishu)`);
            onSkipped?.(r.skippedBytes);
          },
          onStartOver: (reason) => services.log.info(`an interrupted upload of ${file.path} was found but cannot be continued (${reason}); starting over`),
          onKept: (k) => {
            services.log.info(`kept for later: ${k.confirmedParts} of ${k.parts} parts of ${file.path} are on Feishu`);
            onKept?.(k);
          },
        },
        file,
      );
      services.log.info(done(file, result));
      return result;
    } catch (err) {
      if (isCancelled(err)) services.log.info(`cancelled ${file.path}`);
      else services.log.failure(file.path, err);
      throw err;
    } finally {
      await source.close();
    }
  };
}
