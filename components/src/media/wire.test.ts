import { expect } from 'chai';
import { describe, it } from 'node:test';
import { newNonce, newToken } from '../core/index.js';
import { parseGuestMessage, parseHostMessage, shareKindOf } from './wire.js';

const instance = newToken();
const nonce = newNonce();

describe('wire messages', () => {
  describe('from a guest', () => {
    const valid: unknown[] = [
      { t: 'knock', role: 'patient', instance, nonce },
      { t: 'knock', role: 'interpreter', instance, nonce },
      { t: 'proof', proof: nonce },
      { t: 'code', code: '123 456' },
      { t: 'leave' },
      { t: 'star-profile', values: { 'physical-activity': 'level-3', 'blood-pressure-systolic': 135, bmi: 27.4 } },
      { t: 'star-profile', values: {} },
      { t: 'identity', idToken: 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl' },
    ];
    for (const message of valid) it(`accepts ${JSON.stringify(message)}`, () => {
      expect(parseGuestMessage(message)).to.deep.equal(message);
    });

    const invalid: [string, unknown][] = [
      ['nothing', undefined],
      ['a string', 'knock'],
      ['an array', [{ t: 'leave' }]],
      ['an unknown type', { t: 'admit-me' }],
      ['a prototype key as type', { t: 'toString' }],
      ['a role that does not exist', { t: 'knock', role: 'nurse', instance, nonce }],
      ['a knock without an instance', { t: 'knock', role: 'patient', nonce }],
      ['a knock without a challenge for the nurse', { t: 'knock', role: 'patient', instance }],
      ['an instance of the wrong shape', { t: 'knock', role: 'patient', instance: '../../etc', nonce }],
      ['an extra field', { t: 'knock', role: 'patient', instance, nonce, verified: true }],
      ['a proof of the wrong length', { t: 'proof', proof: 'abc' }],
      ['a code that is a number', { t: 'code', code: 123456 }],
      ['a code as long as a book', { t: 'code', code: '1'.repeat(10_000) }],
      ['a message the nurse sends', { t: 'end' }],
      ['star-profile answers with a name in them', { t: 'star-profile', values: { name: 'Tolvan Tolvansson' } }],
      ['star-profile answers under a prototype key', { t: 'star-profile', values: JSON.parse('{"__proto__": 1}') as object }],
      ['a star-profile number that is not one', { t: 'star-profile', values: { bmi: Number.NaN } }],
      ['a star-profile of a hundred answers', { t: 'star-profile', values: Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`d${String(i)}`, 1])) }],
      ['star-profile answers as a list', { t: 'star-profile', values: [1, 2] }],
      ['an identity that is not a JWT', { t: 'identity', idToken: 'Tolvan Tolvansson' }],
      ['an identity token of a megabyte', { t: 'identity', idToken: `a.${'b'.repeat(1_000_000)}.c` }],
    ];
    for (const [what, message] of invalid) it(`drops ${what}`, () => {
      expect(parseGuestMessage(message)).to.equal(undefined);
    });
  });

  describe('from the nurse', () => {
    const valid: unknown[] = [
      { t: 'challenge', nonce, proof: nonce },
      { t: 'listed' },
      { t: 'code-result', check: { result: 'ok' } },
      { t: 'code-result', check: { result: 'wrong', triesLeft: 3 } },
      { t: 'code-result', check: { result: 'locked' } },
      { t: 'mesh', call: ['3f2b6f0e-8c1d-4f7a-9a51-2d3c4b5a6978'], expect: [], gone: [] },
      { t: 'share-stop' },
      { t: 'denied' },
      { t: 'end' },
    ];
    for (const message of valid) it(`accepts ${JSON.stringify(message)}`, () => {
      expect(parseHostMessage(message)).to.deep.equal(message);
    });

    const invalid: [string, unknown][] = [
      ['a mesh with a peer id that is not one', { t: 'mesh', call: ['<img>'], expect: [], gone: [] }],
      ['a mesh of a hundred peers', { t: 'mesh', call: Array.from({ length: 100 }, (_, i) => `p${String(i)}`), expect: [], gone: [] }],
      ['a mesh without its lists', { t: 'mesh', call: [] }],
      ['a code result that is not one', { t: 'code-result', check: { result: 'ok', extra: 1 } }],
      ['a negative number of tries', { t: 'code-result', check: { result: 'wrong', triesLeft: -1 } }],
      ['a challenge without a nonce', { t: 'challenge', proof: nonce }],
      ['a challenge that does not answer the guest’s', { t: 'challenge', nonce }],
      ['a message a guest sends', { t: 'leave' }],
    ];
    for (const [what, message] of invalid) it(`drops ${what}`, () => {
      expect(parseHostMessage(message)).to.equal(undefined);
    });
  });
});

describe('share calls', () => {
  const cases: [unknown, string | undefined][] = [
    [{ share: 'star-profile' }, 'star-profile'],
    [{ share: 'document' }, 'document'],
    [{ share: 'window' }, 'window'],
    [{ share: 'screen' }, undefined],
    [{ share: ['document'] }, undefined],
    ['document', undefined],
    [undefined, undefined],
    [null, undefined],
  ];
  for (const [metadata, kind] of cases) it(`${metadata === undefined ? 'undefined' : JSON.stringify(metadata)} is ${kind ?? 'no share'}`, () => {
    expect(shareKindOf(metadata)).to.equal(kind);
  });
});
