import * as path from 'node:path';

/** What the expansion needs of a file system; a port so unit tests use an in-memory tree. */
export interface FileSystemPort {
  /** Follows symlinks; undefined when nothing is there. */
  stat(p: string): Promise<{ kind: 'file' | 'directory' | 'other'; size: number } | undefined>;
  /** Entry names with their own kind (a symlink is 'symlink', not followed). */
  readdir(p: string): Promise<{ name: string; kind: 'file' | 'directory' | 'symlink' | 'other' }[]>;
}

/** Decides whether an entry met inside a selected folder is left out; siblings are the names next to it. */
export type IsExcluded = (absolutePath: string, siblings: ReadonlySet<string>) => boolean;

export interface ExpandOptions {
  isExcluded?: IsExcluded;
  /** Stop walking past this many files (the user is asked before more than 100 anyway). Default 10000. */
  maxFiles?: number;
}

export interface ExpandedFile {
  readonly path: string;
  readonly name: string;
  readonly size: number;
  /**
   * The folders it goes into below the target, like `cp -r`: [] for a selected file, [<selected folder's
   * name>, …sub-folders] for a file found inside a selected folder.
   */
  readonly dir: readonly string[];
}

export interface Expansion {
  readonly files: readonly ExpandedFile[];
  /** Entries inside folders left out: ignored folders, excluded and empty files, symlinked folders. */
  readonly skipped: number;
  /** True when the walk stopped at maxFiles. */
  readonly truncated: boolean;
  /** Every folder walked (selected ones and those inside, empty ones too), as `dir` paths, parents first. */
  readonly folders: readonly (readonly string[])[];
}

/** Never uploaded from inside a folder: version control data and dependencies. */
export const SKIPPED_FOLDERS: ReadonlySet<string> = new Set(['.git', 'node_modules']);

/**
 * Selected paths → the files to upload, each with the folders it goes into (a selected folder is recreated
 * with its sub-folders, like `cp -r`). Selected files are kept as they are (even empty or missing ones:
 * the user then hears why they fail); selected folders are walked in name order, leaving out `.git`,
 * `node_modules`, what isExcluded says (files.exclude), empty files and symlinked folders (loops).
 * A file reached twice (a folder and a file in it both selected) is listed once.
 */
export async function expandSelection(paths: readonly string[], fs: FileSystemPort, options: ExpandOptions = {}): Promise<Expansion> {
  const maxFiles = options.maxFiles ?? 10_000;
  const files: ExpandedFile[] = [];
  const folders: string[][] = [];
  const seen = new Set<string>();
  let skipped = 0;
  let truncated = false;

  const add = (p: string, size: number, dir: readonly string[]): void => {
    if (seen.has(p)) return;
    seen.add(p);
    files.push({ path: p, name: path.basename(p), size, dir });
  };

  const walk = async (dir: string, below: string[]): Promise<void> => {
    folders.push(below);
    let listed;
    try {
      listed = await fs.readdir(dir);
    } catch {
      skipped++; // unreadable folder: leave it out rather than fail the whole selection
      return;
    }
    const entries = listed.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const siblings = new Set(entries.map((e) => e.name));
    for (const entry of entries) {
      if (files.length >= maxFiles) {
        truncated = true;
        return;
      }
      const full = path.join(dir, entry.name);
      if (options.isExcluded?.(full, siblings)) {
        skipped++;
        continue;
      }
      const kind = entry.kind === 'symlink' ? (await fs.stat(full))?.kind : entry.kind;
      if (entry.kind === 'directory' && !SKIPPED_FOLDERS.has(entry.name)) await walk(full, [...below, entry.name]);
      else if (kind === 'file') {
        const size = (await fs.stat(full))?.size ?? 0;
        if (size > 0) add(full, size, below);
        else skipped++;
      } else skipped++;
    }
  };

  for (const p of paths) {
    if (files.length >= maxFiles) {
      truncated = true;
      break;
    }
    const stat = await fs.stat(p);
    if (stat?.kind === 'directory') await walk(p, [path.basename(path.resolve(p))]);
    else add(p, stat?.size ?? 0, []);
  }
  return { files, skipped, truncated, folders };
}
