import { formatBytes, type Translate } from '../../core';
import type { HistoryEntry } from './UploadHistory';

/** "just now", "5 min ago", "3 h ago", else the date: how long ago an upload was, for the view's description. */
export function ago(at: number, now: number, t: Translate): string {
  const minutes = Math.floor((now - at) / 60_000);
  if (minutes < 1) return t('just now');
  if (minutes < 60) return t('{0} min ago', minutes);
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return t('{0} h ago', hours);
  return new Date(at).toLocaleDateString();
}

/** Who uploaded, as the view names them: the person's name, else "app cli_…" / "user …". */
export function actorLabel(entry: HistoryEntry, t: Translate): string {
  if (entry.as.name) return entry.as.name;
  return entry.as.kind === 'app' ? t('app {0}', entry.as.id) : t('user {0}', entry.as.id);
}

/**
 * The line beside the name: where it went (a folder by its last two levels, which tell same-named files of one
 * tree apart in a narrow sidebar; the whole path is in the tooltip), its size, when.
 */
export function entryDescription(entry: HistoryEntry, now: number, t: Translate): string {
  const levels = entry.target.kind === 'folder' ? entry.target.label.split(' / ') : [entry.target.label];
  const place = levels.length > 2 ? `… / ${levels.slice(-2).join(' / ')}` : entry.target.label;
  return [place, entry.bytes === undefined ? undefined : formatBytes(entry.bytes), ago(entry.at, now, t)].filter(Boolean).join(' · ');
}

/** Everything about an entry, for its hover: name, where, size, when, as whom, link, local file. */
export function entryTooltip(entry: HistoryEntry, t: Translate): string {
  return [
    entry.name,
    entry.target.kind === 'folder' ? t('Folder: {0}', entry.target.label) : t('Document: {0}', entry.target.label),
    entry.bytes === undefined ? undefined : t('Size: {0}', formatBytes(entry.bytes)),
    t('Uploaded: {0}', new Date(entry.at).toLocaleString()),
    t('As: {0}', actorLabel(entry, t)),
    entry.url,
    entry.localPath === undefined ? undefined : t('Local file: {0}', entry.localPath),
  ]
    .filter((line): line is string => line !== undefined)
    .join('\n');
}
