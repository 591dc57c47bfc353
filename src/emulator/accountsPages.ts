// The accounts service's pages for a person in a browser: the authorize page (auth.md §4: app name, scopes,
// Approve / Deny; Approve redirects to redirect_uri with a code, Deny with error=access_denied) and the device
// verification page (§10). Served from the emulator's own origin, as the accounts host would be. Forms post to
// relative URLs, so the pages also work behind a path prefix (code-server's /proxy/<port>/).
import { formFields } from './formFields';
import type { AccountsState } from './oauthRoutes';
import type { Reply } from './reply';
import type { RouteCall } from './route';
import type { EmulatorUser } from './Users';

interface AuthorizeRequest {
  clientId: string;
  redirectUri: string;
  scopes: string[];
  state?: string;
  challenge?: string;
  method: 'S256' | 'plain';
}

/** GET authen/v1/authorize: the consent page, or an error page (as Feishu shows one) for a bad request. */
export function authorizePage(state: AccountsState, call: RouteCall): Reply {
  const request = readAuthorize(state, Object.fromEntries(call.query));
  if (typeof request === 'string') return page(400, 'Authorization failed', `<p class="error">${escape(request)}</p>`);
  const user = state.users.acting;
  const hidden = Object.entries({
    client_id: request.clientId,
    response_type: 'code',
    redirect_uri: request.redirectUri,
    scope: request.scopes.join(' '),
    state: request.state,
    code_challenge: request.challenge,
    code_challenge_method: request.challenge === undefined ? undefined : request.method,
  })
    .filter((e): e is [string, string] => e[1] !== undefined)
    .map(([k, v]) => `<input type="hidden" name="${k}" value="${escape(v)}">`)
    .join('');
  return page(
    200,
    `Authorize ${state.appName}`,
    `<h1><span id="app-name">${escape(state.appName)}</span> wants to access your Feishu account</h1>
<p>Signed in as <b id="user-name">${escape(user.name)}</b> (${escape(user.openId)})</p>
<p>It asks to:</p>
<ul id="scopes">${request.scopes.map((s) => `<li><code>${escape(s)}</code></li>`).join('')}</ul>
<form method="post" action="authorize">${hidden}<input type="hidden" name="open_id" value="${escape(user.openId)}">
<button type="submit" name="decision" value="approve" id="approve">Approve</button>
<button type="submit" name="decision" value="deny" id="deny">Deny</button>
</form>`,
  );
}

/** POST authen/v1/authorize: the person's answer → 302 to redirect_uri with a code, or with error=access_denied. */
export function authorizeDecision(state: AccountsState, call: RouteCall): Reply {
  const fields = formFields(call.body, call.contentType) ?? {};
  const request = readAuthorize(state, fields);
  if (typeof request === 'string') return page(400, 'Authorization failed', `<p class="error">${escape(request)}</p>`);
  const user = state.users.get(fields.open_id ?? '') ?? state.users.acting;
  const target = new URL(request.redirectUri);
  if (fields.decision === 'approve') {
    const code = state.grants.newCode({
      clientId: request.clientId,
      openId: user.openId,
      redirectUri: request.redirectUri,
      scopes: state.grants.consent(request.clientId, user.openId, request.scopes),
      challenge: request.challenge,
      method: request.method,
    });
    target.searchParams.set('code', code);
  } else {
    target.searchParams.set('error', 'access_denied');
  }
  if (request.state !== undefined) target.searchParams.set('state', request.state);
  return { kind: 'raw', status: 302, body: '', contentType: 'text/plain; charset=utf-8', headers: { Location: target.toString() } };
}

