import type { DriveApi, DriveItem } from '../feishu/drive';
import { retryContext, withRetry, type RetrySettings } from '../limits/retry';
import type { Uploader } from '../upload/Uploader';
import { DriveBatch, type DriveBatchOptions } from './DriveBatch';
import { ROOT, type Folders } from './Folders';
import type { Links } from './Links';

export interface MadeFolder {
  readonly token: string;
  /** False when a folder of that name was there already (and is reused). */
  readonly created: boolean;
  readonly url?: string;
  /** The folder it is in (My Space by its real token). */
  readonly parentToken: string;
}

export interface DriveOptions extends RetrySettings {
  onWarning?: (message: string) => void;
}

/**
 * Where files go in Drive: browsing folders, making them, uploading trees into them, and Feishu's links for what
 * was uploaded. One per client (engines.drive), sharing the uploader (and its root folder lookup).
 */
export class Drive {
  constructor(
    readonly api: DriveApi,
    readonly folders: Folders,
    readonly links: Links,
    private readonly uploader: Uploader,
    private readonly options: DriveOptions = {},
  ) {}

  /** A batch of uploads into one folder (trees recreated below it). */
  batch(options: DriveBatchOptions = {}): DriveBatch {
    return new DriveBatch({ ...this.options, api: this.api, folders: this.folders, uploader: this.uploader }, options);
  }

  /** Every item of a folder (undefined: My Space, which Feishu sends whole), pages as they come to `onPage`. */
  async list(folderToken?: string, signal?: AbortSignal, onPage?: (items: readonly DriveItem[]) => void): Promise<readonly DriveItem[]> {
    return (await this.folders.list(folderToken ?? ROOT, signal, onPage)).items;
  }

  /**
   * The folder at `path` below `parentToken` (undefined: My Space), made level by level where missing and
   * reused where a folder of that name is there, like `mkdir -p`. `grantTo`: the signed-in user's open_id when
   * acting as the app, made a full_access collaborator of each folder made (a failure is a warning).
   */
  async mkdir(path: readonly string[], parentToken?: string, signal?: AbortSignal, grantTo?: string): Promise<MadeFolder> {
    if (path.length === 0) throw new RangeError('mkdir needs a name');
    let parent = parentToken ?? ROOT;
    let made: Omit<MadeFolder, 'parentToken'> & { parent: string } = { token: parent, created: false, parent };
    for (const name of path) {
      const child = await this.folders.child(parent, name, undefined, signal);
      made = { token: child.token, created: child.created, url: child.url, parent };
      if (child.created && grantTo) await this.grant(child.token, name, grantTo);
      parent = child.token;
    }
    const { parent: holder, ...rest } = made;
    return { ...rest, parentToken: holder === ROOT ? await this.rootFolder(signal) : holder };
  }

  private async grant(token: string, name: string, openId: string): Promise<void> {
    try {
      await withRetry(() => this.api.addUserMember({ token, type: 'folder' }, openId, 'full_access'), retryContext(this.options));
    } catch (err) {
      this.options.onWarning?.(`Could not give the signed-in user access to the new folder "${name}" (${token}): ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  /** The token of My Space (asked once per client). */
  rootFolder(signal?: AbortSignal): Promise<string> {
    return this.uploader.rootFolder(signal);
  }
}
