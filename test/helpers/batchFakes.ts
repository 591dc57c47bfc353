import type { BatchFile, UploadOne } from '../../src/vscode/upload/batch';

/** Four small files for batch tests: a.txt (10 B) … d.txt (40 B). */
export const BATCH_FILES: BatchFile[] = ['a.txt', 'b.txt', 'c.txt', 'd.txt'].map((name, i) => ({ path: `/w/${name}`, name, size: 10 * (i + 1) }));

/** An UploadOne that reports each file's bytes at once and fails the files named in `failures` with their error. */
export function fakeUploadOne(failures: Record<string, unknown> = {}, onCall?: (f: BatchFile) => void): UploadOne {
  return async (file, _signal, onProgress) => {
    onCall?.(file);
    onProgress(file.size);
    if (file.name in failures) throw failures[file.name];
    return { fileToken: `tok_${file.name}`, name: file.name, bytes: file.size, parts: 1, method: 'all', ms: 1, resumedFromPart: 0, recovered: false, url: `https://www.feishu.cn/file/tok_${file.name}` };
  };
}
