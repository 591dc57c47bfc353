// The people of the emulated tenant. Each has an open_id (what user_info and Drive owners name) and their own
// My Space; the authorize and device pages act as one of them at a time, as a browser signed in to Feishu would.
import { createHash } from 'node:crypto';
import { randomAlphanumeric } from './ids';
import type { EmulatorUser } from './types';

export type { EmulatorUser } from './types';

/** The person a fresh emulator has: the one pasted user tokens and the authorize page belong to. */
export const DEFAULT_USER_NAME = 'Ada Lin';

export class Users {
  private readonly byOpenId = new Map<string, EmulatorUser>();
  private actingOpenId: string;

  constructor(
    people: readonly { name: string; openId?: string }[],
    private readonly tenantKey: string,
  ) {
    for (const p of people.length > 0 ? people : [{ name: DEFAULT_USER_NAME }]) this.add(p);
    this.actingOpenId = [...this.byOpenId.keys()][0];
  }

  add(person: { name: string; openId?: string }): EmulatorUser {
    // open_id `ou_` + 32 hex digits, union_id `on_` + 32, like Feishu's.
    const openId = person.openId ?? `ou_${hex(person.name)}`;
    const existing = this.byOpenId.get(openId);
    if (existing) return existing;
    const user: EmulatorUser = { openId, unionId: `on_${hex(`${person.name}:union`)}`, name: person.name, enName: person.name, tenantKey: this.tenantKey };
    this.byOpenId.set(openId, user);
    return user;
  }

  get(openId: string): EmulatorUser | undefined {
    return this.byOpenId.get(openId);
  }

  list(): EmulatorUser[] {
    return [...this.byOpenId.values()];
  }

  /** The first user: pasted user tokens (EmulatorOptions.userAccessTokens) act as them. */
  get first(): EmulatorUser {
    return this.list()[0];
  }

  /** Who the browser is signed in as on the authorize and device pages. */
  get acting(): EmulatorUser {
    return this.byOpenId.get(this.actingOpenId) ?? this.first;
  }

  actAs(openId: string): boolean {
    if (!this.byOpenId.has(openId)) return false;
    this.actingOpenId = openId;
    return true;
  }
}

/** A stable 32-hex-digit id per name, plus randomness only when no name is given. */
function hex(seed: string): string {
  return createHash('sha256')
    .update(seed || randomAlphanumeric(16))
    .digest('hex')
    .slice(0, 32);
}
