import type { Identity } from '../../core';
import type { Services } from '../services/services';
import type { BatchFile, BatchResult, UploadedFile } from '../upload/batch';
import { actorOf, type HistoryKind, type HistoryTarget } from './UploadHistory';

/**
 * Puts every uploaded file of a batch into the history (newest first: the batch's last file heads the list), as
 * `kind`, at the target `where` says, by `identity`. Not awaited: a failed write is logged, the upload is done.
 */
export function recordBatch(
  services: Services,
  result: BatchResult,
  kind: HistoryKind,
  identity: Identity,
  where: (file: BatchFile, uploaded: UploadedFile) => { target: HistoryTarget; url: string },
): void {
  const entries = result.outcomes.flatMap((o) => {
    if (o.status !== 'uploaded') return [];
    const { target, url } = where(o.file, o.result);
    return [{ kind, name: o.result.name, localPath: o.file.path, url, token: o.result.fileToken, target, bytes: o.result.bytes, as: actorOf(identity) }];
  });
  void services.history.record(...entries.reverse()).then(undefined, (err: unknown) => services.log.failure('upload history', err));
}
