import type { Credentials } from '../core';
import { UsageError } from './UsageError';

/**
 * Credentials come only from the environment: never from arguments, which other users can read in the
 * process list and shells keep in history.
 */
export function credentialsFromEnv(env: NodeJS.ProcessEnv): Credentials | undefined {
  const app = appCredentialsFromEnv(env);
  if (app) return app;
  const userAccessToken = pastedTokenFromEnv(env);
  return userAccessToken ? { userAccessToken } : undefined;
}

/** FEISHU_APP_ID + FEISHU_APP_SECRET: the app, and the OAuth client for signing in. Half of them is a usage error. */
export function appCredentialsFromEnv(env: NodeJS.ProcessEnv): { appId: string; appSecret: string } | undefined {
  const appId = env.FEISHU_APP_ID?.trim();
  const appSecret = env.FEISHU_APP_SECRET?.trim();
  if (appId && appSecret) return { appId, appSecret };
  if (appId || appSecret) {
    const missing = appId ? 'FEISHU_APP_SECRET' : 'FEISHU_APP_ID';
    throw new UsageError('{0} is not set: set both FEISHU_APP_ID and FEISHU_APP_SECRET, or FEISHU_ACCESS_TOKEN alone.', missing);
  }
  return undefined;
}

/** FEISHU_ACCESS_TOKEN: a user access token pasted by an expert (it is not renewed). */
export function pastedTokenFromEnv(env: NodeJS.ProcessEnv): string | undefined {
  return env.FEISHU_ACCESS_TOKEN?.trim() || undefined;
}
