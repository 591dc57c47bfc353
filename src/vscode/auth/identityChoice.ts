/** What this machine has: the setting, the app's credentials, a signed-in or pasted user, and its history. */
export interface IdentityFacts {
  /** `feishu.identity`. */
  setting: 'user' | 'app';
  app: boolean;
  /** A sign-in made with the current app. */
  signedIn: boolean;
  /** A pasted user access token. */
  pasted: boolean;
  /** Someone signed in on this machine before (so a missing sign-in means "signed out", not "never used"). */
  signedInBefore: boolean;
}

/** Who uploads act as, or what is missing for it. */
export type IdentityChoice =
  | { act: 'signedIn' | 'pasted' | 'app' }
  | {
      /**
       * signIn: a user is wanted and none is signed in (the app may stand in: `appAvailable`); appCredentials:
       * the app is wanted and has none; anything: nothing is set at all.
       */
      missing: 'signIn' | 'appCredentials' | 'anything';
      appAvailable: boolean;
    };

/**
 * `feishu.identity` "user" (the default) means yourself once you have signed in: until the first sign-in on this
 * machine the app stands in quietly (as before sign-in existed); after a sign-out the next upload offers Sign In
 * (or the app) instead of silently uploading as the app. "app" is always the app.
 */
export function chooseIdentity(f: IdentityFacts): IdentityChoice {
  if (f.setting === 'app') return f.app ? { act: 'app' } : { missing: 'appCredentials', appAvailable: false };
  if (f.signedIn) return { act: 'signedIn' };
  if (f.pasted) return { act: 'pasted' };
  if (f.app && !f.signedInBefore) return { act: 'app' };
  return { missing: f.app ? 'signIn' : 'anything', appAvailable: f.app };
}
