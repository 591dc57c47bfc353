import { join } from 'node:path';
import { fileSafe, renewalLock, redact, resolveBaseUrl, type FileLock, type SessionStore, type Translate } from '../../core';
import { configDir } from '../appDirs';
import { FileSessionStore } from './FileSessionStore';
import { KeychainSessionStore, type KeychainEntry } from './KeychainSessionStore';

export const KEYCHAIN_SERVICE = 'feishu-upload';

/** Makes a keychain entry; throws where no keychain is reachable. A port: tests pass their own. */
export type KeychainOpener = (service: string, account: string) => Promise<KeychainEntry>;

export interface CliSessionStorage {
  store: SessionStore;
  /** Where it is, for messages: "the OS keychain" or the file's path. */
  where: string;
  /** Serialises renewals between CLI runs of this app. */
  lock: FileLock;
}

/**
 * One sign-in per app and service. For the brand's own hosts the entry is named by the App ID alone; with a base
 * URL override (a proxy, a local emulator) its host is part of the name, so an emulator's sign-in never stands in
 * for the real one's, nor one emulator run's for the next.
 */
export function sessionKey(appId: string, base: string): string {
  const brandHost = base === resolveBaseUrl('feishu') || base === resolveBaseUrl('lark');
  return brandHost ? appId : `${appId}@${new URL(base).host}`;
}

/**
 * The OS keychain where one is reachable, else a 0600 file under the config dir, with a one-line warning
 * through `warn` when given (login gives it: that is when the user needs to know where the sign-in goes).
 * FEISHU_UPLOAD_KEYCHAIN=0 skips the keychain (CI, tests, or by choice).
 */
export async function openSessionStorage(
  env: NodeJS.ProcessEnv,
  appId: string,
  /** The Open API base the sign-in belongs to (resolveBaseUrl). */
  base: string,
  t: Translate,
  warn?: (line: string) => void,
  openKeychain: KeychainOpener = openNapiKeychain,
): Promise<CliSessionStorage> {
  const dir = configDir(env);
  const lock = renewalLock(join(dir, 'locks'), appId);
  const key = sessionKey(appId, base);
  const path = join(dir, `session-${fileSafe(key)}.json`);
  if (env.FEISHU_UPLOAD_KEYCHAIN !== '0') {
    try {
      const entry = await openKeychain(KEYCHAIN_SERVICE, `session:${key}`);
      // Reading once proves the keychain answers (a locked or absent Secret Service throws here).
      entry.getPassword();
      return { store: new KeychainSessionStore(entry), where: t('the OS keychain'), lock };
    } catch (err) {
      warn?.(t('no OS keychain is reachable ({0}); the sign-in is kept in {1}, readable only by you.', redact(firstLine(err)), path));
    }
  }
  const store = new FileSessionStore(path);
  if (await store.readableByOthers()) warn?.(t('{0} is readable by other users: run "chmod 600" on it, or sign in again.', path));
  return { store, where: path, lock };
}

/**
 * @napi-rs/keyring, loaded only when needed: it is a native module, kept out of the bundle, and a machine
 * without its binary (or without a keychain) falls back to the file instead of failing. On Linux only the
 * Secret Service counts: the kernel keyring it would fall back to forgets everything at logout or reboot.
 */
async function openNapiKeychain(service: string, account: string): Promise<KeychainEntry> {
  const { Entry } = await import('@napi-rs/keyring');
  return new Entry(service, account, { linux: { store: 'secret-service' } });
}

function firstLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0];
}
