import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  checkMarkdownName,
  choosePublishTarget,
  describeIdentity,
  FeishuError,
  isCancelled,
  publishAndRemember,
  PublishRecords,
  readMarkdownFile,
  resolveBaseUrl,
  stateDir,
  warningText,
  type ChosenTarget,
  type PublishContext,
  type PublishResult,
  type PublishTarget,
} from '../../core';
import type { UriLike } from '../commands/commandArgs';
import { describeError } from '../errors/errorMessages';
import { resolveTarget, type Destination } from '../folders/askFolder';
import { actorOf, type HistoryTarget } from '../history/UploadHistory';
import type { Lease } from '../services/ClientPool';
import type { Services } from '../services/services';
import { withAbortSignal } from '../ui/cancellation';
import { PublishProgressReport } from './PublishProgressReport';

/**
 * A Markdown file → a Feishu document. The first time into the default folder (else, signed in, the person's own My
 * Space; else the Drive folder picker); after that, into the document it went to before, once the user confirms
 * replacing that document's content. A document that is gone or closed to us is said so, with "Publish as New
 * Document". The result offers Open in Browser and Copy Link and goes into the Feishu Uploads history; warnings (a
 * missing image…) are in the message and the log.
 */
export async function publishMarkdown(services: Services, file: UriLike): Promise<void> {
  const filePath = file.fsPath;
  checkMarkdownName(filePath);
  const name = path.basename(filePath);
  const lease = await services.clients.acquire();
  try {
    const ctx = publishContext(services, lease, filePath);
    const chosen = await chooseTarget(services, ctx, name);
    if (!chosen) return;
    // Where a new document goes: as an upload's folder is chosen (feishu.defaultFolder, your My Space, the picker).
    const folder = chosen.kind === 'new' ? await resolveTarget(services, services.t('Feishu folder for the new document')) : undefined;
    const target: PublishTarget = chosen.kind === 'update' ? { kind: 'update', document: chosen.document } : { kind: 'new', folderToken: folder?.folderToken };
    const markdown = await markdownOf(services, filePath);
    const who = describeIdentity(lease.identity);
    services.log.info(
      target.kind === 'update'
        ? `publish ${filePath} into document "${target.document.title}" (${target.document.documentId}) as ${who}, replacing its content`
        : `publish ${filePath} as a new document in ${target.folderToken ? `folder ${target.folderToken}` : 'My Space'} as ${who}`,
    );
    const result = await runWithProgress(services, ctx, { markdown, filePath, target }, name);
    services.log.info(`published ${filePath} → ${result.url} (${result.blocks} blocks in ${result.calls} call(s), ${result.images} image(s), ${result.ms} ms)`);
    for (const w of result.warnings) services.log.warn(`${filePath}: ${warningText(w)}`);
    recordPublish(services, lease, filePath, result, folder);
    // Not awaited: the command is done; the message stays until answered.
    void showPublished(services, result, name).then(undefined, (err: unknown) => services.log.failure('publish result', err));
  } finally {
    lease.release();
  }
}

function publishContext(services: Services, lease: Lease, filePath: string): PublishContext {
  const { brand, apiBaseUrl } = lease.settings;
  return {
    publisher: lease.publisher,
    // Shared with the CLI: publishing from either updates the same document.
    records: new PublishRecords(path.join(stateDir(), 'published-documents.json')),
    key: { apiBase: resolveBaseUrl(brand, apiBaseUrl || undefined), identity: lease.identity, filePath },
    onRecordProblem: (message) => services.log.warn(message),
  };
}

/**
 * The remembered document, after the user confirmed replacing its content; a new one when there is none, or
 * when the user chose "Publish as New Document". Undefined: the user backed out.
 */
