import {
  connect as coreConnect,
  DocumentUploader,
  DocxApi,
  Importer,
  Uploader,
  type CallGate,
  type CallInfo,
  type ConnectOptions,
  type Credentials,
  type FeishuClient,
  type KeyedPacer,
  type UploaderOptions,
} from '../../core';
import type { FeishuSettings } from '../config/settings';

export interface ClientPoolOptions {
  credentials(): Promise<Credentials | undefined>;
  settings(): FeishuSettings;
  /** The one gate of this window: Feishu allows one upload call in flight per app, across all batches. */
  gate: CallGate;
  /** The one docx write pacer of this window: 3 writes per second per app and per document. */
  docxPacer: KeyedPacer;
  onCall?: (info: CallInfo) => void;
  onRetry?: UploaderOptions['onRetry'];
  /** A problem worth a log line that is not the error being reported (e.g. an empty block left behind). */
  onWarning?: (message: string) => void;
  /** For tests; default the core's connect. */
  connect?: (options: ConnectOptions) => FeishuClient;
}

/** What a batch works with: the client and the engines over it. */
interface Engines {
  readonly client: FeishuClient;
  readonly uploader: Uploader;
  readonly documents: DocumentUploader;
  readonly importer: Importer;
  readonly settings: FeishuSettings;
}

/** A client and its engines, held for one batch; release() when the batch ends. */
export interface Lease extends Engines {
  release(): void;
}

interface Entry extends Engines {
  leases: number;
  stale: boolean;
}

/**
 * One client (and one uploader, which remembers the root folder) for the current credentials and
 * settings. When either changes the client is replaced; the old one is disposed once no batch holds it,
 * so an upload in progress is never cut off by a change made in another window.
 */
export class ClientPool {
  private entry?: Promise<Entry>;

  constructor(private readonly options: ClientPoolOptions) {}

  /** Throws NO_CREDENTIALS or BAD_BASE_URL (FeishuError) when no client can be built. */
  async acquire(): Promise<Lease> {
    const pending = (this.entry ??= this.build());
    let entry: Entry;
    try {
      entry = await pending;
    } catch (err) {
      if (this.entry === pending) this.entry = undefined;
      throw err;
    }
    entry.leases++;
    let released = false;
    return {
      client: entry.client,
      uploader: entry.uploader,
      documents: entry.documents,
      importer: entry.importer,
      settings: entry.settings,
      release: () => {
        if (released) return;
        released = true;
        entry.leases--;
        if (entry.stale && entry.leases === 0) entry.client.dispose();
      },
    };
  }

  /** Credentials or settings changed: the next acquire builds a new client. */
  invalidate(): void {
    const old = this.entry;
    this.entry = undefined;
    void old?.then(
      (entry) => {
        entry.stale = true;
        if (entry.leases === 0) entry.client.dispose();
      },
      () => undefined, // a failed build was already reported to its caller
    );
  }

  dispose(): void {
    this.invalidate();
  }

  private async build(): Promise<Entry> {
    const credentials = await this.options.credentials();
    const settings = this.options.settings();
    const client = (this.options.connect ?? coreConnect)({
      brand: settings.brand,
      baseUrl: settings.apiBaseUrl || undefined,
      credentials,
      gate: this.options.gate,
      onCall: this.options.onCall,
      userAgent: 'feishu-upload-vscode',
    });
    const retry = { onRetry: this.options.onRetry };
    const uploader = new Uploader(client, retry);
    const documents = new DocumentUploader(client, uploader, new DocxApi(client, this.options.docxPacer), { ...retry, onWarning: this.options.onWarning });
    return { client, uploader, documents, importer: new Importer(client, uploader, retry), settings, leases: 0, stale: false };
  }
}
