import * as vscode from 'vscode';
import { describeIdentity, expandSelection, formatBytes, grantee, nodeFileSystem, type ConflictPolicy, type DriveBatch } from '../../core';
import { askFolder, resolveTarget, type Destination } from '../folders/askFolder';
import type { BatchFile, BatchResult, FileOutcome } from './batch';
import { loggedUpload, runWithProgress } from './batchRunner';
import type { UriLike } from '../commands/commandArgs';
import { filesExcludeMatcher } from '../files/excludes';
import { recordBatch } from '../history/recordBatch';
import type { Lease } from '../services/ClientPool';
import { askOnConflict } from './conflictQuestion';
import { showFollowUpProblems } from './followUps';
import { showResults } from './results';
import type { Services } from '../services/services';

/** Above this many files the user confirms first: a right-click on a big folder is easy to do by mistake. */
export const CONFIRM_ABOVE_FILES = 100;

/** Where a result's Insert Link goes: the Markdown editor that was active when the upload started. */
export type MarkdownEditor = vscode.TextEditor | undefined;

/** What a selection expands to: the files (each with its sub-folder path) and every folder of the trees. */
export interface Selection {
  readonly files: readonly BatchFile[];
  /** Folders of the selected trees, empty ones too, so a tree arrives whole. */
  readonly folders: readonly (readonly string[])[];
}

export interface UploadFlowOptions {
  /** Always ask for the folder ("Upload to Feishu Folder…"), instead of `feishu.defaultFolder`. */
  readonly ask?: boolean;
  /** Overrides `feishu.onConflict` (Upload Again keeps both). */
  readonly onConflict?: ConflictPolicy;
}

/** Selected resources → files → target → progress → results. */
export async function uploadResources(services: Services, resources: readonly UriLike[], editor: MarkdownEditor, options: UploadFlowOptions = {}): Promise<void> {
  const selection = await selectedFiles(services, resources);
  if (!selection) return;
  const destination = options.ask ? await askFolder(services) : await resolveTarget(services);
  await uploadFiles(services, selection, destination, editor, options);
}

/**
 * The files of a selection (folders expanded, keeping their trees), after a confirmation above
 * CONFIRM_ABOVE_FILES; undefined when there is nothing to upload or the user said no.
 */
export async function selectedFiles(services: Services, resources: readonly UriLike[]): Promise<Selection | undefined> {
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
  return { files: expansion.files, folders: expansion.folders };
}

/**
 * Uploads with progress (trees recreated, the conflict policy applied, link sharing set), fetches Feishu's links
 * in one call per 200 files, records the uploads in the history and shows the result; Retry Failed comes back
 * here with the files that did not make it.
 */
export async function uploadFiles(services: Services, selection: Selection, destination: Destination, editor: MarkdownEditor, options: UploadFlowOptions = {}): Promise<void> {
  const result = await uploadWithProgress(services, selection, destination, options);
  void showFollowUpProblems(services, result).then(undefined, (err: unknown) => services.log.failure('sharing problems message', err));
  await showResults(services, result, editor, (again) => uploadFiles(services, { files: again, folders: [] }, destination, editor, options));
}

async function uploadWithProgress(services: Services, selection: Selection, destination: Destination, options: UploadFlowOptions): Promise<BatchResult> {
  const lease = await services.clients.acquire();
  try {
    // Read now, not from the lease: these do not change the client, so a change does not rebuild it.
    const settings = services.settings();
    const policy = options.onConflict ?? settings.onConflict;
    const batch = lease.drive.batch({
      folderToken: destination.folderToken,
      onConflict: policy === 'ask' ? askOnConflict(services, destination) : policy,
      linkSharing: settings.linkSharing,
      grantTo: grantee(lease),
    });
    const where = `${destination.folderToken ? `folder ${destination.folderToken}` : 'My Space'} as ${describeIdentity(lease.identity)}`;
    const upload = loggedUpload(
      services,
      where,
      async (source, uploadOptions, file) => {
        // The record of each file stays until it is in the history (below): a window closed before then is
        // answered, on the next upload of that file, with the file it stored, not a second copy.
        const outcome = await batch.put(source, file.dir ?? [], { ...uploadOptions, untilReported: true });
        return outcome.status === 'skipped'
          ? { skipped: true as const, name: outcome.name, fileToken: outcome.fileToken, folderToken: outcome.folderToken, url: '' }
          : { ...outcome.result, url: '', folderToken: outcome.folderToken, problems: outcome.problems };
      },
      (file, r) =>
        'skipped' in r
          ? `skipped ${file.path}: already in folder ${r.folderToken} as ${r.fileToken}`
          : r.recovered
            ? `found ${file.path} already in Feishu as ${r.fileToken} (an earlier attempt had stored it, but its result was lost; not uploaded again)`
            : `uploaded ${file.path} (${r.method}, ${r.parts} part(s)${r.resumedFromPart > 0 ? `, resumed at part ${r.resumedFromPart}` : ''}, ${r.ms} ms)`,
    );
    let result = await runWithProgress(services, selection.files, services.t('Uploading to Feishu'), upload);
    if (!result.cancelled) await makeEmptyFolders(services, batch, selection);
    result = await withLinks(services, lease, result);
    // Each uploaded file into the history, at the folder it went to (the destination and its sub-folders).
    recordBatch(services, result, 'file', lease.identity, (file, uploaded) => ({
      url: uploaded.url,
      target: { kind: 'folder', token: uploaded.folderToken ?? destination.folderToken ?? '', label: [destination.label, ...(file.dir ?? [])].join(' / ') },
    }));
    for (const o of result.outcomes) if (o.status === 'uploaded') await lease.uploader.reported(o.result.fileToken);
    return result;
  } finally {
    lease.release();
  }
}

/** The empty folders of the selected trees: after the files, so the tree in Feishu is the whole tree. */
async function makeEmptyFolders(services: Services, batch: DriveBatch, selection: Selection): Promise<void> {
  try {
    await batch.makeFolders(selection.folders);
  } catch (err) {
    services.log.failure('create the empty folders of the selection', err);
  }
}

/** Feishu's own links for every uploaded and skipped file (metas batch_query, one call per 200). */
async function withLinks(services: Services, lease: Lease, result: BatchResult): Promise<BatchResult> {
  const tokens = result.outcomes.flatMap((o) => (o.status === 'uploaded' || o.status === 'skipped' ? [o.result.fileToken] : []));
  if (tokens.length === 0) return result;
  const links = await lease.drive.links.of(tokens.map((token) => ({ token, type: 'file' })));
  const outcomes = result.outcomes.map((o): FileOutcome => {
    if (o.status === 'uploaded') return { ...o, result: { ...o.result, url: links.get(o.result.fileToken)! } };
    if (o.status === 'skipped') return { ...o, result: { ...o.result, url: links.get(o.result.fileToken)! } };
    return o;
  });
  for (const o of outcomes) if (o.status === 'uploaded') services.log.info(`link of ${o.file.path}: ${o.result.url}`);
  return { ...result, outcomes };
}
