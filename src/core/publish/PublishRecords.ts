// Which document a Markdown file was published to, per identity and per machine, so publishing the same file
// again updates that document (the CLI's contract, and the extension's).
//
// Why a local record, and not a `feishu:` key written into the file's front matter: writing would change the
// user's file behind their back (a dirty editor, a diff in their repository, a clash with unsaved edits), and
// everyone who clones the repository would then publish over a document only this identity may be able to
// write. The link belongs to who published, where: an identity on a machine. One record file serves the CLI
// and the extension, so publishing from either updates the same document.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { Identity } from '../feishu/identity';
import { stateDir } from '../util/stateDir';

export interface PublishRecord {
  readonly documentId: string;
  readonly title: string;
  /** The link to open. */
  readonly url: string;
  /** Epoch milliseconds of the last publish. */
  readonly publishedAt: number;
}

/** Whose and which file: the Open API base (Feishu, Lark, an emulator), the identity, the file's real path. */
export interface PublishRecordKey {
  readonly apiBase: string;
  readonly identity: Identity;
  readonly filePath: string;
}

/** Records kept; the oldest are dropped beyond this. */
export const MAX_PUBLISH_RECORDS = 1000;

interface StoredRecords {
  version: 1;
  records: Record<string, PublishRecord>;
}

/**
 * A small JSON file (0600: it names local paths) written atomically (a temp file renamed over it). Two publishes
 * finishing in the same instant could each drop the other's new record, nothing worse: each re-reads before
 * writing. A malformed file is treated as empty.
 */
export class PublishRecords {
  constructor(readonly file: string = path.join(stateDir(), 'published-documents.json')) {}

  async get(key: PublishRecordKey): Promise<PublishRecord | undefined> {
    const stored = await this.read();
    return stored.records[await recordId(key)];
  }

  async set(key: PublishRecordKey, record: PublishRecord): Promise<void> {
    const stored = await this.read();
    stored.records[await recordId(key)] = { documentId: record.documentId, title: record.title, url: record.url, publishedAt: record.publishedAt };
    const newest = Object.entries(stored.records)
      .sort((a, b) => b[1].publishedAt - a[1].publishedAt)
      .slice(0, MAX_PUBLISH_RECORDS);
    await this.write({ version: 1, records: Object.fromEntries(newest) });
  }

  async forget(key: PublishRecordKey): Promise<void> {
    const stored = await this.read();
    const id = await recordId(key);
    if (!(id in stored.records)) return;
    delete stored.records[id];
    await this.write(stored);
  }

  private async read(): Promise<StoredRecords> {
    let text: string;
    try {
      text = await fs.readFile(this.file, 'utf8');
    } catch {
      return { version: 1, records: {} };
    }
    try {
      const parsed = JSON.parse(text) as Partial<StoredRecords>;
      const records: Record<string, PublishRecord> = {};
      for (const [id, r] of Object.entries(parsed.records ?? {})) if (isRecord(r)) records[id] = r;
      return { version: 1, records };
    } catch {
      return { version: 1, records: {} };
    }
  }

  private async write(stored: StoredRecords): Promise<void> {
    await fs.mkdir(path.dirname(this.file), { recursive: true, mode: 0o700 });
    const temp = `${this.file}.${process.pid}.${Date.now()}.tmp`;
    await fs.writeFile(temp, `${JSON.stringify(stored, null, 1)}\n`, { mode: 0o600 });
    await fs.rename(temp, this.file);
  }
}

/** The file by its real path (symlinks followed; case-folded on Windows, where paths are case-insensitive). */
async function recordId(key: PublishRecordKey): Promise<string> {
  let file = path.resolve(key.filePath);
  try {
    file = await fs.realpath(file);
  } catch {
    // Not there (any more): its path as given still names it.
  }
  if (process.platform === 'win32') file = file.toLowerCase();
  return `${key.apiBase} ${key.identity.kind}:${key.identity.id} ${file}`;
}

function isRecord(value: unknown): value is PublishRecord {
  const r = value as Partial<PublishRecord> | null;
  return typeof r === 'object' && r !== null && typeof r.documentId === 'string' && typeof r.title === 'string' && typeof r.url === 'string' && typeof r.publishedAt === 'number';
}
