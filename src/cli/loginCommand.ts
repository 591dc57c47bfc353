import {
  completeSignIn,
  DEFAULT_CALLBACK_PORT,
  FeishuError,
  isCancelled,
  REQUESTED_SCOPES,
  signInWithBrowser,
  signInWithDevice,
  systemClock,
  type DeviceCode,
  type TokenGrant,
} from '../core';
import { browserCommand, openBrowser } from './auth/openBrowser';
import { commonArgs, parseCommandArgs } from './commonArgs';
import { appCredentialsFromEnv } from './credentials';
import { cliLocale, cliTranslate, describeError } from './i18n';
import type { CliIo } from './io';
import { asFeishuError } from './report';
import { readAccount } from './session';
import { UsageError } from './UsageError';

/**
 * `feishu-upload login [--device] [--port n] [--json]`: signs the user in with the app of FEISHU_APP_ID /
 * FEISHU_APP_SECRET as the OAuth client — in the browser through a loopback redirect, or with a code (device
 * flow; also where no browser can be opened) — and keeps the sign-in in the keychain or a 0600 file.
 * --json: the device code as one line as soon as it is known, then {"ok":true,"name","openId"}.
 */
export async function loginCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { device: { type: 'boolean', default: false }, port: { type: 'string' } });
  if (positionals.length > 0) throw new UsageError('Unexpected argument "{0}".', positionals[0]);
  const args = commonArgs(values, io.env);
  const port = values.port === undefined ? DEFAULT_CALLBACK_PORT : portArg(values.port);
  const t = cliTranslate(io.env);
  if (!appCredentialsFromEnv(io.env)) throw UsageError.of(new FeishuError({ code: 'NO_APP_CREDENTIALS' }));
  const say = (line: string): void => void io.stderr.write(`${line}\n`);
  const account = await readAccount(args, io, (w) => say(t('warning: {0}', w)));
  // With app credentials (checked above) the account has its OAuth client and storage.
  const oauth = account.oauth!;
  const { store, where } = account.storage!;
  try {
    let device = values.device === true;
    if (!device && !browserCommand(io.env)) {
      device = true;
      say(t('No browser can be opened here, so sign in with a code instead.'));
    }
    let grant: TokenGrant;
    if (device) {
      grant = await signInWithDevice({
        api: oauth,
        scopes: REQUESTED_SCOPES,
        clock: systemClock,
        signal: io.signal,
        onCode: async (code) => {
          if (args.json) io.stdout.write(`${JSON.stringify(deviceLine(code))}\n`);
          else {
            say(t('To sign in, open {0} and enter the code {1}. It expires in {2} minutes.', code.verificationUri, code.userCode, Math.max(1, Math.round(code.expiresIn / 60))));
            say(t('Or open this link, which has the code in it: {0}', code.verificationUriComplete));
            await openBrowser(code.verificationUriComplete, io.env);
          }
          say(t('Waiting for you to approve…'));
        },
      });
    } else {
      grant = await signInWithBrowser({
        api: oauth,
        scopes: REQUESTED_SCOPES,
        port,
        t,
        lang: cliLocale(io.env) === 'zh-cn' ? 'zh-CN' : 'en',
        signal: io.signal,
        onRedirect: (redirectUri) => {
          if (args.verbose) say(t('redirect URL: {0} (it must be in the app\'s security settings)', redirectUri));
        },
        open: async (url) => {
          if (args.json) io.stdout.write(`${JSON.stringify({ authorizeUrl: url })}\n`);
          const opened = await openBrowser(url, io.env);
          say(opened ? t('Opened Feishu in your browser: approve there. If nothing opened, visit this link:') : t('Open this link in a browser on this machine and approve:'));
          say(url);
          say(t('Waiting for you to approve…'));
        },
      });
    }
    const { session, missingScopes } = await completeSignIn(oauth, grant, REQUESTED_SCOPES, Date.now, io.signal);
    await store.save(session);
    if (missingScopes.length > 0) {
      say(t('warning: {0}', t('Feishu did not grant {0}: enable them for the app in the developer console and publish a version, then log in again; until then what needs them fails.', missingScopes.join(', '))));
    }
    if (args.json) io.stdout.write(`${JSON.stringify({ ok: true, name: session.name, openId: session.openId })}\n`);
    else io.stdout.write(`${t('Signed in as {0} ({1}); the sign-in is kept in {2}. Uploads now act as you; add --as app to act as the app.', session.name, session.openId, where)}\n`);
    return 0;
  } catch (err) {
    if (isCancelled(err)) {
      say(t('Sign-in cancelled.'));
      return 130;
    }
    const e = asFeishuError(err);
    if (args.json) io.stdout.write(`${JSON.stringify({ ok: false, error: { code: e.code, category: e.category, message: e.message, hint: e.hint, logId: e.logId ?? null } })}\n`);
    say(`feishu-upload: ${describeError(e, t)} ${t(e.hint)}`);
    return 1;
  } finally {
    account.dispose();
  }
}

/** The contract's first JSON line of `login --device --json`. */
function deviceLine(code: DeviceCode): Record<string, unknown> {
  return { verificationUri: code.verificationUri, verificationUriComplete: code.verificationUriComplete, userCode: code.userCode, expiresIn: code.expiresIn };
}

function portArg(text: string): number {
  const n = /^\d{1,5}$/.test(text) ? Number(text) : NaN;
  if (!(n >= 0 && n <= 65535)) throw new UsageError('--port must be a port number (0-65535), not "{0}".', text);
  return n;
}
