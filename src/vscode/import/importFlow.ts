import * as path from 'node:path';
import * as vscode from 'vscode';
import { describeIdentity, isCancelled, nodeFileSystem, openFileSource, planImport, type ImportResult } from '../../core';
import { resolveTarget, type Destination } from '../folders/askFolder';
import { actorOf } from '../history/UploadHistory';
import { withAbortSignal } from '../ui/cancellation';
import type { Lease } from '../services/ClientPool';
import type { UriLike } from '../commands/commandArgs';
import { ImportProgressReport } from './ImportProgressReport';
import type { Services } from '../services/services';

/**
 * Each selected file becomes a Feishu document (text and Word files) or sheet (spreadsheets) in the default
 * folder (asked for when `feishu.defaultFolder` is empty). Size caps are checked before anything is asked
 * or uploaded; each import has its own progress notification and result with Open.
 */
export async function importResources(services: Services, resources: readonly UriLike[]): Promise<void> {
  const paths = resources.filter((r) => r.scheme === 'file').map((r) => r.fsPath);
  for (const p of paths) {
    const stat = await nodeFileSystem.stat(p);
    if (stat?.kind === 'file') planImport(path.basename(p), stat.size);
  }
  if (paths.length === 0) return;
  const target = await resolveTarget(services);
  const lease = await services.clients.acquire();
  try {
    for (const p of paths) await importOne(services, lease, p, target);
  } finally {
    lease.release();
  }
}

async function importOne(services: Services, lease: Lease, filePath: string, target: Destination): Promise<void> {
  const t = services.t;
  const folderToken = target.folderToken;
  const source = await openFileSource(filePath);
  try {
    services.log.fileStarted(filePath, source.size, `an import into ${folderToken ? `folder ${folderToken}` : 'My Space'} as ${describeIdentity(lease.identity)}`);
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: t('Importing into Feishu'), cancellable: true },
      (progress, token) =>
        withAbortSignal(token, async (signal) => {
          const report = new ImportProgressReport(source.name, services.clock, t, (r) => progress.report({ message: r.message, increment: r.increment }));
          try {
            return await lease.importer.import(source, { folderToken, signal, onProgress: (p) => report.update(p) });
          } finally {
            report.dispose();
          }
        }),
    );
    services.log.info(`imported ${filePath} as ${result.type} → ${result.url} (ticket ${result.ticket}, ${result.ms} ms)`);
    void services.history
      .record({
        kind: 'import',
        name: result.name,
        localPath: filePath,
        url: result.url,
        token: result.token,
        target: { kind: 'folder', token: folderToken ?? '', label: target.label },
        bytes: result.bytes,
        as: actorOf(lease.identity),
      })
      .then(undefined, (err: unknown) => services.log.failure('upload history', err));
    for (const note of result.notes) services.log.warn(`import of ${filePath}: Feishu notes ${note}`);
    // Not awaited: the next file imports while this message waits for an answer.
    void showImported(services, result).then(undefined, (err: unknown) => services.log.failure('import result', err));
  } catch (err) {
    if (isCancelled(err)) services.log.info(`cancelled ${filePath} (an import already handed to Feishu may still finish)`);
    else services.log.failure(filePath, err);
    throw err;
  } finally {
    await source.close();
  }
}

async function showImported(services: Services, result: ImportResult): Promise<void> {
  const t = services.t;
  const text =
    result.type === 'docx'
      ? t('Imported {0} as a Feishu document.', result.name)
      : result.type === 'sheet'
        ? t('Imported {0} as a Feishu sheet.', result.name)
        : t('Imported {0} as a Feishu Base.', result.name);
  const open = t('Open');
  const copyLink = t('Copy Link');
  const pick = await vscode.window.showInformationMessage(text, open, copyLink);
  if (pick === open) await vscode.env.openExternal(vscode.Uri.parse(result.url));
  else if (pick === copyLink) {
    await vscode.env.clipboard.writeText(result.url);
    vscode.window.setStatusBarMessage(t('Link copied.'), 3000);
  }
}
