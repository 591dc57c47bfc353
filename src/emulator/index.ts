// A local HTTP server that behaves like Feishu's Drive upload API (plus docx blocks, wiki nodes and
// import tasks), for integration tests, benchmarks and demos. It shares no code with the client it tests.
import { FeishuEmulator } from './FeishuEmulator';
import type { Emulator, EmulatorOptions } from './types';

export type {
  Collaborator,
  DocxBlock,
  DocxDocument,
  Emulator,
  EmulatorOptions,
  EmulatorStats,
  EmulatorUser,
  Fault,
  FaultKind,
  FaultTarget,
  FolderOptions,
  FolderPerm,
  FolderTree,
  LimitedApi,
  RateWindow,
  Shaping,
  StoredFile,
  UploadEndpointFamily,
  Violation,
  WikiNode,
  Who,
} from './types';
export { ENABLED_SCOPES } from './FeishuEmulator';

/** Starts an emulator on 127.0.0.1 and resolves once it accepts connections. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const emulator = new FeishuEmulator(options);
  await emulator.listen(options.port ?? 0);
  return emulator;
}
