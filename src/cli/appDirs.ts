import { homedir } from 'node:os';
import { join } from 'node:path';

// Where the CLI keeps what outlives a run, per user and machine: the sign-in (config) and resume records (state).
// Both follow the platform's rules; on macOS they share one folder, as Apple has no separate place for state.

/** The user's home: $HOME, else %USERPROFILE%, else what Node finds. */
function home(env: NodeJS.ProcessEnv): string {
  return env.HOME?.trim() || env.USERPROFILE?.trim() || homedir();
}

/**
 * Where the CLI keeps a sign-in (when no keychain is reachable) and its renewal lock: FEISHU_UPLOAD_CONFIG_DIR,
 * else the platform's config dir — $XDG_CONFIG_HOME/feishu-upload (default ~/.config) on Linux,
 * ~/Library/Application Support/feishu-upload on macOS, %APPDATA%\feishu-upload on Windows.
 */
export function configDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): string {
  if (env.FEISHU_UPLOAD_CONFIG_DIR?.trim()) return env.FEISHU_UPLOAD_CONFIG_DIR.trim();
  if (platform === 'win32') return join(env.APPDATA?.trim() || join(home(env), 'AppData', 'Roaming'), 'feishu-upload');
  if (platform === 'darwin') return join(home(env), 'Library', 'Application Support', 'feishu-upload');
  return join(env.XDG_CONFIG_HOME?.trim() || join(home(env), '.config'), 'feishu-upload');
}

/**
 * Where the CLI keeps what must survive a run (resume records): `$XDG_STATE_HOME/feishu-upload` when set, else the
 * platform's place for per-user application state: ~/.local/state on Linux and other Unixes (the XDG default),
 * ~/Library/Application Support on macOS, %LOCALAPPDATA% on Windows.
 */
export function stateDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): string {
  if (env.XDG_STATE_HOME?.trim()) return join(env.XDG_STATE_HOME.trim(), 'feishu-upload');
  if (platform === 'darwin') return join(home(env), 'Library', 'Application Support', 'feishu-upload');
  if (platform === 'win32') return join(env.LOCALAPPDATA?.trim() || join(home(env), 'AppData', 'Local'), 'feishu-upload');
  return join(home(env), '.local', 'state', 'feishu-upload');
}

/** The resume records' folder inside the state folder. */
export function resumeDir(env: NodeJS.ProcessEnv, platform?: NodeJS.Platform): string {
  return join(stateDir(env, platform), 'upload-sessions');
}
