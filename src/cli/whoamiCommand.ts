import { StaticTokenProvider, verifyAppCredentials, whoIs } from '../core';
import { actAsArg, AS_OPTION, commonArgs, parseCommandArgs } from './commonArgs';
import { cliTranslate } from './i18n';
import type { CliIo } from './io';
import { chooseCredentials, readAccount } from './session';
import { UsageError } from './UsageError';

/** `whoami --json`: the contract's one line. The app's name is its App ID (Feishu has no name for it here). */
export interface Whoami {
  identity: 'user' | 'app';
  name: string;
  openId?: string;
  appId: string | null;
}

/**
 * `feishu-upload whoami [--as user|app] [--json]`: who uploads would act as, checked with Feishu (user_info for a
 * user, renewing the sign-in when due; a tenant token for the app).
 */
export async function whoamiCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, AS_OPTION);
  if (positionals.length > 0) throw new UsageError('Unexpected argument "{0}".', positionals[0]);
  const args = commonArgs(values, io.env);
  const t = cliTranslate(io.env);
  const account = await readAccount(args, io);
  try {
    const { credentials, signedInUser } = chooseCredentials(account, actAsArg(values.as));
    const where = { brand: args.brand, baseUrl: args.baseUrl, userAgent: 'feishu-upload-cli' };
    let who: Whoami;
    if ('appId' in credentials) {
      await verifyAppCredentials({ ...where, appId: credentials.appId, appSecret: credentials.appSecret }, io.signal);
      who = { identity: 'app', name: credentials.appId, appId: credentials.appId };
    } else {
      const tokens = 'session' in credentials ? credentials.session : new StaticTokenProvider(credentials.userAccessToken);
      const user = await whoIs(where, tokens, io.signal);
      who = { identity: 'user', name: user.name, openId: user.openId, appId: account.app?.appId ?? null };
    }
    if (args.json) {
      io.stdout.write(`${JSON.stringify(who)}\n`);
    } else if (who.identity === 'user') {
      io.stdout.write(`${t('Uploads act as {0} ({1}).', who.name, who.openId ?? '')}\n`);
      if (who.appId) io.stdout.write(`${t('Signed in with the app {0}; add --as app to act as the app.', who.appId)}\n`);
    } else {
      io.stdout.write(`${t('Uploads act as the app {0}.', who.name)}\n`);
      io.stdout.write(
        `${signedInUser ? t('{0} is signed in too: without --as app, uploads act as them.', signedInUser.name) : t('Nobody is signed in: run "feishu-upload login" to upload as yourself.')}\n`,
      );
    }
    return 0;
  } finally {
    account.dispose();
  }
}