/** GET oauth/v1/device/verify: the code (from the link, or typed) with the app and its scopes. */
export function deviceVerifyPage(state: AccountsState, call: RouteCall): Reply {
  const userCode = call.query.get('user_code') ?? '';
  const record = userCode ? state.grants.deviceByUserCode(userCode) : undefined;
  const scopes = record ? `<p>It asks to:</p><ul id="scopes">${record.scopes.map((s) => `<li><code>${escape(s)}</code></li>`).join('')}</ul>` : '';
  return page(
    200,
    `Sign in to ${state.appName}`,
    `<h1>Sign in to <span id="app-name">${escape(state.appName)}</span> on another device</h1>
${signedInAs(state.users.acting)}
${scopes}
<form method="post" action="verify">
<label>Code shown by the app: <input name="user_code" id="user-code" value="${escape(userCode)}" autocomplete="off"></label>
<button type="submit" name="decision" value="approve" id="approve">Approve</button>
<button type="submit" name="decision" value="deny" id="deny">Deny</button>
</form>`,
  );
}

/** POST oauth/v1/device/verify: the person approves or denies the code. */
export function deviceDecision(state: AccountsState, call: RouteCall): Reply {
  const fields = formFields(call.body, call.contentType) ?? {};
  const record = state.grants.deviceByUserCode(fields.user_code ?? '');
  if (!record) return page(400, 'Code not valid', '<p class="error" id="result">This code is not valid or has expired. Start the sign-in again.</p>');
  const approve = fields.decision === 'approve';
  state.grants.decideDevice(record, state.users.acting.openId, approve);
  return page(
    200,
    approve ? 'Approved' : 'Denied',
    `<p id="result">${approve ? 'Approved.' : 'Denied.'} You can close this page and go back to the app.</p>`,
  );
}

/** The authorize request's checks; a string is the error the page shows. */
function readAuthorize(state: AccountsState, p: Record<string, string | undefined>): AuthorizeRequest | string {
  if (!p.client_id) return 'client_id is missing.';
  if (p.client_id !== state.tokens.appId) return `The app ${p.client_id} does not exist (20048).`;
  if (p.response_type !== 'code') return 'response_type must be "code".';
  const redirectUri = p.redirect_uri ?? '';
  if (!/^https?:\/\//.test(redirectUri)) return 'redirect_uri must be an http(s) URL.';
  if (state.redirectUris && !state.redirectUris.includes(redirectUri)) return `The redirect URL ${redirectUri} is not in the app's security settings.`;
  const scopes = (p.scope ?? '').split(/\s+/).filter(Boolean);
  const unknown = scopes.filter((s) => !state.enabledScopes.has(s));
  if (unknown.length > 0) return `The app has not enabled the scope ${unknown.join(', ')} (20027).`;
  const method = p.code_challenge_method ?? 'plain';
  if (method !== 'S256' && method !== 'plain') return 'code_challenge_method must be S256 or plain.';
  return { clientId: p.client_id, redirectUri, scopes, state: p.state, challenge: p.code_challenge || undefined, method };
}

function signedInAs(user: EmulatorUser): string {
  return `<p>Signed in as <b id="user-name">${escape(user.name)}</b> (${escape(user.openId)})</p>`;
}

function page(status: number, title: string, content: string): Reply {
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)} — Feishu emulator</title>
<style>body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#f5f6f7;color:#1f2329}main{max-width:32rem;margin:4rem auto;background:#fff;border-radius:8px;padding:2rem;box-shadow:0 2px 8px #0002}
h1{font-size:1.3rem}code{background:#f0f1f2;padding:0 .3em;border-radius:3px}button{font-size:1rem;padding:.5rem 1.4rem;margin-right:.6rem;border-radius:6px;border:1px solid #d0d3d6;cursor:pointer}
#approve{background:#3370ff;color:#fff;border-color:#3370ff}.error{color:#d83931}.brand{color:#646a73;font-size:.85rem}</style></head>
<body><main><p class="brand">Feishu emulator · accounts</p>${content}</main></body></html>`;
  return { kind: 'raw', status, body: html, contentType: 'text/html; charset=utf-8' };
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
