import { join } from 'node:path';
import { FileLock } from '../locks/FileLock';
import { fileSafe } from '../util/fileSafe';

/** The lock that serialises renewals of one app's sign-in (a UserSession's RenewalLock): `<dir>/renew-<App ID>.lock`. */
export function renewalLock(dir: string, appId: string): FileLock {
  return new FileLock(join(dir, `renew-${fileSafe(appId)}.lock`));
}
