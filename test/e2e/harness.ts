// E2E harness: a real VS Code (code-server) driven by headless Debian Chromium via playwright-core.
// Run scripts/e2e/setup.sh first; it prints the cacheDir that startCodeServer needs.
// The pieces live in ./lib (small files); this module is the one import for tests.
export { defaultCacheDir, loadE2eEnv, freePort, pollUntil, repoRoot, type E2eEnv } from './lib/env';
export { makeTempDir, removeTempDir } from './lib/procs';
export { startCodeServer, QUIET_SETTINGS, type CodeServer, type StartCodeServerOptions } from './lib/codeServer';
export { openWorkbench, CHROMIUM_ARGS, type Workbench, type OpenWorkbenchOptions } from './lib/workbench';
export {
  runCommand,
  typeInQuickInput,
  pickQuickPickItem,
  explorerItem,
  rightClickExplorerItem,
  contextMenuItem,
  clickContextMenuItem,
  waitForMessage,
  waitForToast,
  clickToastButton,
  statusBarItem,
  readClipboard,
  screenshot,
  settled,
  dismissToasts,
  journey,
  type QuickInputOptions,
} from './lib/ui';
export { openContextMenuWith, openJourneyWindow, pickerAt, prepareJourney, runCommandWhenReady, setAppCredentials, uploadsViewRows, type JourneyWindow } from './lib/journey';
export { readOutputChannelLog, waitForOutputChannelText, readExtensionHostLog } from './lib/logs';
export { packageVsix } from './lib/vsix';
export { tearDown } from './lib/teardown';

