// A stand-in for the user's browser, run as $BROWSER by the CLI under test: it opens the URL it is given, clicks
// Approve (or Deny with FAKE_BROWSER_DECISION=deny) on the emulator's authorize page and follows the redirect to
// the loopback callback, as a person would. Its log goes to FAKE_BROWSER_LOG when set.
import { appendFileSync } from 'node:fs';
import { approveAndReturn, decide } from './browser';

async function main(): Promise<void> {
  const url = process.argv[2];
  const decision = process.env.FAKE_BROWSER_DECISION === 'deny' ? 'deny' : 'approve';
  const log = (line: string): void => {
    if (process.env.FAKE_BROWSER_LOG) appendFileSync(process.env.FAKE_BROWSER_LOG, `${line}\n`);
  };
  log(`open ${url}`);
  if (new URL(url).pathname.endsWith('/oauth/v1/device/verify')) {
    const page = await decide(url, decision);
    log(`device ${page.status}`);
    return;
  }
  const page = await approveAndReturn(url, decision);
  log(`callback ${page.status}`);
}

if (require.main === module) {
  main().catch((err: unknown) => {
    process.stderr.write(`fake browser: ${String(err)}\n`);
    process.exit(1);
  });
}
