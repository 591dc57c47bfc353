import { FeishuError, type DocRef, type DriveApi, type DriveItem, type DrivePage, type LinkShare, type MetasAnswer } from '../../src/core';

/**
 * A scripted DriveApi: folders in memory, every call recorded, and failures queued per method. Lets unit tests
 * reach paths the emulator cannot (an answer lost after the server acted, a meta without a url).
 */
export class FakeDriveApi {
  readonly calls: string[] = [];
  readonly folders = new Map<string, DriveItem[]>([['', []]]);
  /** Errors thrown by the next calls of a method, in order; `after: true` makes the call act first (a lost answer). */
  readonly failures: Record<string, { error: FeishuError; after?: boolean }[]> = {};
  metas?: (docs: readonly DocRef[]) => MetasAnswer;
  private next = 0;

  async listPage(folder: string | undefined, pageToken?: string): Promise<DrivePage> {
    this.calls.push(`list ${folder ?? ''}${pageToken ? ` ${pageToken}` : ''}`);
    this.fail('listPage', false);
    return { items: [...(this.folders.get(folder ?? '') ?? [])] };
  }

  async createFolder(parent: string | undefined, name: string): Promise<{ token: string; url?: string }> {
    this.calls.push(`create ${parent ?? ''}/${name}`);
    const failure = this.take('createFolder');
    if (failure && !failure.after) throw failure.error;
    const token = `fld${++this.next}`;
    this.folders.get(parent ?? '')?.push({ token, name, type: 'folder' });
    this.folders.set(token, []);
    if (failure) throw failure.error;
    return { token, url: `https://t.example/drive/folder/${token}` };
  }

  async batchQueryMetas(docs: readonly DocRef[]): Promise<MetasAnswer> {
    this.calls.push(`metas ${docs.length}`);
    this.fail('batchQueryMetas', false);
    return this.metas ? this.metas(docs) : { metas: docs.map((d) => ({ token: d.token, type: d.type, url: `https://t.example/${d.type}/${d.token}` })), failed: [] };
  }

  async setLinkShare(doc: DocRef, share: LinkShare): Promise<void> {
    this.calls.push(`share ${doc.token} ${share}`);
    this.fail('setLinkShare', false);
  }

  async addUserMember(doc: DocRef, openId: string): Promise<void> {
    this.calls.push(`grant ${doc.type} ${doc.token} ${openId}`);
    this.fail('addUserMember', false);
  }

  asApi(): DriveApi {
    return this as unknown as DriveApi;
  }

  private take(method: string): { error: FeishuError; after?: boolean } | undefined {
    return this.failures[method]?.shift();
  }

  private fail(method: string, _after: boolean): void {
    const failure = this.take(method);
    if (failure) throw failure.error;
  }
}

/** Retries at once: the delays are the retry policy's own tests' business. */
export const NO_WAIT = { retry: { maxRetries: 3, delaysMs: [0], jitter: 0, maxServerWaitMs: 0 } };
