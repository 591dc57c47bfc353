import type { Credentials } from '../core';
import { UsageError } from './UsageError';

/**
 * Credentials come only from the environment: never from arguments, which other users can read in the
 * process list and shells keep in history.
 */
export function credentialsFromEnv(env: NodeJS.ProcessEnv): Credentials | undefined {
  const appId = env.FEISHU_APP_ID?.trim();
  const appSecret = env.FEISHU_APP_SECRET?.trim();
  if (appId && appSecret) return { appId, appSecret };
  if (appId || appSecret) {
    const missing = appId ? 'FEISHU_APP_SECRET' : 'FEISHU_APP_ID';
    throw new UsageError('{0} is not set: set both FEISHU_APP_ID and FEISHU_APP_SECRET, or FEISHU_ACCESS_TOKEN alone.', missing);
  }
  const userAccessToken = env.FEISHU_ACCESS_TOKEN?.trim();
  return userAccessToken ? { userAccessToken } : undefined;
}
