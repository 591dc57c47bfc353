import { FeishuError } from '../errors/FeishuError';
import { BARE_TOKEN, feishuUrl, linkKind, tokenAfter } from '../feishu/links';
import type { UploadApi } from '../feishu/wire';

/** Where a file goes: a Drive folder (empty token = the root folder, "My Space"), or media in a document. */
export type UploadTarget =
  | { kind: 'folder'; folderToken?: string }
  | { kind: 'media'; parentType: string; parentNode: string; extra?: string };

/** Documented media parent types (drive/v1/medias). */
export const MEDIA_PARENT_TYPES: readonly string[] = [
  'doc_image',
  'docx_image',
  'sheet_image',
  'doc_file',
  'docx_file',
  'sheet_file',
  'vc_virtual_background',
  'bitable_image',
  'bitable_file',
  'moments',
  'ccm_import_open',
];

export function apiOf(target: UploadTarget): UploadApi {
  return target.kind === 'folder' ? 'files' : 'medias';
}

/**
 * A folder link (https://<tenant>.feishu.cn/drive/folder/<token>, Lark and larkoffice hosts too, or the
 * emulator on loopback) or a bare token; empty means the root folder. Anything else gets a message that
 * says what was wrong.
 */
export function parseFolderInput(input: string | undefined): string | undefined {
  const raw = (input ?? '').trim();
  if (raw === '') return undefined;
  if (BARE_TOKEN.test(raw)) return raw;
  const url = feishuUrl(raw, 'BAD_FOLDER');
  const token = tokenAfter(url.pathname, 'drive/folder');
  if (!token) {
    const kind = linkKind(url.pathname);
    const what = kind ? `a ${kind} link, not a folder` : 'not a folder link';
    throw new FeishuError({ code: 'BAD_FOLDER', detail: `${url.hostname}${url.pathname} is ${what}.` });
  }
  return token;
}

/** Checks a media target before any byte is sent. */
export function checkMediaTarget(parentType: string, parentNode: string, extra?: string): void {
  if (!MEDIA_PARENT_TYPES.includes(parentType)) {
    throw new FeishuError({ code: 'BAD_TARGET', detail: `Unknown parent type "${parentType}"; use one of ${MEDIA_PARENT_TYPES.join(', ')}.` });
  }
  if (parentType !== 'ccm_import_open' && parentNode.trim() === '') {
    throw new FeishuError({ code: 'BAD_TARGET', detail: `Parent type ${parentType} needs a parent node.` });
  }
  if (extra !== undefined) {
    try {
      JSON.parse(extra);
    } catch {
      throw new FeishuError({ code: 'BAD_TARGET', detail: 'extra is not valid JSON.' });
    }
  }
}
