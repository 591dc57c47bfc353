import { promises as fs } from 'node:fs';
import type { FileSystemPort } from './expandSelection';

/** The real file system for expandSelection. */
export const nodeFileSystem: FileSystemPort = {
  async stat(p) {
    try {
      const s = await fs.stat(p);
      return { kind: s.isFile() ? 'file' : s.isDirectory() ? 'directory' : 'other', size: s.size };
    } catch {
      return undefined;
    }
  },
  async readdir(p) {
    const entries = await fs.readdir(p, { withFileTypes: true });
    return entries.map((e) => ({
      name: e.name,
      kind: e.isSymbolicLink() ? 'symlink' : e.isFile() ? 'file' : e.isDirectory() ? 'directory' : 'other',
    }));
  },
};
