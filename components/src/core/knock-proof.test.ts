import { expect } from 'chai';
import { describe, it } from 'node:test';
import { PROOF_PATTERN, knockProof, newNonce, proofKey, verifyKnockProof, type KnockChallenge } from './knock-proof.js';
import { newToken } from './tokens.js';

const token = newToken();
const challenge: KnockChallenge = { room: `dh-${'0'.repeat(32)}`, guest: 'guest-peer-1', instance: newToken(), nonce: newNonce() };

describe('knock proof', () => {
  it('a nonce is 256 random bits, base64url, never the same twice', () => {
    const nonces = new Set(Array.from({ length: 500 }, newNonce));
    expect(nonces.size).to.equal(500);
    for (const n of nonces) expect(n).to.match(PROOF_PATTERN);
  });

  it('the link holder’s answer is accepted', async () => {
    const proof = await knockProof(token, challenge);
    expect(proof).to.match(PROOF_PATTERN);
    expect(proof).not.to.contain(token);
    expect(await verifyKnockProof(await proofKey(token), challenge, proof)).to.equal(true);
  });

  const refused: [string, () => Promise<string>, Partial<KnockChallenge>][] = [
    ['another token (the room id alone proves nothing)', () => knockProof(newToken(), challenge), {}],
    ['an answer to an older challenge', () => knockProof(token, { ...challenge, nonce: newNonce() }), {}],
    ['an answer replayed by another peer', () => knockProof(token, challenge), { guest: 'guest-peer-2' }],
    ['an answer for another room', () => knockProof(token, challenge), { room: `dh-${'1'.repeat(32)}` }],
    ['an answer from another page instance', () => knockProof(token, challenge), { instance: newToken() }],
    ['garbage', () => Promise.resolve('not base64url at all!'), {}],
    ['an empty answer', () => Promise.resolve(''), {}],
    ['the right length, all zeros', () => Promise.resolve('A'.repeat(43)), {}],
    ['the nurse’s answer passed off as the guest’s', () => knockProof(token, challenge, 'nurse'), {}],
  ];
  it('the nurse’s side proves itself to the guest under its own label', async () => {
    const key = await proofKey(token);
    const answer = await knockProof(key, challenge, 'nurse');
    expect(await verifyKnockProof(key, challenge, answer, 'nurse')).to.equal(true);
    expect(await verifyKnockProof(key, challenge, await knockProof(key, challenge), 'nurse')).to.equal(false);
    expect(await verifyKnockProof(await proofKey(newToken()), challenge, answer, 'nurse')).to.equal(false);
  });

  for (const [what, answer, changed] of refused) {
    it(`refuses ${what}`, async () => {
      expect(await verifyKnockProof(await proofKey(token), { ...challenge, ...changed }, await answer())).to.equal(false);
    });
  }
});
