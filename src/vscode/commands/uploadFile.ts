import { pickFiles } from '../files/pickFiles';
import { activeMarkdownEditor } from '../upload/results';
import type { Services } from '../services/services';
import { uploadResources, type MarkdownEditor } from '../upload/uploadFlow';
import type { Command } from './Command';

/** "Feishu: Upload File…": an open dialog, several files at once. */
export const uploadFile: Command = {
  needsCredentials: true,
  run: (services) => pickAndUpload(services, activeMarkdownEditor()),
};

export async function pickAndUpload(services: Services, editor: MarkdownEditor): Promise<void> {
  const picked = await pickFiles(services, services.t('Upload to Feishu'));
  if (picked) await uploadResources(services, picked, editor);
}
