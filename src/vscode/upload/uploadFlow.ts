import * as vscode from 'vscode';
import { describeIdentity, driveFileUrl, formatBytes, type UploadTarget } from '../../core';
import { resolveTarget } from '../folders/askFolder';
import type { BatchFile, BatchResult } from './batch';
import { loggedUpload, runWithProgress } from './batchRunner';
import type { UriLike } from '../commands/commandArgs';
import { filesExcludeMatcher } from '../files/excludes';
import { expandSelection, nodeFileSystem } from '../../core';
import { showResults } from './results';
import type { Services } from '../services/services';

/** Above this many files the user confirms first: a right-click on a big folder is easy to do by mistake. */
export const CONFIRM_ABOVE_FILES = 100;

/** Where a result's Insert Link goes: the Markdown editor that was active when the upload started. */
export type MarkdownEditor = vscode.TextEditor | undefined;

/** Selected resources → files → target → progress → results. */
export async function uploadResources(services: Services, resources: readonly UriLike[], editor: MarkdownEditor): Promise<void> {
  const files = await selectedFiles(services, resources);
  if (!files) return;
  const target = await resolveTarget(services);
  await uploadFiles(services, files, target, editor);
}

/**
 * The files of a selection (folders expanded), after a confirmation above CONFIRM_ABOVE_FILES; undefined
 * when there is nothing to upload or the user said no.
 */
export async function selectedFiles(services: Services, resources: readonly UriLike[]): Promise<readonly BatchFile[] | undefined> {
  const t = services.t;
  const paths = resources.filter((r) => r.scheme === 'file').map((r) => r.fsPath);
  if (paths.length < resources.length) services.log.info(`${resources.length - paths.length} selected item(s) are not files on disk; left out.`);
  const expansion = await expandSelection(paths, nodeFileSystem, { isExcluded: filesExcludeMatcher() });
  if (expansion.skipped > 0) services.log.info(`${expansion.skipped} item(s) inside the selected folders left out (.git, node_modules, files.exclude, empty files, symlinked folders).`);
  if (expansion.files.length === 0) {
    void vscode.window.showInformationMessage(
      t('Nothing to upload: the selection holds no files. Inside folders, .git, node_modules, files hidden by "files.exclude" and empty files are left out.'),
    );
    return undefined;
  }
  if (expansion.files.length > CONFIRM_ABOVE_FILES) {
    const total = formatBytes(expansion.files.reduce((sum, f) => sum + f.size, 0));
    const question = expansion.truncated
      ? t('Upload more than {0} files ({1}) to Feishu? Only the first {0} will be uploaded.', expansion.files.length, total)
      : t('Upload {0} files ({1}) to Feishu?', expansion.files.length, total);
    const upload = t('Upload');
    if ((await vscode.window.showWarningMessage(question, { modal: true }, upload)) !== upload) return undefined;
  }
  return expansion.files;
}

/** Uploads with progress, shows the result; Retry Failed comes back here with the files that did not make it. */
export async function uploadFiles(services: Services, files: readonly BatchFile[], target: UploadTarget, editor: MarkdownEditor): Promise<void> {
  const result = await uploadWithProgress(services, files, target);
  await showResults(services, result, editor, (again) => uploadFiles(services, again, target, editor));
}

async function uploadWithProgress(services: Services, files: readonly BatchFile[], target: UploadTarget): Promise<BatchResult> {
  const lease = await services.clients.acquire();
  const { brand, apiBaseUrl } = lease.settings;
  const place = target.kind === 'folder' ? (target.folderToken ? `folder ${target.folderToken}` : 'My Space') : 'a document';
  const where = `${place} as ${describeIdentity(lease.identity)}`;
  const upload = loggedUpload(
    services,
    where,
    async (source, options) => {
      const result = await lease.uploader.upload(source, target, options);
      return { ...result, url: driveFileUrl(brand, result.fileToken, apiBaseUrl || undefined) };
    },
    (file, r) => `uploaded ${file.path} → ${r.url} (${r.method}, ${r.parts} part(s), ${r.ms} ms)`,
  );
  try {
    return await runWithProgress(services, files, services.t('Uploading to Feishu'), upload);
  } finally {
    lease.release();
  }
}