async function chooseTarget(services: Services, ctx: PublishContext, name: string): Promise<ChosenTarget | undefined> {
  const t = services.t;
  const asNew = t('Publish as New Document');
  // Never published (by this identity, here): nothing to look up.
  if (!(await ctx.records.get(ctx.key).catch(() => undefined))) return { kind: 'new' };
  let chosen: ChosenTarget;
  try {
    chosen = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: t('Looking up the Feishu document {0} was published to…', name), cancellable: true },
      (_progress, token) => withAbortSignal(token, (signal) => choosePublishTarget(ctx, {}, signal)),
    );
  } catch (err) {
    if (!(err instanceof FeishuError) || err.code !== 'DOCUMENT_UNAVAILABLE') throw err;
    services.log.failure(`publish ${name}`, err);
    const pick = await vscode.window.showWarningMessage(describeError(err, t).text, asNew);
    return pick === asNew ? { kind: 'new' } : undefined;
  }
  if (chosen.kind === 'new') return chosen;
  const replace = t('Replace Content');
  const pick = await vscode.window.showWarningMessage(
    t('Replace the content of the Feishu document "{0}" with {1}?', chosen.document.title, name),
    { modal: true, detail: t('{0} was published to this document before. Its content is replaced by the file\'s; its link stays the same.', name) },
    replace,
    asNew,
  );
  if (pick === replace) return chosen;
  return pick === asNew ? { kind: 'new' } : undefined;
}

/**
 * The publish in the Feishu Uploads history, by who published: a new document at its folder, an update at the
 * document. Its Copy Link and Open in Browser use Feishu's link; Upload Again publishes the file again. Not
 * awaited: a failed write is logged, the publish is done.
 */
function recordPublish(services: Services, lease: Lease, filePath: string, result: PublishResult, folder: Destination | undefined): void {
  const target: HistoryTarget = folder
    ? { kind: 'folder', token: folder.folderToken ?? '', label: folder.label }
    : { kind: 'document', id: result.documentId, label: result.title, url: result.url };
  void services.history
    .record({ kind: 'publish', name: result.title, localPath: filePath, url: result.url, token: result.documentId, target, as: actorOf(lease.identity) })
    .then(undefined, (err: unknown) => services.log.failure('upload history', err));
}

/** What the user sees: an open editor's text, unsaved changes included; else the file on disk. */
async function markdownOf(services: Services, filePath: string): Promise<string> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && d.uri.fsPath === filePath);
  if (open?.isDirty) {
    services.log.info(`${filePath} has unsaved changes: publishing the editor's text`);
    return open.getText();
  }
  return readMarkdownFile(filePath);
}

async function runWithProgress(services: Services, ctx: PublishContext, input: Omit<Parameters<typeof publishAndRemember>[1], 'signal' | 'onProgress'>, name: string): Promise<PublishResult> {
  const t = services.t;
  const activity = services.activity.start(100);
  try {
    return await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: t('Publishing {0} to Feishu', name), cancellable: true },
      (progress, token) =>
        withAbortSignal(token, async (signal) => {
          const report = new PublishProgressReport(name, services.clock, t, (r) => {
            progress.report({ message: r.message, increment: r.increment });
            services.activity.update(activity, r.percent);
          });
          try {
            return await publishAndRemember(ctx, { ...input, signal, onProgress: (p) => report.update(p) });
          } finally {
            report.dispose();
          }
        }),
    );
  } catch (err) {
    if (isCancelled(err) && err instanceof FeishuError && err.note) {
      // Cancel is otherwise silent; here the user learns what it left in Feishu.
      services.log.info(`publish of ${name} cancelled: ${err.message}`);
      void vscode.window.showInformationMessage(`${t('Publishing {0} was cancelled.', name)} ${t(err.note.text, ...err.note.args)}`);
    }
    throw err;
  } finally {
    services.activity.end(activity);
  }
}

async function showPublished(services: Services, result: PublishResult, name: string): Promise<void> {
  const t = services.t;
  const open = t('Open in Browser');
  const copy = t('Copy Link');
  const text = result.updated ? t('Updated the Feishu document "{0}" from {1}.', result.title, name) : t('Published {0} as the Feishu document "{1}".', name, result.title);
  let pick: string | undefined;
  if (result.warnings.length === 0) {
    pick = await vscode.window.showInformationMessage(text, open, copy);
  } else {
    const showWarnings = t('Show Warnings');
    const first = warningText(result.warnings[0], t);
    const more = result.warnings.length === 1 ? t('1 warning: {0}', first) : t('{0} warnings; the first: {1}', result.warnings.length, first);
    pick = await vscode.window.showWarningMessage(`${text} ${more}`, open, copy, showWarnings);
    if (pick === showWarnings) services.log.show();
  }
  if (pick === open) await vscode.env.openExternal(vscode.Uri.parse(result.url));
  else if (pick === copy) {
    await vscode.env.clipboard.writeText(result.url);
    vscode.window.setStatusBarMessage(t('Link copied.'), 3000);
  }
}
