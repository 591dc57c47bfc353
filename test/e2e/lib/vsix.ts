// Packaging a .vsix with the repo's @vscode/vsce (works offline).
import { execFile } from 'node:child_process';
import { join } from 'node:path';

/**
 * Runs `vsce package` in extensionDir (a folder with package.json and the built files) and
 * writes outFile. --skip-license / --allow-missing-repository: vsce would otherwise prompt
 * on stdin, which CI does not have. Pass extraArgs (e.g. ['--no-dependencies']) as needed.
 */
export function packageVsix(
  repoRoot: string,
  extensionDir: string,
  outFile: string,
  extraArgs: string[] = [],
): Promise<string> {
  const vsce = join(repoRoot, 'node_modules', '.bin', 'vsce');
  const args = ['package', '--skip-license', '--allow-missing-repository', '-o', outFile, ...extraArgs];
  return new Promise((resolve, reject) => {
    const child = execFile(vsce, args, { cwd: extensionDir, timeout: 120_000, maxBuffer: 16 << 20 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`vsce package failed in ${extensionDir}: ${String(err)}\n${stdout}${stderr}`, { cause: err }));
      else resolve(outFile);
    });
    child.stdin?.end(); // any unexpected prompt reads EOF instead of hanging
  });
}
