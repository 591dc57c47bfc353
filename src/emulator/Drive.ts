// The emulated tenant's storage: folders (Drive upload targets), media parents (docx blocks, sheets…
// that media can be attached to) and the files uploaded so far.
import { newDriveToken, newNumericId } from './ids';
import type { StoredFile } from './types';

export type NewFile = Omit<StoredFile, 'fileToken' | 'createdAt'>;

export class Drive {
  readonly rootFolderToken = newDriveToken();
  /** `id` and `user_id` of root_folder/meta: opaque numeric strings. */
  readonly rootFolderId = newNumericId(19);
  readonly ownerId = newNumericId(19);
  private readonly folders = new Set<string>([this.rootFolderToken]);
  private readonly mediaParents = new Set<string>();
  private readonly files = new Map<string, StoredFile>();

  addFolder(): string {
    const token = newDriveToken();
    this.folders.add(token);
    return token;
  }

  hasFolder(token: string): boolean {
    return this.folders.has(token);
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
