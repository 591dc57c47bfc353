import type { FeishuClient } from '../feishu/FeishuClient';
import type { DriveEntry, ListFilesQuery } from '../feishu/wire';

/** Items per page: the documented maximum (docs/feishu/drive.md §3.1). */
export const LIST_PAGE_SIZE = 200;

export interface ListFolderOptions {
  orderBy?: ListFilesQuery['order_by'];
  direction?: ListFilesQuery['direction'];
  /** Stop after this many pages. Default: all of them. */
  maxPages?: number;
  signal?: AbortSignal;
}

/**
 * The items of one Drive folder (one level, GET drive/v1/files), page after page as they come; the root folder
 * (empty token) answers in one page. The caller may stop early.
 */
export async function* listFolder(client: FeishuClient, folderToken: string, options: ListFolderOptions = {}): AsyncGenerator<DriveEntry> {
  let pageToken: string | undefined;
  for (let page = 0; page < (options.maxPages ?? Infinity); page++) {
    const answer = await client.listFiles(
      { folder_token: folderToken, page_size: LIST_PAGE_SIZE, page_token: pageToken, order_by: options.orderBy, direction: options.direction },
      options.signal,
    );
    for (const entry of answer.files ?? []) yield entry;
    pageToken = answer.next_page_token;
    if (!answer.has_more || !pageToken) return;
  }
}
