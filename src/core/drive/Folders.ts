import { FeishuError } from '../errors/FeishuError';
import { FOLDER_NAME_MAX_BYTES, type DriveApi, type DriveItem } from '../feishu/drive';
import { retryContext, withRetry, type RetrySettings } from '../limits/retry';
import { Serializer } from '../limits/Serializer';

/** The root folder ("My Space") as a key: listed without a token (whole, unpaged) and created into with "". */
export const ROOT = '';

/** A folder's items as fetched, with the creation count of that folder at the time (see Folders). */
export interface Listing {
  readonly items: readonly DriveItem[];
  readonly generation: number;
}

/**
 * Folders over DriveApi for one client: listing every page, and creating a named sub-folder unless one is
 * there already. Creation is serial per parent folder (a lock per parent), so two batches that want the same
 * sub-folder get one folder, not two; a listing fetched before another batch created something in that
 * folder is fetched again before deciding (each parent counts its creations: its "generation").
 */
export class Folders {
  private readonly locks = new Map<string, Serializer>();
  private readonly generations = new Map<string, number>();

  constructor(
    readonly api: DriveApi,
    private readonly options: RetrySettings = {},
  ) {}

  /**
   * Every item of a folder (ROOT: My Space), all pages, each call retried on transient errors. `onPage` hears
   * each page as it comes (the folder picker shows them at once).
   */
  async list(folder: string, signal?: AbortSignal, onPage?: (items: readonly DriveItem[]) => void): Promise<Listing> {
    const generation = this.generation(folder);
    const retry = retryContext(this.options, signal);
    const items: DriveItem[] = [];
    let pageToken: string | undefined;
    do {
      const page = await withRetry(() => this.api.listPage(folder || undefined, pageToken, signal), retry);
      items.push(...page.items);
      onPage?.(page.items);
      pageToken = page.nextPageToken;
    } while (pageToken);
    return { items, generation };
  }

  /**
   * The sub-folder `name` of `parent`: the first folder of that name in `known` (the caller's listing of the
   * parent), else a new one. Returns the listing of the parent as it is now, for the caller to keep.
   */
  async child(parent: string, name: string, known: Listing | undefined, signal?: AbortSignal): Promise<{ token: string; created: boolean; url?: string; listing: Listing }> {
    checkFolderName(name);
    const release = await this.lock(parent).lock(signal);
    try {
      let listing = known && known.generation === this.generation(parent) ? known : await this.list(parent, signal);
      const found = findFolder(listing.items, name);
      if (found) return { token: found.token, created: false, url: found.url, listing };
      const made = await this.create(parent, name, signal);
      const generation = this.bump(parent);
      listing = { items: [...listing.items, { token: made.token, name, type: 'folder', parentToken: parent || undefined, url: made.url }], generation };
      return { token: made.token, created: true, url: made.url, listing };
    } finally {
      release();
    }
  }

  /**
   * create_folder, retried on transient errors. A retry after an answer that never came (network, timeout,
   * HTTP 5xx) first looks whether the lost call made the folder after all, so a retry never makes two.
   */
  private async create(parent: string, name: string, signal?: AbortSignal): Promise<{ token: string; url?: string }> {
    let lastError: unknown;
    return withRetry(async () => {
      if (lastError instanceof FeishuError && ['network', 'transient'].includes(lastError.category)) {
        const found = findFolder((await this.list(parent, signal)).items, name);
        if (found) return { token: found.token, url: found.url };
      }
      try {
        return await this.api.createFolder(parent || undefined, name, signal);
      } catch (err) {
        lastError = err;
        throw err;
      }
    }, retryContext(this.options, signal));
  }

  /** What a folder this process just created holds: nothing (so it need not be listed). */
  emptyListing(folder: string): Listing {
    return { items: [], generation: this.generation(folder) };
  }

  private lock(parent: string): Serializer {
    let lock = this.locks.get(parent);
    if (!lock) this.locks.set(parent, (lock = new Serializer()));
    return lock;
  }

  private generation(folder: string): number {
    return this.generations.get(folder) ?? 0;
  }

  private bump(folder: string): number {
    const next = this.generation(folder) + 1;
    this.generations.set(folder, next);
    return next;
  }
}

/** The folder of that exact name among a folder's items (Feishu allows several; the first listed wins). */
export function findFolder(items: readonly DriveItem[], name: string): DriveItem | undefined {
  return items.find((i) => i.type === 'folder' && i.name === name);
}

/** Refuses what create_folder would: an empty name or one over 256 UTF-8 bytes (docs/feishu/drive.md §4). */
export function checkFolderName(name: string): void {
  if (name.trim() === '') throw new FeishuError({ code: 'BAD_FOLDER_NAME', detail: 'The name is empty.' });
  const bytes = Buffer.byteLength(name, 'utf8');
  if (bytes > FOLDER_NAME_MAX_BYTES) throw new FeishuError({ code: 'BAD_FOLDER_NAME', detail: `"${name.slice(0, 40)}…" has ${bytes} bytes.` });
}
