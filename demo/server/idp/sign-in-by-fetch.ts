/**
 * For tests: goes through the test provider's sign-in with fetch, as a browser would with its
 * forms (cookies by path, redirects one by one), and stops at the first redirect that leaves the
 * provider: the client's callback address, with its code (or error) and state.
 */
import type { SignInMethod } from '../../../components/src/identity/claims.js';

/** A test person by number ('YYYYMMDD-NNNN') and a method; or "Avbryt"; or a form with a field left out. */
export type SignInChoice =
  | { readonly personnummer: string; readonly method: SignInMethod }
  | { readonly cancel: true }
  | { readonly fields: Readonly<Record<string, string>> };

export interface SignInTrace {
  /** Where the provider sent the browser back to. */
  readonly callback: URL;
  /** Every page the provider showed on the way, as HTML. */
  readonly pages: readonly string[];
  /** Every Set-Cookie the provider sent. */
  readonly cookies: readonly string[];
}

const onPath = (cookiePath: string, path: string): boolean =>
  path === cookiePath || path.startsWith(cookiePath.endsWith('/') ? cookiePath : `${cookiePath}/`);

/** A browser's cookies for the provider, to keep across sign-ins (name → value and path). */
export type CookieJar = Map<string, { readonly value: string; readonly path: string }>;

export async function signInByFetch(authorizationUrl: URL | string, choice: SignInChoice, jar: CookieJar = new Map()): Promise<SignInTrace> {
  const start = new URL(authorizationUrl);
  // The provider's own addresses: everything beside its authorization endpoint.
  const base = new URL('.', start);
  const atProvider = (url: URL): boolean => url.origin === base.origin && url.pathname.startsWith(base.pathname);
  const pages: string[] = [];
  const cookies: string[] = [];
  let request: { url: URL; method: 'GET' | 'POST'; body?: URLSearchParams } = { url: start, method: 'GET' };
  let submitted = false;

  for (let step = 0; step < 12; step++) {
    const cookieHeader = [...jar].filter(([, c]) => onPath(c.path, request.url.pathname)).map(([name, c]) => `${name}=${c.value}`).join('; ');
    const response = await fetch(request.url, {
      method: request.method,
      redirect: 'manual',
      headers: {
        ...(cookieHeader ? { Cookie: cookieHeader } : {}),
        ...(request.body ? { 'Content-Type': 'application/x-www-form-urlencoded', Origin: request.url.origin } : {}),
      },
      ...(request.body ? { body: request.body } : {}),
    });
    for (const line of response.headers.getSetCookie()) {
      cookies.push(line);
      const [pair = '', ...attributes] = line.split(';').map((part) => part.trim());
      const name = pair.slice(0, pair.indexOf('='));
      const path = attributes.find((a) => /^path=/i.test(a))?.slice(5) ?? '/';
      if (/expires=Thu, 01 Jan 1970/i.test(line)) jar.delete(name);
      else jar.set(name, { value: pair.slice(pair.indexOf('=') + 1), path });
    }
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      const next = new URL(location, request.url);
      if (!atProvider(next)) return { callback: next, pages, cookies };
      request = { url: next, method: 'GET' };
      continue;
    }
    const page = await response.text();
    if (response.status !== 200 || submitted) throw new Error(`the provider answered ${response.status} at ${request.url.pathname}:\n${page.slice(0, 2000)}`);
    pages.push(page);
    const action = /<form[^>]*\saction="([^"]+)"/.exec(page)?.[1];
    if (!action) throw new Error(`no sign-in form at ${request.url.pathname}`);
    const login = new URL(action.replace(/&amp;/g, '&'), request.url);
    submitted = true;
    if ('cancel' in choice) {
      request = { url: new URL(login.pathname.replace(/\/login$/, '/abort'), login), method: 'POST', body: new URLSearchParams() };
    } else if ('fields' in choice) {
      request = { url: login, method: 'POST', body: new URLSearchParams(choice.fields) };
    } else {
      request = { url: login, method: 'POST', body: new URLSearchParams({ method: choice.method, person: choice.personnummer.replace(/\D/g, '') }) };
    }
  }
  throw new Error('the sign-in went round in circles');
}
