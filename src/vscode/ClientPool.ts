import { connect as coreConnect, Uploader, type CallGate, type CallInfo, type ConnectOptions, type Credentials, type FeishuClient, type UploaderOptions } from '../core';
import type { FeishuSettings } from './settings';

export interface ClientPoolOptions {
  credentials(): Promise<Credentials | undefined>;
  settings(): FeishuSettings;
  /** The one gate of this window: Feishu allows one upload call in flight per app, across all batches. */
  gate: CallGate;
  onCall?: (info: CallInfo) => void;
  onRetry?: UploaderOptions['onRetry'];
  /** For tests; default the core's connect. */
  connect?: (options: ConnectOptions) => FeishuClient;
}

/** A client and its uploader, held for one batch; release() when the batch ends. */
export interface Lease {
  readonly client: FeishuClient;
  readonly uploader: Uploader;
  readonly settings: FeishuSettings;
  release(): void;
}

interface Entry {
  client: FeishuClient;
  uploader: Uploader;
  settings: FeishuSettings;
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
    return { client, uploader: new Uploader(client, { onRetry: this.options.onRetry }), settings, leases: 0, stale: false };
  }
}
