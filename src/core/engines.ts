import { DocumentUploader } from './docs/DocumentUploader';
import { Drive } from './drive/Drive';
import { Folders } from './drive/Folders';
import { Links } from './drive/Links';
import { DriveApi } from './feishu/drive';
import { connect, type ConnectOptions } from './feishu/connect';
import { DocxApi } from './feishu/docx';
import { grantee, identityOf, type Identity, type SignedInUser } from './feishu/identity';
import type { FeishuClient } from './feishu/FeishuClient';
import { Importer, type ImporterOptions } from './import/Importer';
import { systemClock } from './limits/Clock';
import { DrivePacer } from './limits/DrivePacer';
import { docxWritePacer, type KeyedPacer } from './limits/KeyedPacer';
import type { RetrySettings } from './limits/retry';
import { Publisher } from './publish/Publisher';
import type { ResumeSettings } from './upload/resume/ResumeTracker';
import type { ResumeStore } from './upload/resume/ResumeStore';
import { Uploader, type UploaderOptions } from './upload/Uploader';

export interface EngineOptions extends ConnectOptions, RetrySettings {
  /**
   * Paces docx block writes (3 per second per app and per document). Share one per app, like the upload gate;
   * default: a new one for these engines.
   */
  docxPacer?: KeyedPacer;
  /** Paces Drive listings, metas and permission calls (Feishu's per-app limits). Share one per app; default a new one. */
  drivePacer?: DrivePacer;
  /** A problem worth a log line that is not the error being reported (e.g. an empty block left behind). */
  onWarning?: (message: string) => void;
  /** Uploader settings beyond the retry ones (restarts after an expired upload id). */
  uploader?: Omit<UploaderOptions, keyof RetrySettings>;
  /** Importer settings beyond the retry ones (status polling, how long to wait). */
  importer?: Omit<ImporterOptions, keyof RetrySettings>;
  /**
   * The person signed in on this machine, also when these engines act as the app (then what the app uploads can
   * be shared with them). Default: the user of signed-in credentials, else nobody.
   */
  signedInUser?: SignedInUser;
  /** Where multipart uploads are recorded, so an interrupted one continues where it stopped. Default: nowhere. */
  resumeStore?: ResumeStore;
  /** Resume timing (upload_id life, margin, wall clock); defaults are Feishu's, tests shorten them. */
  resume?: Pick<ResumeSettings, 'lifeMs' | 'marginMs' | 'now'>;
}

/** The engines over one client: what the CLI, the extension and the tests work with. */
export interface Engines {
  /** Who these engines act as. */
  readonly identity: Identity;
  /** The person signed in on this machine (also when acting as the app); undefined when nobody is. */
  readonly signedInUser?: SignedInUser;
  readonly uploader: Uploader;
  readonly documents: DocumentUploader;
  readonly importer: Importer;
  /** Drive folders: browse, make, upload trees, Feishu's links. */
  readonly drive: Drive;
  /** Markdown files as documents: new, or updated in place. */
  readonly publisher: Publisher;
  /** Closes the client's keep-alive connections; the engines are unusable afterwards. */
  dispose(): void;
}

/**
 * The one place a client and the engines over it are built, for the CLI, the extension and the tests: one
 * uploader per client (it remembers the root folder), shared by the document uploader and the importer.
 * Throws NO_CREDENTIALS or BAD_BASE_URL (FeishuError) when no client can be built.
 */
export function createEngines(options: EngineOptions, connectClient: (options: ConnectOptions) => FeishuClient = connect): Engines {
  const client = connectClient(options);
  // connectClient has refused missing credentials by now.
  const identity = identityOf(options.credentials!);
  const retry: RetrySettings = { clock: options.clock, random: options.random, retry: options.retry, onRetry: options.onRetry };
  const resume = options.resumeStore && { ...options.resume, store: options.resumeStore, identity, onWarning: options.onWarning };
  const driveApi = new DriveApi(client, options.drivePacer ?? new DrivePacer(options.clock ?? systemClock));
  // The uploader lists folders through the same paced DriveApi (a lost finish answer is looked for, not re-sent).
  const uploader = new Uploader(client, { ...options.uploader, ...retry, resume, drive: driveApi });
  const docx = new DocxApi(client, options.docxPacer ?? docxWritePacer(options.clock ?? systemClock));
  const documents = new DocumentUploader(client, uploader, docx, { ...retry, onWarning: options.onWarning });
  const importer = new Importer(client, uploader, { ...options.importer, ...retry });
  const links = new Links(driveApi, { ...retry, brand: options.brand, baseUrl: options.baseUrl, onWarning: options.onWarning });
  const drive = new Drive(driveApi, new Folders(driveApi, retry), links, uploader, { ...retry, onWarning: options.onWarning });
  const credentials = options.credentials!;
  const signedInUser = options.signedInUser ?? ('session' in credentials ? credentials.user : undefined);
  const publisher = new Publisher(drive, uploader, docx, documents, { ...retry, grantTo: grantee({ identity, signedInUser }), onWarning: options.onWarning });
  return { identity, signedInUser, uploader, documents, importer, drive, publisher, dispose: () => client.dispose() };
}
