import { expect } from 'chai';
import { describe, it } from 'node:test';
import { DEFAULT_OPTIONS, hostPatterns, isIntranetPage, isSignInPage, lines, readOptions, validateOptions, type ExtensionOptions } from './options.js';

const valid: ExtensionOptions = {
  ...DEFAULT_OPTIONS,
  signInUrls: ['https://login.regionexempel.se/siths/'],
  intranetOrigins: ['https://intranat.regionexempel.se/'],
  supportEmail: 'it-support@regionexempel.se',
  supportPhone: '010-123 45 67',
};

describe('validateOptions', () => {
  it('accepts a region’s settings, origins normalised', () => {
    const result = validateOptions(valid);
    expect(result.ok).to.be.true;
    if (result.ok) expect(result.options.intranetOrigins).to.deep.equal(['https://intranat.regionexempel.se']);
  });

  it('keeps a sign-in address without its query or fragment (no session in a bookmark)', () => {
    const result = validateOptions({ ...valid, signInUrls: ['https://login.regionexempel.se/siths?session=abc#x'] });
    expect(result.ok && result.options.signInUrls).to.deep.equal(['https://login.regionexempel.se/siths']);
  });

  const bad: [what: string, change: Partial<ExtensionOptions>, field: string, code: string][] = [
    ['an intranet origin with a path', { intranetOrigins: ['https://intranat.regionexempel.se/videobesok'] }, 'intranetOrigins', 'not-origin'],
    ['a wildcard origin', { intranetOrigins: ['https://*.regionexempel.se'] }, 'intranetOrigins', 'not-origin'],
    ['plain http on the network', { intranetOrigins: ['http://intranat.regionexempel.se'] }, 'intranetOrigins', 'not-https'],
    ['a sign-in page that is no address', { signInUrls: ['login'] }, 'signInUrls', 'not-url'],
    ['a sign-in page with a user name', { signInUrls: ['https://user@login.regionexempel.se/'] }, 'signInUrls', 'not-url'],
    ['an e-mail address without a domain', { supportEmail: 'support' }, 'supportEmail', 'email'],
    ['a phone number with letters', { supportPhone: 'ring oss' }, 'supportPhone', 'phone'],
    ['too many origins', { intranetOrigins: Array.from({ length: 21 }, (_, i) => `https://h${i}.se`) }, 'intranetOrigins', 'too-many'],
  ];
  for (const [what, change, field, code] of bad) {
    it(`refuses ${what}`, () => {
      const result = validateOptions({ ...valid, ...change });
      expect(result.ok).to.be.false;
      if (!result.ok) expect(result.errors.map((e) => [e.field, e.code])).to.deep.include([field, code]);
    });
  }

  it('allows http only on this machine (the demo)', () => {
    expect(validateOptions({ ...valid, intranetOrigins: ['http://127.0.0.1:8080', 'http://localhost:3000'] }).ok).to.be.true;
  });
});

describe('readOptions', () => {
  it('gives the defaults for nothing stored or a damaged entry', () => {
    expect(readOptions(undefined)).to.deep.equal(DEFAULT_OPTIONS);
    expect(readOptions({ intranetOrigins: 'https://x.se' })).to.deep.equal(DEFAULT_OPTIONS);
    expect(readOptions({ intranetOrigins: ['not an origin'] })).to.deep.equal(DEFAULT_OPTIONS);
  });

  it('fills a missing reason’s words from the defaults', () => {
    const read = readOptions({ intranetOrigins: ['https://intranat.regionexempel.se'], riskPatterns: { ehr: ['Cosmic'] } });
    expect(read.riskPatterns.ehr).to.deep.equal(['Cosmic']);
    expect(read.riskPatterns.mail).to.deep.equal(DEFAULT_OPTIONS.riskPatterns.mail);
  });
});

describe('addresses', () => {
  it('asks for the hosts only, one pattern each', () => {
    expect(hostPatterns({ intranetOrigins: ['https://intranat.regionexempel.se', 'http://127.0.0.1:8080'], signInUrls: ['https://intranat.regionexempel.se/login'] }))
      .to.deep.equal(['https://intranat.regionexempel.se/*', 'http://127.0.0.1/*']);
  });

  it('tells an intranet page by its exact origin, port included', () => {
    expect(isIntranetPage('http://127.0.0.1:8080/lobby#1', ['http://127.0.0.1:8080'])).to.be.true;
    expect(isIntranetPage('http://localhost:8080/', ['http://127.0.0.1:8080'])).to.be.false;
    expect(isIntranetPage('http://127.0.0.1:9090/', ['http://127.0.0.1:8080'])).to.be.false;
    expect(isIntranetPage(undefined, ['http://127.0.0.1:8080'])).to.be.false;
  });

  it('tells a sign-in page by origin and path', () => {
    const pages = ['https://login.regionexempel.se/siths'];
    expect(isSignInPage('https://login.regionexempel.se/siths/start?x=1', pages)).to.be.true;
    expect(isSignInPage('https://login.regionexempel.se/other', pages)).to.be.false;
    expect(isSignInPage('https://evil.example/siths', pages)).to.be.false;
  });

  it('reads lines and commas, trimmed, without repeats', () => {
    expect(lines(' a, b\nb\n\n c ')).to.deep.equal(['a', 'b', 'c']);
  });
});
