import * as os from 'node:os';
import * as path from 'node:path';

/** The user's home: $HOME, else %USERPROFILE%, else what Node finds. */
export function homeOf(env: NodeJS.ProcessEnv): string {
  return env.HOME?.trim() || env.USERPROFILE?.trim() || os.homedir();
}

/**
 * Where this tool keeps what it remembers on this machine (resume records, published documents; not settings, not
 * secrets): FEISHU_UPLOAD_STATE_DIR when set, else $XDG_STATE_HOME/feishu-upload when that is an absolute path (XDG
 * ignores relative ones), else the platform's place for per-user application state: ~/.local/state/feishu-upload
 * on Linux and other Unixes, ~/Library/Application Support/feishu-upload on macOS (Apple has no separate place for
 * state), %LOCALAPPDATA%\feishu-upload on Windows. The CLI and the extension's published-document records share it.
 */
export function stateDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home: string = homeOf(env)): string {
  const override = env.FEISHU_UPLOAD_STATE_DIR?.trim();
  if (override) return path.resolve(override);
  const xdg = env.XDG_STATE_HOME?.trim();
  if (xdg && path.isAbsolute(xdg)) return path.join(xdg, 'feishu-upload');
  if (platform === 'win32') return path.join(env.LOCALAPPDATA?.trim() || path.join(home, 'AppData', 'Local'), 'feishu-upload');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'feishu-upload');
  return path.join(home, '.local', 'state', 'feishu-upload');
}
