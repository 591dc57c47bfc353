import type { FolderTree } from '../../src/emulator';

/** A folder's contents as sorted "folder/" and "folder/file" lines: trees compared at a glance. */
export function treeLines(tree: FolderTree | undefined, prefix = ''): string[] {
  if (!tree) return [];
  return [...tree.files.map((f) => `${prefix}${f.name}`), ...tree.folders.flatMap((f) => [`${prefix}${f.name}/`, ...treeLines(f, `${prefix}${f.name}/`)])].sort();
}
