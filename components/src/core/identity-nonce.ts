/**
 * The OpenID Connect `nonce` of a visit: an HMAC-SHA-256 keyed by the link's token over a fixed
 * label. The patient's page sends it with the sign-in, the broker puts it in the ID token, and the
 * nurse's side (which holds the same token in the booking) computes it again and compares: an ID
 * token got for one visit is of no use in another, and the nonce tells nothing about the token.
 */

/** Domain separation: the same token never gives this value for any other purpose. */
const LABEL = 'digitala-halsosamtal/oidc-nonce/v1';

/** A visit's nonce is base64url, 43 characters for 256 bits. */
export const VISIT_NONCE_PATTERN = /^[A-Za-z0-9_-]{43}$/;

const encoder = new TextEncoder();

function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The nonce bound to the visit whose link carries `token`. */
export async function visitNonce(token: string): Promise<string> {
  if (token === '') throw new TypeError('visitNonce needs the link token.');
  const key = await crypto.subtle.importKey('raw', encoder.encode(token), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return base64url(new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(LABEL))));
}
