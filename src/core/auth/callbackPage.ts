import type { Translate } from '../util/translate';

export type CallbackOutcome = 'signedIn' | 'denied' | 'failed';

/**
 * The small page the browser shows after Feishu's page sends it back to the loopback listener, in the user's
 * language: what happened and "you can close this tab". Self-contained (no scripts, no outside resources).
 */
export function callbackPage(outcome: CallbackOutcome, t: Translate, lang = 'en'): string {
  const [title, text] =
    outcome === 'signedIn'
      ? [t('Signed in to Feishu'), t('Feishu Upload has your sign-in. You can close this tab and go back to where you started.')]
      : outcome === 'denied'
        ? [t('Sign-in refused'), t('You refused the sign-in on Feishu\'s page. You can close this tab.')]
        : [t('Sign-in failed'), t('This answer does not belong to the sign-in in progress. Close this tab and sign in again.')];
  return `<!doctype html>
<html lang="${escapeHtml(lang)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#f5f6f7;color:#1f2329}main{max-width:30rem;margin:5rem auto;background:#fff;border-radius:8px;padding:2rem;box-shadow:0 2px 8px #0002}h1{font-size:1.3rem;margin-top:0}</style>
</head><body><main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p></main></body></html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
