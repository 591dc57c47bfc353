/** The part of vscode.Memento (globalState) this class uses; a port so unit tests use a Map. */
export interface MementoPort {
  get(key: string): unknown;
  update(key: string, value: unknown): PromiseLike<void>;
}

/** A document files went into: no secret, just where to offer next time. */
export interface RecentDocument {
  readonly documentId: string;
  readonly title: string;
  /** The link to open and to resolve again (the user's wiki link stays a wiki link). */
  readonly link: string;
}

/** Offered in the document prompt, most recent first. */
export const MAX_RECENT_DOCUMENTS = 10;

/**
 * Recent documents in globalState (per machine, all windows). Ids, titles and links are not secrets; a
 * malformed stored value is ignored rather than trusted.
 */
export class RecentDocuments {
  static readonly KEY = 'feishu.recentDocuments';

  constructor(private readonly memento: MementoPort) {}

  list(): RecentDocument[] {
    const stored = this.memento.get(RecentDocuments.KEY);
    if (!Array.isArray(stored)) return [];
    return stored.filter(isRecent).slice(0, MAX_RECENT_DOCUMENTS);
  }

  /** Moves the document to the front (same id: the newer title and link win). */
  async remember(document: RecentDocument): Promise<void> {
    const others = this.list().filter((d) => d.documentId !== document.documentId);
    const entry: RecentDocument = { documentId: document.documentId, title: document.title, link: document.link };
    await this.memento.update(RecentDocuments.KEY, [entry, ...others].slice(0, MAX_RECENT_DOCUMENTS));
  }
}

function isRecent(value: unknown): value is RecentDocument {
  const v = value as Partial<RecentDocument> | null;
  return typeof v === 'object' && v !== null && typeof v.documentId === 'string' && typeof v.title === 'string' && typeof v.link === 'string';
}
