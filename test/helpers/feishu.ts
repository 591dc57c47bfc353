import {
  CallGate,
  createEngines,
  DRIVE_LIMITS,
  DrivePacer,
  type Drive,
  type DriveCall,
  KeyedPacer,
  systemClock,
  type CallInfo,
  type DocumentUploader,
  type Importer,
  type ImporterOptions,
  type EngineOptions,
  type Publisher,
  type RetryPolicy,
  type ResumeStore,
  type SignedInUser,
  type Uploader,
  type UploaderOptions,
} from '../../src/core';
import { startEmulator, type Emulator, type EmulatorOptions } from '../../src/emulator';

export interface Rig {
  emu: Emulator;
  uploader: Uploader;
  documents: DocumentUploader;
  importer: Importer;
  drive: Drive;
  publisher: Publisher;
  calls: CallInfo[];
  /** What DocumentUploader reported through onWarning. */
  warnings: string[];
  close(): Promise<void>;
}

/** An emulator on loopback plus a client and uploader wired to it with the emulator's app credentials. */
export async function startRig(
  options: {
    emulator?: EmulatorOptions;
    /** Retry policy for every engine; default fast retries (50, 100, 200 ms). */
    retry?: RetryPolicy;
    uploader?: Omit<UploaderOptions, 'retry' | 'onRetry' | 'clock' | 'random'>;
    importer?: ImporterOptions;
    /**
     * Docx writes per second for both the emulator's limit and the client's pacer. Default 3 (Feishu's);
     * tests about something else may raise it to run faster.
     */
    docxWritesPerSecond?: number;
    idleTimeoutMs?: number;
    credentials?: 'app' | 'wrong-secret';
    /** Drive limits for both the emulator and the client's pacer (lowered to test pacing in seconds, not minutes). */
    driveLimits?: Partial<Record<DriveCall, { calls: number; windowMs: number }[]>>;
    /** Another identity than the emulator's app, e.g. a user access token the emulator knows. */
    userAccessToken?: string;
    /** Acting as the app with this person signed in on the machine (what the app makes is shared with them). */
    signedInUser?: SignedInUser;
    /** Resume records (none: uploads are not recorded). */
    resumeStore?: ResumeStore;
    resume?: EngineOptions['resume'];
  } = {},
): Promise<Rig> {
  const docxWritesPerSecond = options.docxWritesPerSecond ?? 3;
  const emu = await startEmulator({ docxWritesPerSecond, apiLimits: options.driveLimits, ...options.emulator });
  const calls: CallInfo[] = [];
  const appSecret = options.credentials === 'wrong-secret' ? 'not-the-secret' : emu.appSecret;
  const warnings: string[] = [];
  // Fast retries keep fault tests short; the delays themselves are unit-tested.
  const retry = { maxRetries: 6, delaysMs: [50, 100, 200], jitter: 0.2, maxServerWaitMs: 2000 };
  const engines = createEngines({
    brand: 'feishu',
    baseUrl: emu.url,
    credentials: options.userAccessToken ? { userAccessToken: options.userAccessToken } : { appId: emu.appId, appSecret },
    signedInUser: options.signedInUser,
    // In-process, the client and the emulator share one event loop, so the emulator stamps an arrival late by
    // whatever the client is computing at that moment (e.g. the next block's checksum), and more so on a
    // loaded machine (seen: 89 ms with a browser test running beside). A wide margin keeps the "no
    // violation" assertions about pacing, not about scheduling; the default 25 ms margin is measured with
    // separate processes in the benchmark (zero violations in every profile).
    gate: new CallGate(systemClock, { marginMs: 150 }),
    // The same wider margin as the gate's, for the same reason.
    docxPacer: new KeyedPacer(systemClock, { callsPerWindow: docxWritesPerSecond, marginMs: 150 }),
    // The same wider margin; the limits the emulator was given, where lowered.
    drivePacer: new DrivePacer(systemClock, { marginMs: 150, limits: options.driveLimits ? { ...DRIVE_LIMITS, ...options.driveLimits } : undefined }),
    idleTimeoutMs: options.idleTimeoutMs,
    onCall: (c) => calls.push(c),
    onWarning: (w) => warnings.push(w),
    retry: options.retry ?? retry,
    uploader: options.uploader,
    importer: { pollDelaysMs: [5], ...options.importer },
    resumeStore: options.resumeStore,
    resume: options.resume,
  });
  return {
    emu,
    uploader: engines.uploader,
    documents: engines.documents,
    importer: engines.importer,
    drive: engines.drive,
    publisher: engines.publisher,
    calls,
    warnings,
    close: async () => {
      engines.dispose();
      await emu.close();
    },
  };
}
