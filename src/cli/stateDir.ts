import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where the CLI keeps what must survive a run (resume records): `$XDG_STATE_HOME/feishu-upload` when set, else the
 * platform's place for per-user application state: ~/.local/state on Linux and other Unixes (the XDG default),
 * ~/Library/Application Support on macOS, %LOCALAPPDATA% on Windows.
 */
export function stateDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): string {
  const home = env.HOME || homedir();
  if (env.XDG_STATE_HOME) return join(env.XDG_STATE_HOME, 'feishu-upload');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'feishu-upload');
  if (platform === 'win32') return join(env.LOCALAPPDATA || join(env.USERPROFILE || home, 'AppData', 'Local'), 'feishu-upload');
  return join(home, '.local', 'state', 'feishu-upload');
}

/** The resume records' folder inside the state folder. */
export function sessionsDir(env: NodeJS.ProcessEnv, platform?: NodeJS.Platform): string {
  return join(stateDir(env, platform), 'upload-sessions');
}
