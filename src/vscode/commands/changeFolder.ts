import { changeFolder as pickAndSave } from '../folders/askFolder';
import type { Command } from './Command';

/** "Feishu: Change Upload Folder…" (and the Change Folder button of errors): the picker, saved as `feishu.defaultFolder`. */
export const changeFolder: Command = {
  needsCredentials: true,
  async run(services) {
    await pickAndSave(services);
  },
};
