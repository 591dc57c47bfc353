// The emulated tenant's storage: the folder tree, media parents (docx blocks, sheets… that media can be attached to)
// and the files uploaded so far. Every folder and file has an owner — a principal, `app:<appId>` or
// `user:<openId>` — and every principal has its own root folder ("My Space"), made on first use. Folders have a
// parent and a name (create_folder's limits: docs/feishu/drive.md §4); a Drive file's parent is the folder in its
// parent_node. Who may write in a folder: its owner and the collaborators it (or a folder above it) was shared
// with (edit or full_access); the app only where it owns or was shared in, like on Feishu (else 1061004). The
// permission API's members on folders become collaborators here (share()); canWrite() reads them.
import { newDriveToken, newNumericId } from './ids';
import type { FolderPerm as Perm, FolderTree, StoredFile } from './types';

export type NewFile = Omit<StoredFile, 'fileToken' | 'createdAt'>;

export interface FolderNode {
  readonly token: string;
  /** undefined for a root folder. */
  readonly parent?: string;
  /** `app:<appId>` or `user:<openId>`. */
  readonly owner: string;
  readonly name: string;
  /** Collaborators other than the owner. */
  readonly members: ReadonlyMap<string, Perm>;
  /** root_folder/meta's `id` and `user_id` for a root: opaque numeric strings. */
  readonly id: string;
  readonly ownerNumericId: string;
  /** Epoch milliseconds. */
  readonly createdAt: number;
}

interface Folder extends FolderNode {
  members: Map<string, Perm>;
}

export interface NewFolder {
  /** Default: the tenant's first user (a folder a person made). */
  owner?: string;
  /** Default: the owner's root. */
  parent?: string;
  name?: string;
  /** Collaborators; default: the app may edit (a folder shared with the app's bot). */
  members?: Readonly<Record<string, Perm>>;
}

/** A child of a folder as listings show it. */
export interface DriveEntry {
  readonly token: string;
  readonly name: string;
  readonly type: 'folder' | 'file';
  readonly createdAt: number;
  readonly owner: string;
}

/** Feishu's limits on folders (docs/feishu/drive.md §4), lowerable in tests. */
export interface FolderLimits {
  /** Direct children of one folder (files and folders). Default 1500 (else 1062507). */
  maxChildren: number;
  /** Nesting of folders below a root. Default 15 (else 1062506). */
  maxDepth: number;
  /** Nodes in the whole tenant. Default 400 000 (else 1062505). */
  maxNodes: number;
}

export const DEFAULT_FOLDER_LIMITS: FolderLimits = { maxChildren: 1500, maxDepth: 15, maxNodes: 400_000 };

export type CreateFolderResult = { ok: true; folder: FolderNode } | { ok: false; code: 1061003 | 1062505 | 1062506 | 1062507; message: string };

const WRITE_PERMS: ReadonlySet<Perm> = new Set(['edit', 'full_access']);

export class Drive {
  private readonly folders = new Map<string, Folder>();
  private readonly roots = new Map<string, string>();
  private readonly mediaParents = new Set<string>();
  private readonly files = new Map<string, StoredFile>();

  constructor(
    /** `app:<appId>`: whose root rootFolderToken is. */
    readonly appPrincipal: string,
    /** Owner of folders made by addFolder() without one. */
    private readonly defaultOwner: () => string,
    private readonly limits: FolderLimits = DEFAULT_FOLDER_LIMITS,
  ) {}

  /** The app's own My Space (kept for callers from before users had their own). */
  get rootFolderToken(): string {
    return this.rootOf(this.appPrincipal);
  }

  /** The principal's root folder, made the first time anyone asks. */
  rootOf(principal: string): string {
    let token = this.roots.get(principal);
    if (!token) {
      token = newDriveToken();
      this.folders.set(token, { token, owner: principal, name: 'My Space', members: new Map(), id: newNumericId(19), ownerNumericId: newNumericId(19), createdAt: Date.now() });
      this.roots.set(principal, token);
    }
    return token;
  }

  /** A folder made behind the API's back (test setup): no limits apply. */
  addFolder(options: NewFolder = {}): string {
    const owner = options.owner ?? this.defaultOwner();
    const parent = options.parent ?? this.rootOf(owner);
    if (!this.folders.has(parent)) throw new RangeError(`parent folder ${parent} does not exist`);
    const members = new Map<string, Perm>(Object.entries(options.members ?? { [this.appPrincipal]: 'edit' }));
    members.delete(owner);
    return this.put(parent, owner, options.name ?? 'Folder', members).token;
  }

