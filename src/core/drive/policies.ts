import { LINK_SHARES, type LinkShare } from '../feishu/drive';

/**
 * What to do with a file whose name is already in its Feishu folder. Feishu itself keeps both (two files may
 * share a name); Drive listings carry no size, so the name alone decides.
 */
export type ConflictPolicy = 'keep-both' | 'skip';
export const CONFLICT_POLICIES: readonly ConflictPolicy[] = ['keep-both', 'skip'];

/** Link sharing set on each uploaded file: off, or who may open it by its link. */
export type LinkSharing = 'off' | LinkShare;
export const LINK_SHARING_VALUES: readonly LinkSharing[] = ['off', ...LINK_SHARES];

export function isConflictPolicy(value: unknown): value is ConflictPolicy {
  return (CONFLICT_POLICIES as readonly unknown[]).includes(value);
}

export function isLinkSharing(value: unknown): value is LinkSharing {
  return (LINK_SHARING_VALUES as readonly unknown[]).includes(value);
}
