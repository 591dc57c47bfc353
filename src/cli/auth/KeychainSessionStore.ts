import { parseSession, type SessionStore, type StoredSession } from '../../core';

/** The part of @napi-rs/keyring's Entry this store uses; a port so tests need no keychain. */
export interface KeychainEntry {
  getPassword(): string | null;
  setPassword(password: string): void;
  deletePassword(): boolean;
}

/**
 * A sign-in in the OS keychain (@napi-rs/keyring: Secret Service, macOS Keychain, Windows Credential Manager),
 * one entry per app: service "feishu-upload", account "session:<App ID>". Replacing the entry's password is one
 * step, so the new refresh token is stored before the old one is gone.
 */
export class KeychainSessionStore implements SessionStore {
  constructor(private readonly entry: KeychainEntry) {}

  async load(): Promise<StoredSession | undefined> {
    return parseSession(this.entry.getPassword());
  }

  async save(session: StoredSession): Promise<void> {
    this.entry.setPassword(JSON.stringify(session));
  }

  async clear(): Promise<void> {
    this.entry.deletePassword();
  }
}
