// Who may do what with a document, folder or file beyond its owner: its public (link sharing) settings and its
// collaborators (docs/feishu/drive.md §8, §9). Collaborators are what a write check reads: an identity that is a
// member with edit or full_access may write in a folder it does not own.
import type { Drive } from './Drive';
import type { Collaborator } from './types';

/** Permission levels, weakest first. */
export const PERMS = ['view', 'edit', 'full_access'] as const;
export type Perm = (typeof PERMS)[number];

/** Public settings a new document starts with (UNCONFIRMED: Feishu's defaults depend on tenant policy). */
const DEFAULT_PUBLIC: Readonly<Record<string, string>> = {
  external_access_entity: 'closed',
  security_entity: 'anyone_can_view',
  comment_entity: 'anyone_can_view',
  share_entity: 'anyone',
  manage_collaborator_entity: 'collaborator_can_view',
  link_share_entity: 'closed',
  copy_entity: 'anyone_can_view',
};

export class Permissions {
  private readonly publics = new Map<string, Record<string, string>>();
  private readonly members = new Map<string, Collaborator[]>();

  publicOf(token: string): Record<string, string> {
    return { ...DEFAULT_PUBLIC, ...this.publics.get(token) };
  }

  /** Merges the fields sent (PATCH is incremental) and returns the settings as they are now. */
  patchPublic(token: string, fields: Record<string, string>): Record<string, string> {
    this.publics.set(token, { ...this.publics.get(token), ...fields });
    return this.publicOf(token);
  }

  collaborators(token: string): Collaborator[] {
    return (this.members.get(token) ?? []).map((m) => ({ ...m }));
  }

  /** The member's permission on this token, if any (a member_id is unique within its member_type). */
  permOf(token: string, memberType: string, memberId: string): Perm | undefined {
    return this.members.get(token)?.find((m) => m.memberType === memberType && m.memberId === memberId)?.perm;
  }

  /** Adds or raises a member; returns false when it already holds a higher permission (Feishu: 1063003). */
  grant(token: string, member: Collaborator): boolean {
    const list = this.members.get(token) ?? [];
    const existing = list.find((m) => m.memberType === member.memberType && m.memberId === member.memberId);
    if (existing && PERMS.indexOf(existing.perm) > PERMS.indexOf(member.perm)) return false;
    this.members.set(token, [...list.filter((m) => m !== existing), { ...member }]);
    return true;
  }
}

/** A folder collaborator (a principal of the Drive) as the members API names it. */
export function memberOfPrincipal(principal: string, perm: Perm): Collaborator {
  const [kind, id] = [principal.slice(0, principal.indexOf(':')), principal.slice(principal.indexOf(':') + 1)];
  return kind === 'app' ? { memberType: 'appid', memberId: id, perm, type: '' } : { memberType: 'openid', memberId: id, perm, type: 'user' };
}

/** The principal a member stands for, when it is one the Drive's write check knows (an app or a user). */
export function principalOfMember(memberType: string, memberId: string): string | undefined {
  if (memberType === 'openid') return `user:${memberId}`;
  if (memberType === 'appid') return `app:${memberId}`;
  return undefined;
}

/**
 * Everyone a document, folder or file is shared with: a folder's users and apps live in the Drive (its write check
 * reads them), everything else here.
 */
export function collaboratorsOf(drive: Pick<Drive, 'folder'>, permissions: Permissions, token: string): Collaborator[] {
  const folder = drive.folder(token);
  const fromFolder = folder ? [...folder.members].map(([principal, perm]) => memberOfPrincipal(principal, perm)) : [];
  return [...fromFolder, ...permissions.collaborators(token)];
}
