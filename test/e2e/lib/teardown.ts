// One teardown for every e2e file: a last screenshot, then the browser, then the server's process group,
// then the temp folder. Runs also after a failed step; each part tolerates the ones before having failed.
import type { CodeServer } from './codeServer';
import { removeTempDir } from './procs';
import { screenshot } from './ui';
import type { Workbench } from './workbench';

export async function tearDown(parts: { wb?: Workbench; server?: CodeServer; tempDir?: string }): Promise<void> {
  if (parts.wb) {
    await screenshot(parts.wb.page, 'zz-final').catch(() => undefined);
    await parts.wb.close();
  }
  await parts.server?.stop();
  if (parts.tempDir) removeTempDir(parts.tempDir);
}
