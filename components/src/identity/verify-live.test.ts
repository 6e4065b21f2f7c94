// The nurse's check in Chromium against the demo server's live test provider: discovery and the
// key set fetched from this page's origin (CORS), for a token the runner signed in for in Node.
import { expect } from 'chai';
import { before, describe, it } from 'node:test';
import { visitNonce } from '../core/identity-nonce.js';
import { newToken } from '../core/tokens.js';
import { discoverKeys, verifyIdentity, type ExpectedIdentity } from './verify.js';

let issuer = '';

async function idToken(token: string, personnummer: string, method: 'bankid' | 'freja'): Promise<string> {
  const response = await fetch(`/__dh/oidc/id-token?${new URLSearchParams({ token, personnummer, method })}`);
  expect(response.status).to.equal(200);
  return ((await response.json()) as { idToken: string }).idToken;
}

before(async () => {
  issuer = ((await (await fetch('/__dh/env.json')).json()) as { identity: { testIssuer: string } }).identity.testIssuer;
});

describe('verifyIdentity against the live test provider', () => {
  it('finds the keys through discovery (another origin) and accepts the booking’s patient', async () => {
    const token = newToken();
    const expected: ExpectedIdentity = { issuer, audience: 'dh-demo-besok', nonce: await visitNonce(token), personnummer: '19460823-9986' };
    const result = await verifyIdentity(await idToken(token, '19460823-9986', 'freja'), expected);
    expect(result).to.deep.equal({ ok: true, personnummer: '19460823-9986', givenName: 'Greta', familyName: 'Provberg', name: 'Greta Provberg', method: 'freja' });
  });

  it('with one key set for the page, refuses another visit’s token and a forged one', async () => {
    const keys = await discoverKeys(issuer);
    const token = newToken();
    const expected: ExpectedIdentity = { issuer, audience: 'dh-demo-besok', nonce: await visitNonce(token), personnummer: '19121212-1212' };
    const good = await idToken(token, '19121212-1212', 'bankid');
    expect(await verifyIdentity(good, expected, keys)).to.include({ ok: true, method: 'bankid' });
    const otherVisit = await idToken(newToken(), '19121212-1212', 'bankid');
    expect(await verifyIdentity(otherVisit, expected, keys)).to.deep.equal({ ok: false, code: 'nonce' });
    const [header, payload] = good.split('.');
    const [, , otherSignature] = otherVisit.split('.');
    expect(await verifyIdentity(`${header}.${payload}.${otherSignature}`, expected, keys)).to.deep.equal({ ok: false, code: 'signature' });
  });
});
