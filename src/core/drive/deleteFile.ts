// Delete a Drive item (docs/feishu/drive.md §7): it goes to the recycle bin. Like uploads, the endpoint takes
// 5 calls per second and no concurrent calls (1061045), so it goes through the same gate.
import type { FeishuClient } from '../feishu/FeishuClient';

/** Drive item types the delete endpoint names (`file` for uploads, `docx` for documents). */
export type DriveItemType = 'file' | 'docx' | 'sheet' | 'bitable' | 'folder' | 'doc' | 'mindnote' | 'shortcut' | 'slides';

export async function deleteDriveItem(client: FeishuClient, token: string, type: Exclude<DriveItemType, 'folder'>, signal?: AbortSignal): Promise<void> {
  await client.call<unknown>({ method: 'DELETE', endpoint: `drive/v1/files/${encodeURIComponent(token)}`, query: { type }, gated: true, signal });
}
