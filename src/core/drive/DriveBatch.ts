import { FeishuError } from '../errors/FeishuError';
import type { DocRef, DriveApi, DriveItem } from '../feishu/drive';
import { retryContext, withRetry, type RetrySettings } from '../limits/retry';
import type { FileSource } from '../upload/FileSource';
import type { UploadOptions, UploadResult, Uploader } from '../upload/Uploader';
import { ROOT, type Folders, type Listing } from './Folders';
import type { ConflictPolicy, LinkSharing } from './policies';

/** A file whose name is already in the folder it goes to. */
export interface Conflict {
  /** The file's name, as it would be in Feishu. */
  readonly name: string;
  /** The folder's token (the root's real token for My Space). */
  readonly folderToken: string;
  /** The folder below the batch's folder, as given to put ([] for the batch's folder itself). */
  readonly dir: readonly string[];
  /** The file already there (the first of that name). */
  readonly existing: DriveItem;
}

/** Asks what to do about one conflict (the extension's "ask" policy); rejecting cancels the file. */
export type AskConflict = (conflict: Conflict, signal?: AbortSignal) => Promise<ConflictPolicy>;

export interface DriveBatchOptions {
  /** The folder the batch goes into; undefined: the root folder ("My Space"). */
  folderToken?: string;
  /** Default 'keep-both'. */
  onConflict?: ConflictPolicy | AskConflict;
  /** Link sharing set on every uploaded file. Default 'off'. */
  linkSharing?: LinkSharing;
  /**
   * When acting as the app with a signed-in user present: that user's open_id, made a full_access collaborator
   * of every file and folder the batch creates, so the person who uploaded can open what they uploaded (as
   * larksuite/cli does in bot mode, docs/feishu/drive.md §4, §9).
   */
  grantTo?: string;
}

/** A step after the upload that did not work; the file is uploaded all the same. */
export interface FollowUpProblem {
  readonly step: 'linkSharing' | 'grantUser';
  readonly error: unknown;
}

export type DriveOutcome =
  | { readonly status: 'uploaded'; readonly result: UploadResult; readonly folderToken: string; readonly problems: readonly FollowUpProblem[] }
  | { readonly status: 'skipped'; readonly name: string; readonly fileToken: string; readonly folderToken: string };

export interface DriveBatchDeps extends RetrySettings {
  api: DriveApi;
  folders: Folders;
  uploader: Uploader;
  /** Told about problems worth a log line (a grant on a new folder that failed). */
  onWarning?: (message: string) => void;
}

/**
 * Files into a Drive folder, each into its own sub-folder path (a local folder tree is recreated, like
 * `cp -r`): every folder is listed at most once per batch (the listing finds same-named folders to reuse and,
 * unless keeping both, files already there), a folder the batch created is known to be empty, and creation goes
 * through Folders (serial per parent). Callers send one file at a time and own progress and reporting.
 */
export class DriveBatch {
  private readonly listings = new Map<string, Listing | Promise<Listing>>();
  private readonly paths = new Map<string, Promise<string>>();
  private readonly policy: ConflictPolicy | AskConflict;

  constructor(
    private readonly deps: DriveBatchDeps,
    private readonly options: DriveBatchOptions = {},
  ) {
    this.policy = options.onConflict ?? 'keep-both';
  }

  /** Uploads one file into `dir` below the batch's folder (creating what is missing), or skips it. */
  async put(source: FileSource, dir: readonly string[], options: UploadOptions = {}): Promise<DriveOutcome> {
    const { signal } = options;
    const folder = await this.folder(dir, signal);
    if (this.policy !== 'keep-both') {
      const existing = (await this.listing(folder, signal)).items.find((i) => i.type === 'file' && i.name === source.name);
      if (existing) {
        const folderToken = await this.realToken(folder, signal);
        const choice = this.policy === 'skip' ? 'skip' : await this.policy({ name: source.name, folderToken, dir, existing }, signal);
        if (choice === 'skip') return { status: 'skipped', name: source.name, fileToken: existing.token, folderToken };
      }
    }
    const result = await this.deps.uploader.upload(source, { kind: 'folder', folderToken: folder || undefined }, options);
    this.remember(folder, { token: result.fileToken, name: result.name, type: 'file' });
    const problems = await this.followUps({ token: result.fileToken, type: 'file' }, true);
    return { status: 'uploaded', result, folderToken: await this.realToken(folder, signal), problems };
  }

