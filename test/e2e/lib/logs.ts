// Reading what the extension host wrote to disk under <user-data-dir>/logs.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pollUntil } from './env';

function walk(dir: string, visit: (file: string, dirName: string) => void): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return; // not created yet
  }
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, visit);
    else visit(p, dir);
  }
}

/**
 * Contents of an OutputChannel's log, or undefined while it does not exist. VS Code writes
 * channel "Feishu Upload" to <logsDir>/<session>/…/output_logging_<ts>/<N>-Feishu Upload.log;
 * with several sessions/windows the newest file wins.
 */
export function readOutputChannelLog(logsDir: string, channelName: string): string | undefined {
  const re = new RegExp(`^\\d+-${channelName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.log$`);
  let best: { file: string; mtime: number } | undefined;
  walk(logsDir, (file, dir) => {
    const base = file.slice(dir.length + 1);
    if (!re.test(base) || !/output_logging_/.test(dir)) return;
    const mtime = statSync(file).mtimeMs;
    if (!best || mtime > best.mtime) best = { file, mtime };
  });
  return best ? readFileSync(best.file, 'utf8') : undefined;
}

/** Waits until the channel's log contains the text (logs are flushed asynchronously). */
export function waitForOutputChannelText(
  logsDir: string,
  channelName: string,
  text: string | RegExp,
  { timeout = 30_000 }: { timeout?: number } = {},
): Promise<string> {
  return pollUntil(
    `"${String(text)}" in output channel ${channelName}`,
    () => {
      const log = readOutputChannelLog(logsDir, channelName);
      if (log === undefined) return undefined;
      return (typeof text === 'string' ? log.includes(text) : text.test(log)) ? log : undefined;
    },
    { timeoutMs: timeout, intervalMs: 250 },
  );
}

/** The extension host's own log (errors thrown by commands land here); newest session wins. */
export function readExtensionHostLog(logsDir: string): string | undefined {
  let best: { file: string; mtime: number } | undefined;
  walk(logsDir, (file) => {
    if (!/(remoteexthost|exthost)\.log$/.test(file)) return;
    const mtime = statSync(file).mtimeMs;
    if (!best || mtime > best.mtime) best = { file, mtime };
  });
  return best ? readFileSync(best.file, 'utf8') : undefined;
}
