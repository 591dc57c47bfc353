import * as vscode from 'vscode';
import { describeIdentity, documentUrl, type DocumentRef } from '../../core';
import type { BatchFile, BatchResult } from '../upload/batch';
import { loggedUpload, runWithProgress } from '../upload/batchRunner';
import { withAbortSignal } from '../ui/cancellation';
import type { Lease } from '../services/ClientPool';
import { showDocumentResults, type OpenableDocument } from './documentResults';
import { recordBatch } from '../history/recordBatch';
import type { Services } from '../services/services';

/**
 * Files → the end of a document: the document is looked up first (a wiki page must be a docx), remembered
 * among the recent ones, then every file goes in as a block, with progress; the result offers Open Document.
 */
export async function uploadFilesToDocument(services: Services, files: readonly BatchFile[], ref: DocumentRef): Promise<void> {
  const lease = await services.clients.acquire();
  let document: OpenableDocument;
  let result: BatchResult;
  try {
    document = await findDocument(services, lease, ref);
    void services.recentDocuments
      .remember({ documentId: document.documentId, title: document.title, link: document.url })
      .then(undefined, (err: unknown) => services.log.failure('remember document', err));
    const upload = loggedUpload(
      services,
      `document "${document.title}" (${document.documentId}) as ${describeIdentity(lease.identity)}`,
      async (source, options) => ({ ...(await lease.documents.insert(source, document.documentId, options)), url: document.url }),
      (file, r) => `added ${file.path} to document ${r.documentId} as ${r.blockKind} block ${r.blockId} (${r.method}, ${r.parts} part(s), ${r.ms} ms)`,
    );
    result = await runWithProgress(services, files, services.t('Uploading to "{0}"', document.title), upload);
    // Each file added into the history: its link is the document's.
    const target = { kind: 'document' as const, id: document.documentId, label: document.title, url: document.url };
    recordBatch(services, result, 'document', lease.identity, () => ({ target, url: document.url }));
  } finally {
    lease.release();
  }
  await showDocumentResults(services, result, document, (again) => uploadFilesToDocument(services, again, ref));
}

async function findDocument(services: Services, lease: Lease, ref: DocumentRef): Promise<OpenableDocument> {
  const resolved = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: services.t('Looking up the Feishu document…'), cancellable: true },
    (_progress, token) => withAbortSignal(token, (signal) => lease.documents.resolve(ref, signal)),
  );
  const { brand, apiBaseUrl } = lease.settings;
  services.log.info(`document ${resolved.documentId}: "${resolved.title}"`);
  return { ...resolved, url: resolved.link ?? documentUrl(brand, resolved.documentId, apiBaseUrl || undefined) };
}
