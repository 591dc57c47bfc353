import {
  createEngines as coreCreateEngines,
  type CallGate,
  type CallInfo,
  type DrivePacer,
  type EngineOptions,
  type Engines,
  type KeyedPacer,
  type ResumeStore,
  type UploaderOptions,
} from '../../core';
import type { Connection } from '../auth/UserAuth';
import type { FeishuSettings } from '../config/settings';

export interface ClientPoolOptions {
  /** Who to act as now (feishu.identity over what is stored); undefined when nothing is set. */
  connection(): Promise<Connection | undefined>;
  settings(): FeishuSettings;
  /** The one gate of this window: Feishu allows one upload call in flight per app, across all batches. */
  gate: CallGate;
  /** The one docx write pacer of this window: 3 writes per second per app and per document. */
  docxPacer: KeyedPacer;
  /** The one Drive pacer of this window: listings, metas and permission calls per app. */
  drivePacer: DrivePacer;
  onCall?: (info: CallInfo) => void;
  onRetry?: UploaderOptions['onRetry'];
  /** A problem worth a log line that is not the error being reported (e.g. an empty block left behind). */
  onWarning?: (message: string) => void;
  /** Resume records of multipart uploads, shared by every window (global storage); none: not recorded. */
  resumeStore?: ResumeStore;
  /** For tests; default the core's createEngines. */
  createEngines?: (options: EngineOptions) => Engines;
}

/** The engines for one batch, with the settings they were built for; release() when the batch ends. */
export interface Lease extends Omit<Engines, 'dispose'> {
  readonly settings: FeishuSettings;
  release(): void;
}


interface Entry {
  readonly engines: Engines;
  readonly settings: FeishuSettings;
  leases: number;
  stale: boolean;
}

/**
 * One set of engines (one client; one uploader, which remembers the root folder) for the current credentials
 * and settings. When either changes they are replaced; the old client is disposed once no batch holds it, so
 * an upload in progress is never cut off by a change made in another window.
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
    const { identity, signedInUser, uploader, documents, importer, drive, publisher } = entry.engines;
    return {
      identity,
      signedInUser,
      uploader,
      documents,
      importer,
      drive,
      publisher,
      settings: entry.settings,
      release: () => {
        if (released) return;
        released = true;
        entry.leases--;
        if (entry.stale && entry.leases === 0) entry.engines.dispose();
      },
    };
  }

  /** Credentials or settings changed: the next acquire builds new engines. */
  invalidate(): void {
    const old = this.entry;
    this.entry = undefined;
    void old?.then(
      (entry) => {
        entry.stale = true;
        if (entry.leases === 0) entry.engines.dispose();
      },
      () => undefined, // a failed build was already reported to its caller
    );
  }

  dispose(): void {
    this.invalidate();
  }

  private async build(): Promise<Entry> {
    const connection = await this.options.connection();
    const settings = this.options.settings();
    const engines = (this.options.createEngines ?? coreCreateEngines)({
      brand: settings.brand,
      baseUrl: settings.apiBaseUrl || undefined,
      credentials: connection?.credentials,
      signedInUser: connection?.signedInUser,
      gate: this.options.gate,
      docxPacer: this.options.docxPacer,
      drivePacer: this.options.drivePacer,
      onCall: this.options.onCall,
      onRetry: this.options.onRetry,
      onWarning: this.options.onWarning,
      resumeStore: this.options.resumeStore,
      userAgent: 'feishu-upload-vscode',
    });
    return { engines, settings, leases: 0, stale: false };
  }
}
