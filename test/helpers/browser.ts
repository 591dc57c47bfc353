// A person at a browser, for tests without one: opens the emulator's authorize or device page, reads its form
// the way a browser would (hidden inputs, the button's name and value) and submits it. Redirects are not
// followed: the Location is what a browser would go to next (the loopback callback).

export interface PageVisit {
  status: number;
  html: string;
  /** Where the form posts, resolved against the page URL. */
  action?: string;
  /** The form's inputs (hidden and visible) by name. */
  fields: Record<string, string>;
}

export async function visit(url: string): Promise<PageVisit> {
  const res = await fetch(url, { redirect: 'manual' });
  const html = await res.text();
  const action = /<form[^>]*action="([^"]*)"/.exec(html)?.[1];
  const fields: Record<string, string> = {};
  for (const m of html.matchAll(/<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g)) fields[m[1]] = unescape(m[2]);
  return { status: res.status, html, action: action === undefined ? undefined : new URL(unescape(action), url).toString(), fields };
}

/** Clicks Approve or Deny on a page; returns the answer's status, Location header (redirects) and body. */
export async function decide(url: string, decision: 'approve' | 'deny', change: Record<string, string> = {}): Promise<{ status: number; location?: string; html: string }> {
  const page = await visit(url);
  if (!page.action) throw new Error(`no form on ${url} (HTTP ${page.status}): ${page.html.slice(0, 300)}`);
  const res = await fetch(page.action, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ...page.fields, ...change, decision }).toString(),
  });
  return { status: res.status, location: res.headers.get('location') ?? undefined, html: await res.text() };
}

/** Approves (or denies) and follows the redirect to the callback, as the browser would; returns the callback's page. */
export async function approveAndReturn(authorizeUrl: string, decision: 'approve' | 'deny' = 'approve'): Promise<{ status: number; html: string }> {
  const answer = await decide(authorizeUrl, decision);
  if (!answer.location) throw new Error(`the authorize page did not redirect (HTTP ${answer.status}): ${answer.html.slice(0, 300)}`);
  const res = await fetch(answer.location);
  return { status: res.status, html: await res.text() };
}

function unescape(text: string): string {
  return text.replace(/&#(\d+);/g, (_m, n: string) => String.fromCharCode(Number(n))).replace(/&amp;/g, '&');
}
