// Control routes for the accounts side (under /__emulator/, loopback only like the rest of the control API):
// people, whose browser the pages act as, the clock, user token life, expiry and revocation, and folders with
// owners and collaborators.
import type { Emulator, FolderPerm, Who } from './types';

export interface ControlAnswer {
  status: number;
  body: unknown;
}

const PERMS: ReadonlySet<string> = new Set(['view', 'edit', 'full_access']);

/** Handles `<METHOD> <path>` if it is one of these routes; undefined otherwise. Errors come back as 400. */
export function accountsControl(route: string, json: unknown, emulator: Emulator): ControlAnswer | undefined {
  const body = (json ?? {}) as Record<string, unknown>;
  const text = (key: string): string | undefined => (typeof body[key] === 'string' && body[key] !== '' ? (body[key] as string) : undefined);
  try {
    switch (route) {
      case 'GET /__emulator/users':
        return ok(emulator.users().map((u) => ({ ...u, rootFolderToken: emulator.rootFolderOf(u.openId) })));
      case 'POST /__emulator/users': {
        const name = text('name');
        if (!name) return bad('name must be a non-empty string');
        const user = emulator.addUser({ name, openId: text('openId') });
        return ok({ ...user, rootFolderToken: emulator.rootFolderOf(user.openId) });
      }
      case 'POST /__emulator/act-as': {
        const openId = text('openId');
        if (!openId) return bad('openId must be a non-empty string');
        emulator.actAs(openId);
        return ok({ ok: true });
      }
      case 'POST /__emulator/clock': {
        const ms = body.advanceMs;
        if (typeof ms !== 'number' || !Number.isFinite(ms) || ms <= 0) return bad('advanceMs must be a positive number');
        emulator.advanceClock(ms);
        return ok({ ok: true });
      }
      case 'POST /__emulator/user-tokens/expire':
        emulator.expireUserTokens({ openId: text('openId'), refresh: body.refresh === true });
        return ok({ ok: true });
      case 'POST /__emulator/user-tokens/revoke':
        emulator.revokeUserGrants(text('openId'));
        return ok({ ok: true });
      case 'POST /__emulator/user-tokens/settings': {
        if (body.accessTtlSeconds !== undefined) {
          if (typeof body.accessTtlSeconds !== 'number' || !(body.accessTtlSeconds > 0)) return bad('accessTtlSeconds must be a positive number');
          emulator.setUserTokenTtl(body.accessTtlSeconds);
        }
        if (body.refreshEnabled !== undefined) {
          if (typeof body.refreshEnabled !== 'boolean') return bad('refreshEnabled must be true or false');
          emulator.setRefreshEnabled(body.refreshEnabled);
        }
        return ok({ ok: true });
      }
      case 'POST /__emulator/folders': {
        const members = body.members;
        if (members !== undefined && (typeof members !== 'object' || members === null || Object.values(members).some((p) => !PERMS.has(String(p))))) {
          return bad('members must map "app" or an open_id to view, edit or full_access');
        }
        const token = emulator.addFolder({ owner: text('owner') as Who | undefined, parent: text('parent'), name: text('name'), members: members as Record<Who, FolderPerm> | undefined });
        return ok({ token, owner: emulator.folderOwner(token), url: `${emulator.tenantUrl}/drive/folder/${token}` });
      }
      case 'POST /__emulator/folders/share': {
        const folder = text('folder');
        const who = text('who');
        const perm = text('perm');
        if (!folder || !who || !perm || !PERMS.has(perm)) return bad('folder, who ("app" or an open_id) and perm (view, edit, full_access) are required');
        emulator.shareFolder(folder, who, perm as FolderPerm);
        return ok({ ok: true });
      }
      default:
        return undefined;
    }
  } catch (err) {
    // The emulator refuses unknown users and folders with a RangeError: a bad request, not a crash.
    if (err instanceof RangeError) return bad(err.message);
    throw err;
  }
}

function ok(body: unknown): ControlAnswer {
  return { status: 200, body };
}

function bad(error: string): ControlAnswer {
  return { status: 400, body: { error } };
}
