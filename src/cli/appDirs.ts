import { join } from 'node:path';
import { homeOf, stateDir } from '../core';

// Where the CLI keeps what outlives a run, per user and machine: the sign-in (config) here, and resume records
// inside the one state folder (core/util/stateDir). Both follow the platform's rules; on macOS they share one folder.

/**
 * Where the CLI keeps a sign-in (when no keychain is reachable) and its renewal lock: FEISHU_UPLOAD_CONFIG_DIR,
 * else the platform's config dir — $XDG_CONFIG_HOME/feishu-upload (default ~/.config) on Linux,
 * ~/Library/Application Support/feishu-upload on macOS, %APPDATA%\feishu-upload on Windows.
 */
export function configDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): string {
  if (env.FEISHU_UPLOAD_CONFIG_DIR?.trim()) return env.FEISHU_UPLOAD_CONFIG_DIR.trim();
  if (platform === 'win32') return join(env.APPDATA?.trim() || join(homeOf(env), 'AppData', 'Roaming'), 'feishu-upload');
  if (platform === 'darwin') return join(homeOf(env), 'Library', 'Application Support', 'feishu-upload');
  return join(env.XDG_CONFIG_HOME?.trim() || join(homeOf(env), '.config'), 'feishu-upload');
}

/** The resume records' folder inside the state folder. */
export function resumeDir(env: NodeJS.ProcessEnv, platform?: NodeJS.Platform): string {
  return join(stateDir(env, platform), 'upload-sessions');
}
