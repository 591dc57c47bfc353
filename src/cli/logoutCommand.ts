import { FeishuError, resolveBaseUrl } from '../core';
import { openSessionStorage } from './auth/sessionStorage';
import { commonArgs, parseCommandArgs } from './commonArgs';
import { cliTranslate } from './i18n';
import type { CliIo } from './io';
import { UsageError } from './UsageError';

/** `feishu-upload logout [--json]`: forgets the sign-in of the app FEISHU_APP_ID names (keychain or file). */
export async function logoutCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {});
  if (positionals.length > 0) throw new UsageError('Unexpected argument "{0}".', positionals[0]);
  const args = commonArgs(values, io.env);
  const t = cliTranslate(io.env);
  const appId = io.env.FEISHU_APP_ID?.trim();
  if (!appId) throw UsageError.of(new FeishuError({ code: 'NO_APP_CREDENTIALS', detail: 'FEISHU_APP_ID names the app whose sign-in to forget.' }));
  let base: string;
  try {
    base = resolveBaseUrl(args.brand, args.baseUrl);
  } catch (err) {
    if (err instanceof FeishuError) throw UsageError.of(err);
    throw err;
  }
  const { store, where } = await openSessionStorage(io.env, appId, base, t);
  const session = await store.load();
  await store.clear();
  if (args.json) io.stdout.write(`${JSON.stringify({ ok: true, signedOut: session !== undefined, ...(session ? { name: session.name, openId: session.openId } : {}) })}\n`);
  else if (session) io.stdout.write(`${t('Signed out {0} ({1}): the sign-in was removed from {2}.', session.name, session.openId, where)}\n`);
  else io.stdout.write(`${t('Nobody is signed in with the app {0}; nothing to do.', appId)}\n`);
  return 0;
}
