import type { Identity } from '../../core';
import type { MementoPort } from '../documents/RecentDocuments';

/** A folder files went to: its token, the name shown, and who used it (another identity may not see it). */
export interface RecentFolder {
  readonly token: string;
  readonly name: string;
  /** Feishu's link of the folder, when known. */
  readonly url?: string;
  /** `app:<appId>` or `user:<id>` (see identityKey). */
  readonly identity: string;
}

/** Offered at the top of the folder picker, most recent first. */
export const MAX_RECENT_FOLDERS = 10;
/** Kept per machine across identities; each identity is offered its own. */
const MAX_STORED = 50;

export function identityKey(identity: Identity): string {
  return `${identity.kind}:${identity.id}`;
}

/**
 * Recently used upload folders in globalState (per machine, all windows). Tokens, names and links are not
 * secrets; a malformed stored value is ignored rather than trusted.
 */
export class RecentFolders {
  static readonly KEY = 'feishu.recentFolders';

  constructor(private readonly memento: MementoPort) {}

  /** This identity's recent folders, newest first. */
  list(identity: Identity): RecentFolder[] {
    const key = identityKey(identity);
    return this.all()
      .filter((f) => f.identity === key)
      .slice(0, MAX_RECENT_FOLDERS);
  }

  /** Moves the folder to the front (the same token: the newer name and link win). */
  async remember(identity: Identity, folder: { token: string; name: string; url?: string }): Promise<void> {
    const key = identityKey(identity);
    const entry: RecentFolder = { token: folder.token, name: folder.name, ...(folder.url ? { url: folder.url } : {}), identity: key };
    const others = this.all().filter((f) => !(f.token === folder.token && f.identity === key));
    await this.memento.update(RecentFolders.KEY, [entry, ...others].slice(0, MAX_STORED));
  }

  /** The name remembered for a token by any identity, if any (to name a folder that came from the setting). */
  nameOf(token: string): string | undefined {
    return this.all().find((f) => f.token === token)?.name;
  }

  private all(): RecentFolder[] {
    const stored = this.memento.get(RecentFolders.KEY);
    return Array.isArray(stored) ? stored.filter(isRecent) : [];
  }
}

function isRecent(value: unknown): value is RecentFolder {
  const v = value as Partial<RecentFolder> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.token === 'string' &&
    typeof v.name === 'string' &&
    typeof v.identity === 'string' &&
    (v.url === undefined || typeof v.url === 'string')
  );
}
