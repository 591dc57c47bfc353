import { CallGate, connect, systemClock, Uploader, type CallInfo, type FeishuClient, type UploaderOptions } from '../../src/core';
import { startEmulator, type Emulator, type EmulatorOptions } from '../../src/emulator';

export interface Rig {
  emu: Emulator;
  client: FeishuClient;
  uploader: Uploader;
  calls: CallInfo[];
  close(): Promise<void>;
}

/** An emulator on loopback plus a client and uploader wired to it with the emulator's app credentials. */
export async function startRig(
  options: { emulator?: EmulatorOptions; uploader?: UploaderOptions; idleTimeoutMs?: number; credentials?: 'app' | 'wrong-secret' } = {},
): Promise<Rig> {
  const emu = await startEmulator(options.emulator);
  const calls: CallInfo[] = [];
  const appSecret = options.credentials === 'wrong-secret' ? 'not-the-secret' : emu.appSecret;
  const client = connect({
    brand: 'feishu',
    baseUrl: emu.url,
    credentials: { appId: emu.appId, appSecret },
    // In-process, the client and the emulator share one event loop, so the emulator stamps an arrival late by
    // whatever the client is computing at that moment (e.g. the next block's checksum). A wider margin keeps
    // the "no violation" assertions about pacing, not about scheduling; the default margin is measured with
    // separate processes in the benchmark.
    gate: new CallGate(systemClock, { marginMs: 60 }),
    idleTimeoutMs: options.idleTimeoutMs,
    onCall: (c) => calls.push(c),
  });
  // Fast retries keep fault tests short; the delays themselves are unit-tested.
  const uploader = new Uploader(client, { retry: { maxRetries: 6, delaysMs: [50, 100, 200], jitter: 0.2, maxServerWaitMs: 2000 }, ...options.uploader });
  return {
    emu,
    client,
    uploader,
    calls,
    close: async () => {
      client.dispose();
      await emu.close();
    },
  };
}
