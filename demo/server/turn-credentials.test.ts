import { expect } from 'chai';
import { describe, it } from 'node:test';
import { credentialExpiry, MAX_LIFETIME_MS, OVERRUN_MS, turnCredential } from './turn-credentials.js';

describe('TURN REST credentials', () => {
  // Computed apart from this code, with
  //   printf '%s' USERNAME | openssl dgst -sha1 -hmac SECRET -binary | base64
  const vectors = [
    { secret: 'north-secret', expiry: 1_700_000_000, label: 'dh-test', credential: '/Elb+dYb0yvQjcBxsM4qEih9YcI=' },
    { secret: 's3cr3t', expiry: 1_893_456_000, label: 'a1b2c3', credential: '/mqiLyMseIEzXuBtOyxYLiqnFQ4=' },
  ];
  for (const v of vectors) {
    it(`signs ${String(v.expiry)}:${v.label} as openssl does`, () => {
      expect(turnCredential(v.secret, v.expiry, v.label)).to.deep.equal({ username: `${String(v.expiry)}:${v.label}`, credential: v.credential });
    });
  }

  it('gives another credential for another secret, expiry or label', () => {
    const base = turnCredential('s3cr3t', 1_893_456_000, 'a1b2c3').credential;
    expect(turnCredential('s3cr3t!', 1_893_456_000, 'a1b2c3').credential).to.not.equal(base);
    expect(turnCredential('s3cr3t', 1_893_456_001, 'a1b2c3').credential).to.not.equal(base);
    expect(turnCredential('s3cr3t', 1_893_456_000, 'a1b2c4').credential).to.not.equal(base);
  });

  const refused: [string, string, number, string][] = [
    ['an empty secret', '', 1_700_000_000, 'x'],
    ['an expiry in milliseconds with a fraction', 's', 1.5, 'x'],
    ['a label with a colon (it would change what the TURN server reads as the expiry)', 's', 1_700_000_000, 'a:b'],
    ['a label with spaces or personal-looking text', 's', 1_700_000_000, 'Tolvan Tolvansson'],
    ['an empty label', 's', 1_700_000_000, ''],
  ];
  for (const [what, secret, expiry, label] of refused) {
    it(`refuses ${what}`, () => {
      expect(() => turnCredential(secret, expiry, label)).to.throw(RangeError);
    });
  }
});

describe('how long a credential lives', () => {
  const now = Date.parse('2026-03-02T09:00:00Z');
  const table: [string, number, number | undefined][] = [
    ['a visit ending in 45 minutes: until its end and the overrun', now + 45 * 60_000, (now + 45 * 60_000 + OVERRUN_MS) / 1000],
    ['a visit tomorrow: no longer than the cap (renewed later)', now + 86_400_000, (now + MAX_LIFETIME_MS) / 1000],
    ['a visit that ended ten minutes ago: the overrun is left', now - 10 * 60_000, (now - 10 * 60_000 + OVERRUN_MS) / 1000],
    ['a visit whose overrun is over: none', now - OVERRUN_MS, undefined],
    ['a visit long gone: none', now - 86_400_000, undefined],
  ];
  for (const [what, end, expected] of table) {
    it(what, () => {
      expect(credentialExpiry(now, end)).to.equal(expected);
    });
  }
});
