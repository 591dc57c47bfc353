import { randomUUID } from 'node:crypto';
import type { Identity } from '../../core';
import type { MementoPort } from '../documents/RecentDocuments';

/**
 * What an entry is, which decides what Upload Again does: 'file' (into a Drive folder), 'document' (a block of a
 * document), 'import' (a file imported as a Feishu doc), 'publish' (a Markdown file published as a document).
 * Other features add their own kinds (with registerAgain).
 */
export type HistoryKind = 'file' | 'document' | 'import' | 'publish' | (string & {});

/** Where it went: a Drive folder, or a document. */
export type HistoryTarget =
  | { readonly kind: 'folder'; readonly token: string; readonly label: string }
  | { readonly kind: 'document'; readonly id: string; readonly label: string; readonly url?: string };

/** Who uploaded: the identity of the engines (never a token), with a display name where one is known. */
export interface HistoryActor {
  readonly kind: 'app' | 'user';
  readonly id: string;
  readonly name?: string;
}

/** The actor of entries made by engines acting as `identity` (with its name, where the identity has one). */
export function actorOf(identity: Identity & { readonly name?: string }): HistoryActor {
  return identity.name ? { kind: identity.kind, id: identity.id, name: identity.name } : { kind: identity.kind, id: identity.id };
}

/** One upload as the Feishu Uploads view shows it. Nothing in it is a secret. */
export interface HistoryEntry {
  readonly id: string;
  readonly kind: HistoryKind;
  /** The name in Feishu. */
  readonly name: string;
  /** Where the local file was, for Reveal Local File and Upload Again. */
  readonly localPath?: string;
  /** Feishu's link. */
  readonly url: string;
  /** The Feishu token of what was made: file token, document id, … */
  readonly token: string;
  readonly target: HistoryTarget;
  /** Bytes sent. */
  readonly bytes?: number;
  /** Epoch ms. */
  readonly at: number;
  readonly as: HistoryActor;
}

/** What record() takes: an id and the time are added. */
export type NewHistoryEntry = Omit<HistoryEntry, 'id' | 'at'> & { readonly at?: number };

/** Entries kept, newest first; older ones fall off. */
export const MAX_HISTORY = 500;

/** What Upload Again runs for one kind of entry. */
export type AgainHandler = (entry: HistoryEntry) => Promise<void>;

/**
 * The upload history, in globalState (per machine, all windows): the one store behind the Feishu Uploads view,
 * Copy Last Link and Upload Again. Features record what they uploaded with record(); writes from one window are
 * made one after another so none is lost; a malformed stored entry is dropped rather than trusted.
 */
export class UploadHistory {
  static readonly KEY = 'feishu.uploadHistory';
  private readonly listeners = new Set<() => void>();
  private readonly again = new Map<string, AgainHandler>();
  private writes: Promise<void> = Promise.resolve();

  constructor(
    private readonly memento: MementoPort,
    private readonly now: () => number = Date.now,
  ) {}

  /** Every entry, newest first. */
  list(): HistoryEntry[] {
    const stored = this.memento.get(UploadHistory.KEY);
    return Array.isArray(stored) ? stored.filter(isEntry).slice(0, MAX_HISTORY) : [];
  }

  /** The newest entry (Copy Last Link). */
  last(): HistoryEntry | undefined {
    return this.list()[0];
  }

  /** Adds entries (the first given is the newest of them), keeping MAX_HISTORY. */
  record(...entries: NewHistoryEntry[]): Promise<void> {
    if (entries.length === 0) return Promise.resolve();
    const at = this.now();
    const added = entries.map((e): HistoryEntry => ({ ...e, id: randomUUID(), at: e.at ?? at }));
    return this.write((list) => [...added, ...list]);
  }

  remove(id: string): Promise<void> {
    return this.write((list) => list.filter((e) => e.id !== id));
  }

  clear(): Promise<void> {
    return this.write(() => []);
  }

  /** Told after every change (the view refreshes). */
  onDidChange(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Says what Upload Again does for entries of `kind` (one handler per kind; the later one wins). */
  registerAgain(kind: HistoryKind, handler: AgainHandler): { dispose(): void } {
    this.again.set(kind, handler);
    return { dispose: () => this.again.get(kind) === handler && this.again.delete(kind) };
  }

  /** The Upload Again handler for an entry, if its kind has one. */
  againFor(entry: HistoryEntry): AgainHandler | undefined {
    return this.again.get(entry.kind);
  }

  private write(change: (list: HistoryEntry[]) => HistoryEntry[]): Promise<void> {
    const next = this.writes.then(async () => {
      await this.memento.update(UploadHistory.KEY, change(this.list()).slice(0, MAX_HISTORY));
      for (const listener of this.listeners) listener();
    });
    // The chain goes on after a failed write; the caller still hears of the failure.
    this.writes = next.catch(() => undefined);
    return next;
  }
}

function isEntry(value: unknown): value is HistoryEntry {
  const v = value as Partial<HistoryEntry> | null;
  if (typeof v !== 'object' || v === null) return false;
  const target = v.target as Partial<Record<string, unknown>> | undefined;
  const actor = v.as as Partial<HistoryActor> | undefined;
  return (
    typeof v.id === 'string' &&
    typeof v.kind === 'string' &&
    typeof v.name === 'string' &&
    typeof v.url === 'string' &&
    typeof v.token === 'string' &&
    typeof v.at === 'number' &&
    (v.localPath === undefined || typeof v.localPath === 'string') &&
    (v.bytes === undefined || typeof v.bytes === 'number') &&
    typeof target === 'object' &&
    target !== null &&
    typeof target.label === 'string' &&
    ((target.kind === 'folder' && typeof target.token === 'string') || (target.kind === 'document' && typeof target.id === 'string')) &&
    typeof actor === 'object' &&
    actor !== null &&
    (actor.kind === 'app' || actor.kind === 'user') &&
    typeof actor.id === 'string'
  );
}
