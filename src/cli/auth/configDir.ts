import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where the CLI keeps a sign-in (when no keychain is reachable) and its renewal lock: FEISHU_UPLOAD_CONFIG_DIR,
 * else the platform's config dir — $XDG_CONFIG_HOME/feishu-upload (default ~/.config) on Linux,
 * ~/Library/Application Support/feishu-upload on macOS, %APPDATA%\feishu-upload on Windows.
 */
export function configDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): string {
  if (env.FEISHU_UPLOAD_CONFIG_DIR?.trim()) return env.FEISHU_UPLOAD_CONFIG_DIR.trim();
  const home = env.HOME?.trim() || homedir();
  if (platform === 'win32') return join(env.APPDATA?.trim() || join(home, 'AppData', 'Roaming'), 'feishu-upload');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'feishu-upload');
  return join(env.XDG_CONFIG_HOME?.trim() || join(home, '.config'), 'feishu-upload');
}
