import { expect } from 'chai';
import { describe, it } from 'node:test';
import { VISIT_NONCE_PATTERN, visitNonce } from './identity-nonce.js';
import { newToken } from './tokens.js';

// Computed apart from this code, with OpenSSL:
//   printf '%s' 'digitala-halsosamtal/oidc-nonce/v1' | openssl dgst -sha256 -hmac <token> -binary | base64 (url-safe, unpadded)
const KNOWN: readonly [token: string, nonce: string][] = [
  ['AAAAAAAAAAAAAAAAAAAAAA', '5rgIcJ36_heu3YeeXtfr3sIvJuVbDAX31SfLiiDr198'],
  ['q3Vb0r1dXk9Zt2mN4pLs7w', 'IzbQUMcJXO2zHG_Pq3YsiZipwl5RRwmVcDd-7_gjhrU'],
];

describe('visit nonce', () => {
  for (const [token, nonce] of KNOWN) {
    it(`is HMAC-SHA-256 of the fixed label keyed by the token (${token})`, async () => {
      expect(await visitNonce(token)).to.equal(nonce);
    });
  }

  it('is the same on both sides of the visit: the same token gives the same nonce', async () => {
    const token = newToken();
    expect(await visitNonce(token)).to.equal(await visitNonce(token));
  });

  it('differs per visit, is base64url of 256 bits and never shows the token', async () => {
    const tokens = Array.from({ length: 50 }, newToken);
    const nonces = await Promise.all(tokens.map(visitNonce));
    expect(new Set(nonces).size).to.equal(50);
    nonces.forEach((nonce, i) => {
      expect(nonce).to.match(VISIT_NONCE_PATTERN);
      expect(nonce).not.to.contain(tokens[i]);
    });
  });

  it('refuses an empty token rather than give every such visit one nonce', async () => {
    let error: unknown;
    await visitNonce('').catch((e: unknown) => (error = e));
    expect(error).to.be.instanceOf(TypeError);
  });
});
