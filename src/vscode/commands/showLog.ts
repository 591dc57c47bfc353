import type { Command } from './Command';

/** Opens the "Feishu Upload" output channel. */
export const showLog: Command = {
  needsCredentials: false,
  run: async (services) => services.log.show(),
};
