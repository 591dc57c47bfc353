import * as path from 'node:path';

/**
 * Types an Image block shows (the ones Feishu's image block takes; the protocol reference lists no more, so
 * tiff, heic and svg go in as file blocks). Everything else becomes a File block.
 */
export const IMAGE_EXTENSIONS: ReadonlySet<string> = new Set(['png', 'jpg', 'jpeg', 'gif', 'bmp', 'webp']);

export type BlockKind = 'image' | 'file';

export function blockKindFor(fileName: string): BlockKind {
  const extension = path.extname(fileName).slice(1).toLowerCase();
  return IMAGE_EXTENSIONS.has(extension) ? 'image' : 'file';
}
