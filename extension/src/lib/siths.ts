/**
 * The known failures of a SITHS sign-in, recognised by what the sign-in page says. Only the page's
 * visible text is read — never a field's value: no PIN, certificate or password.
 */
export const SITHS_FAILURES = ['no-certificate', 'expired-session', 'blocked-card', 'wrong-url'] as const;
export type SithsFailure = (typeof SITHS_FAILURES)[number];

/** Phrases the identity providers and browsers show, lower case, per failure. */
const PHRASES: Readonly<Record<SithsFailure, readonly string[]>> = {
  'no-certificate': ['inget certifikat', 'no certificate', 'certifikat saknas', 'inget giltigt certifikat', 'err_bad_ssl_client_auth_cert', 'ssl_client_auth'],
  'expired-session': ['sessionen har gått ut', 'session har gått ut', 'session expired', 'sessionen är inte längre giltig', 'logga in igen'],
  'blocked-card': ['kortet är spärrat', 'spärrat kort', 'certifikatet är spärrat', 'card is blocked', 'pin-koden är låst', 'pin är låst'],
  'wrong-url': ['felaktig adress', 'sidan finns inte', 'page not found', 'okänd tjänst', 'felaktig inloggningsadress'],
};

/** The failure the page's text shows, or undefined when it shows none. */
export function sithsFailure(pageText: string): SithsFailure | undefined {
  const text = pageText.toLocaleLowerCase('sv').replace(/\s+/g, ' ');
  return SITHS_FAILURES.find((failure) => PHRASES[failure].some((phrase) => text.includes(phrase)));
}
