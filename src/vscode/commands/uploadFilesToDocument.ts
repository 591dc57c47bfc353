import type { Command } from './Command';
import { pickFilesToDocument } from './uploadToDocument';

/** "Feishu: Upload to Document…" (palette): pick files, then pick the document (the default is offered first). */
export const uploadFilesToDocument: Command = {
  needsCredentials: true,
  run: (services) => pickFilesToDocument(services, false),
};
