import { expect } from 'chai';
import { describe, it } from 'node:test';
import { sithsFailure } from './siths.js';

describe('sithsFailure', () => {
  const cases: [text: string, failure: string | undefined][] = [
    ['Inget certifikat valt. Inloggningen avbröts.', 'no-certificate'],
    ['ERR_BAD_SSL_CLIENT_AUTH_CERT', 'no-certificate'],
    ['Din session har gått ut. Logga in igen.', 'expired-session'],
    ['Kortet är   spärrat.', 'blocked-card'],
    ['Felaktig adress: tjänsten finns inte här.', 'wrong-url'],
    ['Logga in med SITHS-kort. Välj ditt certifikat när webbläsaren frågar.', undefined],
    // The demo sign-in page's own links.
    ['Certifikatfel Utgången session Kort som spärrats Adressfel Inget fel', undefined],
  ];
  for (const [text, failure] of cases) {
    it(`reads ${JSON.stringify(text)} as ${String(failure)}`, () => {
      expect(sithsFailure(text)).to.equal(failure);
    });
  }
});