  /** create_folder's checks (docs/feishu/drive.md §4) after the write check: the parent exists, the limits hold. */
  createFolder(parent: string, name: string, owner: string): CreateFolderResult {
    if (!this.folders.has(parent)) return { ok: false, code: 1061003, message: `folder ${JSON.stringify(parent)} does not exist` };
    if (this.children(parent).length >= this.limits.maxChildren) {
      return { ok: false, code: 1062507, message: `folder ${parent} already holds ${this.limits.maxChildren} items` };
    }
    const depth = this.depth(parent) + 1;
    if (depth > this.limits.maxDepth) return { ok: false, code: 1062506, message: `a folder there would be ${depth} levels deep (limit ${this.limits.maxDepth})` };
    if (this.folders.size - this.roots.size + this.files.size >= this.limits.maxNodes) return { ok: false, code: 1062505, message: `the tenant holds ${this.limits.maxNodes} nodes` };
    return { ok: true, folder: this.put(parent, owner, name, new Map()) };
  }

  hasFolder(token: string): boolean {
    return this.folders.has(token);
  }

  folder(token: string): FolderNode | undefined {
    return this.folders.get(token);
  }

  /** Adds (or changes) a collaborator; false when there is no such folder. */
  share(token: string, principal: string, perm: Perm): boolean {
    const folder = this.folders.get(token);
    if (!folder) return false;
    if (principal !== folder.owner) folder.members.set(principal, perm);
    return true;
  }

  /** The owner and collaborators with edit or full_access here or on a folder above (sharing reaches down) may add. */
  canWrite(principal: string, token: string): boolean {
    return this.permissions(principal, token).some((perm) => perm === 'owner' || WRITE_PERMS.has(perm));
  }

  /** The owner and full_access collaborators (here or above) may change who can open it. */
  canManage(principal: string, token: string): boolean {
    return this.permissions(principal, token).some((perm) => perm === 'owner' || perm === 'full_access');
  }

  /** The owner and every collaborator here or above may list the folder. */
  canRead(principal: string, token: string): boolean {
    return this.permissions(principal, token).length > 0;
  }

  /** The principal's permission on the folder and each folder above it, nearest first ('owner' where it owns). */
  private permissions(principal: string, token: string): (Perm | 'owner')[] {
    const found: (Perm | 'owner')[] = [];
    for (let f = this.folders.get(token); f; f = f.parent === undefined ? undefined : this.folders.get(f.parent)) {
      if (f.owner === principal) found.push('owner');
      const perm = f.members.get(principal);
      if (perm) found.push(perm);
    }
    return found;
  }

  /** Folders first created, then files, each in creation order (the listing order is UNCONFIRMED). */
  children(token: string): DriveEntry[] {
    const folders = [...this.folders.values()].filter((f) => f.parent === token).map((f): DriveEntry => ({ token: f.token, name: f.name, type: 'folder', createdAt: f.createdAt, owner: f.owner }));
    const files = [...this.files.values()]
      .filter((f) => f.endpoint === 'files' && f.parentNode === token)
      .map((f): DriveEntry => ({ token: f.fileToken, name: f.name, type: 'file', createdAt: f.createdAt, owner: f.owner }));
    return [...folders, ...files];
  }

  /** 0 for a root, 1 for a folder in it, … */
  depth(token: string): number {
    let depth = 0;
    for (let f = this.folders.get(token); f?.parent !== undefined; f = this.folders.get(f.parent)) depth++;
    return depth;
  }

  /** The folder and everything below it, for tests that check what arrived where. */
  tree(token = this.rootFolderToken): FolderTree | undefined {
    const folder = this.folders.get(token);
    if (!folder) return undefined;
    const entries = this.children(token);
    return {
      token,
      name: folder.name,
      folders: entries.filter((e) => e.type === 'folder').map((e) => this.tree(e.token)!),
      files: entries.filter((e) => e.type === 'file').map((e) => ({ token: e.token, name: e.name, size: this.files.get(e.token)!.size })),
    };
  }

  addMediaParent(token?: string): string {
    const parent = token ?? newDriveToken();
    this.mediaParents.add(parent);
    return parent;
  }

  hasMediaParent(token: string): boolean {
    return this.mediaParents.has(token);
  }

  store(file: NewFile): StoredFile {
    const stored: StoredFile = { fileToken: newDriveToken(), createdAt: Date.now(), ...file };
    this.files.set(stored.fileToken, stored);
    return stored;
  }

  get(fileToken: string): StoredFile | undefined {
    const file = this.files.get(fileToken);
    return file && { ...file };
  }

  list(): StoredFile[] {
    return [...this.files.values()].map((file) => ({ ...file }));
  }

  delete(fileToken: string): boolean {
    return this.files.delete(fileToken);
  }

  clearFiles(): void {
    this.files.clear();
  }

  private put(parent: string, owner: string, name: string, members: Map<string, Perm>): Folder {
    const folder: Folder = { token: newDriveToken(), parent, owner, name, members, id: newNumericId(19), ownerNumericId: newNumericId(19), createdAt: Date.now() };
    this.folders.set(folder.token, folder);
    return folder;
  }
}
