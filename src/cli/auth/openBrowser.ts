import { spawn } from 'node:child_process';

/**
 * Opens a URL in the user's browser: $BROWSER when set (the usual convention), else the platform's opener.
 * Resolves false where there is no browser to open (a Linux machine without a display, an SSH session) or the
 * opener could not start; the caller then shows the URL (or uses the device flow).
 */
export async function openBrowser(url: string, env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): Promise<boolean> {
  const command = browserCommand(env, platform);
  if (!command) return false;
  return new Promise((resolve) => {
    const child = spawn(command[0], [...command.slice(1), url], { stdio: 'ignore', detached: true, env });
    child.once('error', () => resolve(false));
    child.once('spawn', () => {
      child.unref();
      resolve(true);
    });
  });
}

/** The opener for this machine, or undefined where no browser can be shown. */
export function browserCommand(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): string[] | undefined {
  if (env.BROWSER?.trim()) return [env.BROWSER.trim()];
  if (platform === 'darwin') return ['open'];
  if (platform === 'win32') return ['rundll32', 'url.dll,FileProtocolHandler'];
  if (env.SSH_CONNECTION && !env.DISPLAY) return undefined;
  return env.DISPLAY || env.WAYLAND_DISPLAY ? ['xdg-open'] : undefined;
}
