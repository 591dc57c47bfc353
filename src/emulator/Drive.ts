// The emulated tenant's storage: folders (Drive upload targets), media parents (docx blocks, sheets… that media
// can be attached to) and the files uploaded so far. Every folder and file has an owner — a principal,
// `app:<appId>` or `user:<openId>` — and every principal has its own root folder ("My Space"), made on first use.
// Who may write in a folder: its owner and the collaborators it was shared with (edit or full_access); the app
// only where it owns or was shared in, like on Feishu (else 1061004). Issue 10's permission APIs add collaborators
// through share(); canWrite() reads them.
import { newDriveToken, newNumericId } from './ids';
import type { FolderPerm as Perm, StoredFile } from './types';

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
      this.folders.set(token, { token, owner: principal, name: 'My Space', members: new Map(), id: newNumericId(19), ownerNumericId: newNumericId(19) });
      this.roots.set(principal, token);
    }
    return token;
  }

  addFolder(options: NewFolder = {}): string {
    const owner = options.owner ?? this.defaultOwner();
    const parent = options.parent ?? this.rootOf(owner);
    if (!this.folders.has(parent)) throw new RangeError(`parent folder ${parent} does not exist`);
    const token = newDriveToken();
    const members = new Map<string, Perm>(Object.entries(options.members ?? { [this.appPrincipal]: 'edit' }));
    members.delete(owner);
    this.folders.set(token, { token, parent, owner, name: options.name ?? 'Folder', members, id: newNumericId(19), ownerNumericId: newNumericId(19) });
    return token;
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

  /** The owner and collaborators with edit or full_access may add files. */
  canWrite(principal: string, token: string): boolean {
    const folder = this.folders.get(token);
    if (!folder) return false;
    if (folder.owner === principal) return true;
    const perm = folder.members.get(principal);
    return perm !== undefined && WRITE_PERMS.has(perm);
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

  clearFiles(): void {
    this.files.clear();
  }
}