  /** Creates folders that hold no files (empty local folders), so the tree arrives whole. */
  async makeFolders(dirs: readonly (readonly string[])[], signal?: AbortSignal): Promise<void> {
    for (const dir of dirs) await this.folder(dir, signal);
  }

  /** The token of the folder `dir` names below the batch's folder, creating what is missing; ROOT for My Space. */
  folder(dir: readonly string[], signal?: AbortSignal): Promise<string> {
    const base = this.options.folderToken ?? ROOT;
    if (dir.length === 0) return Promise.resolve(base);
    const key = JSON.stringify(dir);
    let pending = this.paths.get(key);
    if (!pending) {
      pending = this.folder(dir.slice(0, -1), signal).then((parent) => this.child(parent, dir[dir.length - 1], signal));
      this.paths.set(key, pending);
      // A failure (or a cancel) is not kept: the next file asks again.
      pending.catch(() => this.paths.delete(key));
    }
    return pending;
  }

  private async child(parent: string, name: string, signal?: AbortSignal): Promise<string> {
    const known = await this.known(parent);
    const made = await this.deps.folders.child(parent, name, known, signal);
    this.listings.set(parent, made.listing);
    if (made.created) {
      this.listings.set(made.token, this.deps.folders.emptyListing(made.token));
      const problems = await this.followUps({ token: made.token, type: 'folder' }, false);
      for (const p of problems) this.deps.onWarning?.(`Could not give the signed-in user access to the new folder "${name}" (${made.token}): ${describe(p.error)}`);
    }
    return made.token;
  }

  /** A listing this batch already has (or is fetching), without fetching one. */
  private async known(folder: string): Promise<Listing | undefined> {
    const cached = this.listings.get(folder);
    return cached === undefined ? undefined : await Promise.resolve(cached).catch(() => undefined);
  }

  private listing(folder: string, signal?: AbortSignal): Promise<Listing> {
    const cached = this.listings.get(folder);
    if (cached) return Promise.resolve(cached);
    const pending = this.deps.folders.list(folder, signal);
    this.listings.set(folder, pending);
    pending.then(
      (listing) => this.listings.set(folder, listing),
      () => this.listings.delete(folder),
    );
    return pending;
  }

  private remember(folder: string, item: DriveItem): void {
    const cached = this.listings.get(folder);
    if (cached && !(cached instanceof Promise)) this.listings.set(folder, { ...cached, items: [...cached.items, item] });
  }

  private async realToken(folder: string, signal?: AbortSignal): Promise<string> {
    return folder === ROOT ? this.deps.uploader.rootFolder(signal) : folder;
  }

  /**
   * Link sharing (files only) and the signed-in user's access, each retried on its own; a failure is reported,
   * not thrown: the file is there. No signal: a cancel after the upload must not leave it half set up.
   */
  private async followUps(doc: DocRef, isFile: boolean): Promise<FollowUpProblem[]> {
    const problems: FollowUpProblem[] = [];
    const retry = retryContext(this.deps);
    const share = this.options.linkSharing ?? 'off';
    if (isFile && share !== 'off') {
      await withRetry(() => this.deps.api.setLinkShare(doc, share), retry).catch((error: unknown) => problems.push({ step: 'linkSharing', error }));
    }
    const user = this.options.grantTo;
    if (user) {
      await withRetry(() => this.deps.api.addUserMember(doc, user, 'full_access'), retry).catch((error: unknown) => problems.push({ step: 'grantUser', error }));
    }
    return problems;
  }
}

function describe(err: unknown): string {
  return err instanceof FeishuError ? err.message : String(err);
}
