import type { Translate } from '../../core';
import type { Connection } from './UserAuth';

/** Who uploads act as, in a few words for the status bar: the user's name, "user token", or "app <id>". */
export function whoLabel(connection: Connection | undefined, t: Translate): string | undefined {
  const c = connection?.credentials;
  if (!c) return undefined;
  if ('session' in c) return c.user.name;
  if ('userAccessToken' in c) return t('user token');
  return t('app {0}', c.appId);
}
