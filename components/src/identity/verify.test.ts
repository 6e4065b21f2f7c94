// The nurse's check of an ID token, with tokens signed here by a test key: one test per way a
// token can be wrong, each giving its own code. Runs in Node and in Chromium.
import { expect } from 'chai';
import { createLocalJWKSet, exportJWK, generateKeyPair, generateSecret, SignJWT, UnsecuredJWT, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { before, describe, it } from 'node:test';
import { LOA3 } from './claims.js';
import { discoverKeys, verifyIdentity, type ExpectedIdentity, type IdentityCheck, type IdentityFailureCode } from './verify.js';

const ISSUER = 'https://broker.region.example';
const CLIENT = 'videobesok-patient';
const NONCE = 'IzbQUMcJXO2zHG_Pq3YsiZipwl5RRwmVcDd-7_gjhrU';
const PNR = 'https://id.oidc.se/claim/personalIdentityNumber';
const CON = 'https://id.oidc.se/claim/coordinationNumber';
const NOW = new Date('2026-03-02T10:00:00Z');
const at = (seconds: number): number => Math.floor(NOW.getTime() / 1000) + seconds;

const expected: ExpectedIdentity = { issuer: ISSUER, audience: CLIENT, nonce: NONCE, personnummer: '19121212-1212', now: NOW };

/** What the demo provider and a broker on the Swedish profile put in an ID token. */
const claims = (over: JWTPayload = {}): JWTPayload => ({
  iss: ISSUER,
  aud: CLIENT,
  sub: 'testperson-1',
  iat: at(-30),
  exp: at(570),
  nonce: NONCE,
  acr: LOA3,
  amr: ['bankid'],
  [PNR]: '191212121212',
  given_name: 'Tolvan',
  family_name: 'Tolvansson',
  name: 'Tolvan Tolvansson',
  ...over,
});

let key: CryptoKey;
let otherKey: CryptoKey;
let jwks: JWTVerifyGetKey;

const sign = (payload: JWTPayload, by: CryptoKey = key, kid = 'k1'): Promise<string> =>
  new SignJWT(payload).setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' }).sign(by);
const without = (name: string): JWTPayload => Object.fromEntries(Object.entries(claims()).filter(([k]) => k !== name));
const check = async (token: string | Promise<string>, over: Partial<ExpectedIdentity> = {}): Promise<IdentityCheck> =>
  verifyIdentity(await token, { ...expected, ...over }, jwks);

before(async () => {
  const pair = await generateKeyPair('RS256', { extractable: true });
  key = pair.privateKey;
  otherKey = (await generateKeyPair('RS256')).privateKey;
  jwks = createLocalJWKSet({ keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' }] });
});

describe('verifyIdentity', () => {
  describe('when the token is right', () => {
    it('gives the booking’s personnummer, the names and the method', async () => {
      expect(await check(sign(claims()))).to.deep.equal({
        ok: true, personnummer: '19121212-1212', givenName: 'Tolvan', familyName: 'Tolvansson', name: 'Tolvan Tolvansson', method: 'bankid',
      });
    });

    it('accepts a samordningsnummer in its own claim', async () => {
      const result = await check(sign(claims({ [PNR]: undefined, [CON]: '197302889931' })), { personnummer: '19730288-9931' });
      expect(result).to.include({ ok: true, personnummer: '19730288-9931' });
    });

    it('reads the claim names a broker uses instead (ssn, hyphenated) and joins a name it does not give', async () => {
      const token = sign(claims({ [PNR]: undefined, name: undefined, ssn: '19121212-1212', fornamn: 'Tolvan', efternamn: 'Tolvansson' }));
      const result = await check(token, { claims: { personalIdentityNumber: 'ssn', givenName: 'fornamn', familyName: 'efternamn' } });
      expect(result).to.deep.include({ ok: true, givenName: 'Tolvan', familyName: 'Tolvansson', name: 'Tolvan Tolvansson' });
    });

    it('allows the clock skew on both sides (60 s by default)', async () => {
      expect(await check(sign(claims({ exp: at(-50) })))).to.include({ ok: true });
      expect(await check(sign(claims({ nbf: at(50), iat: at(50) })))).to.include({ ok: true });
      expect(await check(sign(claims({ exp: at(-100) })), { skewSeconds: 120 })).to.include({ ok: true });
    });

    const methods: [string, JWTPayload, string | undefined][] = [
      ['Freja eID in amr', { amr: ['freja'] }, 'freja'],
      ['BankID in a broker’s acr', { amr: undefined, acr: 'urn:grn:authn:se:bankid:same-device' }, 'bankid'],
      ['Freja eID in a broker’s acr', { amr: undefined, acr: 'urn:grn:authn:se:frejaid' }, 'freja'],
      ['nothing that names a method', { amr: ['pwd'] }, undefined],
      ['both methods (ambiguous)', { amr: ['bankid', 'freja'] }, undefined],
    ];
    for (const [what, over, method] of methods) {
      it(`reads the method from ${what}`, async () => {
        const result = await check(sign(claims(over)));
        expect(result.ok ? result.method : 'refused').to.equal(method);
      });
    }
  });

  describe('when the token is wrong, each fault has its own code', () => {
    const cases: [string, () => Promise<string> | string, IdentityFailureCode, Partial<ExpectedIdentity>?][] = [
      ['not a JWT at all', () => 'not-a-token', 'malformed'],
      ['empty', () => '', 'malformed'],
      ['three parts of garbage', () => 'eyJub3Qi.eyJqc29uIg.c2ln', 'malformed'],
      ['far too long', () => `${'a'.repeat(20_000)}.b.c`, 'malformed'],
      ['without exp', () => sign(without('exp')), 'malformed'],
      ['without iat', () => sign(without('iat')), 'malformed'],
      ['signed by another key', () => sign(claims(), otherKey), 'signature'],
      ['signed by a key the issuer does not have', () => sign(claims(), key, 'unknown-kid'), 'signature'],
      ['changed after signing', async () => {
        const [header, , signature] = (await sign(claims())).split('.');
        const forged = btoa(JSON.stringify(claims({ [PNR]: '194608239986' }))).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
        return `${header}.${forged}.${signature}`;
      }, 'signature'],
      ['unsigned (alg none)', () => new UnsecuredJWT(claims()).encode(), 'signature'],
      ['signed with a shared secret (HS256)', async () => new SignJWT(claims()).setProtectedHeader({ alg: 'HS256' }).sign(await generateSecret('HS256')), 'signature'],
      ['from another issuer', () => sign(claims({ iss: 'https://evil.example' })), 'issuer'],
      ['for another client', () => sign(claims({ aud: 'another-client' })), 'audience'],
      ['for several clients, not issued to this one', () => sign(claims({ aud: [CLIENT, 'another-client'] })), 'audience'],
      ['issued to another party (azp)', () => sign(claims({ azp: 'another-client' })), 'audience'],
      ['expired beyond the skew', () => sign(claims({ exp: at(-61) })), 'expired'],
      ['expired with no skew allowed', () => sign(claims({ exp: at(-1) })), 'expired', { skewSeconds: 0 }],
      ['not valid before a time to come', () => sign(claims({ nbf: at(120) })), 'not-yet-valid'],
      ['issued in the future', () => sign(claims({ iat: at(120) })), 'not-yet-valid'],
      ['for another visit (nonce)', () => sign(claims({ nonce: 'another-visit' })), 'nonce'],
      ['without a nonce', () => sign(without('nonce')), 'nonce'],
      ['with a nonce when the visit’s is unknown', () => sign(claims()), 'nonce', { nonce: '' }],
      ['for another person', () => sign(claims({ [PNR]: '194608239986' })), 'person'],
      ['with only ten digits', () => sign(claims({ [PNR]: '1212121212' })), 'person'],
      ['with the number as a JSON number', () => sign(claims({ [PNR]: 191212121212 })), 'person'],
      ['without any personal number', () => sign(claims({ [PNR]: undefined })), 'person'],
      ['with the right number in a claim the broker does not use for it', () => sign(claims({ [PNR]: undefined, ssn: '191212121212' })), 'person'],
    ];
    for (const [what, token, code, over] of cases) {
      it(`${code}: ${what}`, async () => {
        expect(await check(token(), over)).to.deep.equal({ ok: false, code });
      });
    }
  });

  describe('when the issuer’s keys cannot be had', () => {
    it('unreachable: the key set fails to load', async () => {
      const failing: JWTVerifyGetKey = () => Promise.reject(new TypeError('Failed to fetch'));
      expect(await verifyIdentity(await sign(claims()), expected, failing)).to.deep.equal({ ok: false, code: 'unreachable' });
    });

    it('unreachable: nothing answers at the issuer', async () => {
      const token = await sign(claims({ iss: 'http://127.0.0.1:9/oidc' }));
      expect(await verifyIdentity(token, { ...expected, issuer: 'http://127.0.0.1:9/oidc' })).to.deep.equal({ ok: false, code: 'unreachable' });
    });

    it('unreachable: an issuer outside this machine over plain http is never asked', async () => {
      let error: unknown;
      await discoverKeys('http://broker.region.example').catch((e: unknown) => (error = e));
      expect(error).to.be.instanceOf(Error);
      const token = await sign(claims({ iss: 'http://broker.region.example' }));
      expect(await verifyIdentity(token, { ...expected, issuer: 'http://broker.region.example' })).to.deep.equal({ ok: false, code: 'unreachable' });
    });

    it('a malformed token is refused before any key is fetched', async () => {
      let asked = false;
      const keys: JWTVerifyGetKey = () => { asked = true; return Promise.reject(new Error('no')); };
      expect(await verifyIdentity('garbage', expected, keys)).to.deep.equal({ ok: false, code: 'malformed' });
      expect(asked).to.equal(false);
    });
  });
});
