import { FeishuError, isCancelled } from '../errors/FeishuError';
import type { Brand } from '../feishu/baseUrl';
import { driveFileUrl, webUrl } from '../feishu/baseUrl';
import { METAS_PER_CALL, type DocRef, type DriveApi } from '../feishu/drive';
import { retryContext, withRetry, type RetrySettings } from '../limits/retry';

export interface LinksOptions extends RetrySettings {
  brand: Brand;
  /** The API base override, if any: fallback links then point there too (e.g. the emulator). */
  baseUrl?: string;
  /** Told when Feishu gave no link for some documents and the fallback was used. */
  onWarning?: (message: string) => void;
}

/** Browser path per document type, for the fallback only (docs/feishu/drive.md §6). */
const FALLBACK_PATH: Readonly<Record<string, string>> = { file: 'file', folder: 'drive/folder', docx: 'docx', sheet: 'sheets', bitable: 'base' };

/**
 * Feishu's own links for uploaded files and folders: metas batch_query with with_url, one call per up to 200
 * documents (docs/feishu/drive.md §5, §6), so tenants on their own domains get theirs. Where Feishu gives none
 * (a failed_list entry, an empty url, or the call failing, e.g. without a metadata scope), the link is built on
 * the brand's domain (www.feishu.cn / www.larksuite.com), and a warning says so.
 */
export class Links {
  constructor(
    private readonly api: DriveApi,
    private readonly options: LinksOptions,
  ) {}

  /** token → link for every document asked; never fails for lack of a link (only when cancelled). */
  async of(docs: readonly DocRef[], signal?: AbortSignal): Promise<Map<string, string>> {
    const links = new Map<string, string>();
    const unique = [...new Map(docs.map((d) => [d.token, d])).values()];
    for (let i = 0; i < unique.length; i += METAS_PER_CALL) {
      const chunk = unique.slice(i, i + METAS_PER_CALL);
      let why: string;
      let codes = new Map<string, number>();
      try {
        const answer = await withRetry(() => this.api.batchQueryMetas(chunk, true, signal), retryContext(this.options, signal));
        for (const meta of answer.metas) if (meta.url) links.set(meta.token, meta.url);
        codes = new Map(answer.failed.map((f) => [f.token, f.code]));
        why = 'Feishu gave no link';
      } catch (err) {
        if (isCancelled(err) || signal?.aborted) throw err;
        why = `Feishu's links could not be read (${err instanceof FeishuError ? err.message : String(err)})`;
      }
      const missing = chunk.filter((d) => !links.has(d.token));
      for (const d of missing) links.set(d.token, this.fallback(d));
      if (missing.length > 0) {
        const named = missing.slice(0, 5).map((d) => (codes.has(d.token) ? `${d.token} (code ${codes.get(d.token)})` : d.token));
        this.options.onWarning?.(
          `${why} for ${missing.length} item(s): ${named.join(', ')}${missing.length > 5 ? ', …' : ''}. ` +
            `Using links on the brand's domain instead (like ${links.get(missing[0].token)}), which may not open on a private deployment.`,
        );
      }
    }
    return links;
  }

  /** The link on the brand's domain (or the API override's host). */
  fallback(doc: DocRef): string {
    if (doc.type === 'file') return driveFileUrl(this.options.brand, doc.token, this.options.baseUrl);
    return webUrl(this.options.brand, `${FALLBACK_PATH[doc.type] ?? doc.type}/${doc.token}`, this.options.baseUrl);
  }
}
