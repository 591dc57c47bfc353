import { parseFolderInput, type UploadTarget } from '../../core';

/** What `feishu.defaultFolder` (and the folder prompt) accept for the root folder, "My Space". */
export const ROOT_KEYWORD = 'root';

/**
 * A folder link, a token, or "root" → the folder token (undefined = My Space). Throws BAD_FOLDER with a
 * detail that says what was wrong.
 */
export function parseFolderChoice(text: string): string | undefined {
  const raw = text.trim();
  if (raw.toLowerCase() === ROOT_KEYWORD) return undefined;
  return parseFolderInput(raw);
}

/** The target `feishu.defaultFolder` names, or undefined when it is empty and the user must be asked. */
export function targetFromSetting(defaultFolder: string): UploadTarget | undefined {
  if (defaultFolder.trim() === '') return undefined;
  return { kind: 'folder', folderToken: parseFolderChoice(defaultFolder) };
}
