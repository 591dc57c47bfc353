import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type Emulator } from '../../src/emulator';
import { SECRET_KEYS } from '../../src/vscode/credentials/SecretStore';
import { approveAndReturn } from './browser';
import { FakeUri, FakeVscode } from './fakeVscode';

/**
 * The extension as VS Code would run it, without VS Code: a scripted `vscode` module, a workspace folder
 * on disk and the Feishu emulator on loopback. One per test file (each file runs in its own process).
 */
export class ExtensionHost {
  readonly fake = new FakeVscode();
  private emulator?: Emulator;
  private workspace = '';
  private state = '';
  private previousStateDir: string | undefined;

  get emu(): Emulator {
    if (!this.emulator) throw new Error('ExtensionHost.start() first');
    return this.emulator;
  }

  /** The workspace folder (real path, so it matches what the extension resolves). */
  get ws(): string {
    return this.workspace;
  }

  /** This host's state folder (FEISHU_UPLOAD_STATE_DIR while it runs): what the extension remembers on the machine. */
  get stateDir(): string {
    return this.state;
  }

  file(...parts: string[]): FakeUri {
    return FakeUri.file(join(this.workspace, ...parts));
  }

  async start(): Promise<void> {
    this.fake.install();
    this.emulator = await startEmulator({ keepBytes: false });
    this.workspace = realpathSync(mkdtempSync(join(tmpdir(), 'feishu-ext-')));
    this.fake.setWorkspace(this.workspace);
    this.fake.globalStorage = mkdtempSync(join(tmpdir(), 'feishu-ext-storage-'));
    // Never the user's own state folder (which file went to which document).
    this.state = mkdtempSync(join(tmpdir(), 'feishu-ext-state-'));
    this.previousStateDir = process.env.FEISHU_UPLOAD_STATE_DIR;
    process.env.FEISHU_UPLOAD_STATE_DIR = this.state;
  }

  async stop(): Promise<void> {
    await this.emulator?.close();
    if (this.workspace) rmSync(this.workspace, { recursive: true, force: true });
    if (this.fake.globalStorage) rmSync(this.fake.globalStorage, { recursive: true, force: true });
    if (this.state) rmSync(this.state, { recursive: true, force: true });
    if (this.previousStateDir === undefined) delete process.env.FEISHU_UPLOAD_STATE_DIR;
    else process.env.FEISHU_UPLOAD_STATE_DIR = this.previousStateDir;
  }

  /**
   * Before each test: forget what the last one scripted and saw, point the extension at the emulator, activate.
   * `restart`: a new window on the same machine instead (the emulator keeps its upload sessions, the credentials
   * stay signed in): what start-up sees after an interrupted upload.
   */
  async activate(options: { restart?: boolean; answer?: FakeVscode['answer']; settings?: Record<string, unknown> } = {}): Promise<void> {
    const secrets = new Map(this.fake.secretMap);
    this.fake.reset();
    if (options.answer) this.fake.answer = options.answer;
    // User settings the window starts with (reset() forgets the last test's).
    Object.assign(this.fake.userSettings, options.settings);
    if (options.restart) {
      for (const [k, v] of secrets) this.fake.secretMap.set(k, v);
    } else {
      this.emu.reset();
      this.emu.clearFaults();
    }
    this.fake.userSettings['feishu.apiBaseUrl'] = this.emu.url;
    const { activate } = await import('../../src/extension');
    activate(this.fake.context() as never);
  }

  /** The emulator's app credentials, as Set App Credentials would have stored them. */
  signIn(): void {
    this.fake.secretMap.set(SECRET_KEYS.appId, this.emu.appId);
    this.fake.secretMap.set(SECRET_KEYS.appSecret, this.emu.appSecret);
  }

  /**
   * The app's credentials, then Feishu: Sign In with a person at the browser who approves the authorize page VS Code
   * opens (the callback on `port`, a free loopback port): the emulator's first user is signed in.
   */
  async signInAsPerson(port: number): Promise<void> {
    this.fake.userSettings['feishu.signInPort'] = port;
    this.fake.onOpenExternal = (url) => {
      if (url.includes('/authen/v1/authorize')) void approveAndReturn(url);
    };
    this.signIn();
    await this.fake.run('feishu.signIn');
  }
}
