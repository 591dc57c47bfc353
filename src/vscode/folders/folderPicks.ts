import { BARE_TOKEN, parseFolderInput, type DriveItem, type Translate } from '../../core';
import { inputProblem } from '../errors/inputProblem';
import type { RecentFolder } from './RecentFolders';

/** A folder the picker went through: My Space is the first, with the ROOT token. */
export interface Crumb {
  readonly token: string;
  readonly name: string;
  readonly url?: string;
}

/** What choosing a row does. */
export type PickAction =
  | { readonly kind: 'here' }
  | { readonly kind: 'new' }
  | { readonly kind: 'up' }
  | { readonly kind: 'into'; readonly folder: Crumb }
  | { readonly kind: 'recent'; readonly folder: RecentFolder }
  | { readonly kind: 'link'; readonly token: string };

/** One row of the folder picker; the extension maps it onto a QuickPickItem (separators included). */
export interface PickRow {
  readonly label: string;
  readonly description?: string;
  readonly detail?: string;
  /** Undefined for separators and notes. */
  readonly action?: PickAction;
  readonly separator?: boolean;
  /** Stays visible whatever is typed (the pasted-link row). */
  readonly alwaysShow?: boolean;
  /** A recent folder's "browse into" button. */
  readonly browse?: boolean;
}

/** "My Space / Team / 2026". */
export function pathLabel(crumbs: readonly Crumb[]): string {
  return crumbs.map((c) => c.name).join(' / ');
}

/**
 * The folders among a folder's items, by name: folders, and shortcuts to folders (opened at their target).
 * Feishu's own order is not documented, so the picker sorts.
 */
export function subFolders(items: readonly DriveItem[]): Crumb[] {
  const folders = items.flatMap((i): Crumb[] => {
    if (i.type === 'folder') return [{ token: i.token, name: i.name, url: i.url }];
    if (i.type === 'shortcut' && i.shortcut?.targetType === 'folder') return [{ token: i.shortcut.targetToken, name: i.name, url: i.url }];
    return [];
  });
  return folders.sort((a, b) => a.name.localeCompare(b.name));
}

export interface LevelState {
  readonly crumbs: readonly Crumb[];
  /** Undefined while the first page is on its way. */
  readonly folders?: readonly Crumb[];
  /** Still loading more pages. */
  readonly loading: boolean;
  /** Why the folder could not be listed, if it could not. */
  readonly problem?: string;
  /** Shown at My Space only. */
  readonly recent: readonly RecentFolder[];
  /** What "Upload here" says at My Space instead of its name (for the app: that nobody can browse it). */
  readonly rootNote?: string;
}

/** The rows of one level: Upload here, New folder…, Up, then the recent folders (at My Space) and the sub-folders. */
export function levelRows(state: LevelState, t: Translate): PickRow[] {
  const here = state.crumbs[state.crumbs.length - 1];
  const rows: PickRow[] = [
    {
      label: `$(cloud-upload) ${t('Upload here')}`,
      description: state.crumbs.length === 1 && state.rootNote !== undefined ? state.rootNote : pathLabel(state.crumbs),
      action: { kind: 'here' },
    },
    { label: `$(new-folder) ${t('New folder…')}`, description: t('in {0}', here.name), action: { kind: 'new' } },
  ];
  if (state.crumbs.length > 1) rows.push({ label: `$(arrow-up) ${t('Up')}`, description: state.crumbs[state.crumbs.length - 2].name, action: { kind: 'up' } });
  if (state.crumbs.length === 1 && state.recent.length > 0) {
    rows.push({ label: t('Recent folders'), separator: true });
    for (const folder of state.recent) {
      rows.push({ label: `$(history) ${folder.name}`, action: { kind: 'recent', folder }, browse: true });
    }
  }
  rows.push({ label: t('Folders in {0}', here.name), separator: true });
  if (state.problem !== undefined) rows.push({ label: `$(warning) ${state.problem}` });
  for (const folder of state.folders ?? []) rows.push({ label: `$(folder) ${folder.name}`, action: { kind: 'into', folder } });
  if (state.folders?.length === 0 && !state.loading && state.problem === undefined) rows.push({ label: t('No folders here yet.') });
  return rows;
}

/**
 * The row for what was typed into the filter box: a folder link (or a token as long as real ones) is offered as
 * "Use this folder"; a link that is not a folder's says why. Short words are just a filter.
 */
export function typedRow(value: string, t: Translate): PickRow | undefined {
  const text = value.trim();
  const looksLikeLink = /^https?:\/\//i.test(text);
  const looksLikeToken = BARE_TOKEN.test(text) && text.length >= 20;
  if (!looksLikeLink && !looksLikeToken) return undefined;
  const problem = inputProblem(() => parseFolderInput(text), t);
  if (problem !== undefined) return { label: `$(warning) ${problem}`, alwaysShow: true };
  const token = parseFolderInput(text)!;
  return { label: `$(link) ${t('Use this folder')}`, description: token, alwaysShow: true, action: { kind: 'link', token } };
}
