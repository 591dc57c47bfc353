import * as os from 'node:os';
import * as path from 'node:path';

/**
 * Where this tool keeps what it remembers on this machine (not settings, not secrets): FEISHU_UPLOAD_STATE_DIR
 * when set, else the platform's place for application state — $XDG_STATE_HOME/feishu-upload (default
 * ~/.local/state/feishu-upload) on Linux, ~/Library/Application Support/feishu-upload on macOS,
 * %LOCALAPPDATA%\feishu-upload on Windows. The CLI and the extension share it.
 */
export function stateDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home: string = os.homedir()): string {
  const override = env.FEISHU_UPLOAD_STATE_DIR?.trim();
  if (override) return path.resolve(override);
  if (platform === 'win32') return path.join(env.LOCALAPPDATA?.trim() || path.join(home, 'AppData', 'Local'), 'feishu-upload');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'feishu-upload');
  const xdg = env.XDG_STATE_HOME?.trim();
  return path.join(xdg && path.isAbsolute(xdg) ? xdg : path.join(home, '.local', 'state'), 'feishu-upload');
}
