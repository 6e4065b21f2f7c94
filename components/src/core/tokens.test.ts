import { expect } from 'chai';
import { describe, it } from 'node:test';
import { newSmsCode, newToken, roomPeerId, TOKEN_PATTERN } from './tokens.js';

describe('tokens', () => {
  it('newToken gives 22 URL-safe characters (128 bits), different every time', () => {
    const tokens = new Set(Array.from({ length: 1000 }, newToken));
    expect(tokens.size).to.equal(1000);
    for (const token of tokens) expect(token).to.match(TOKEN_PATTERN);
  });

  it('roomPeerId is stable for a token, differs between tokens and never contains the token', async () => {
    const token = newToken();
    const id = await roomPeerId(token);
    expect(await roomPeerId(token)).to.equal(id);
    expect(await roomPeerId(newToken())).not.to.equal(id);
    expect(id).not.to.contain(token);
    // PeerJS accepts ids of letters and digits joined by single '-', '_' or spaces.
    expect(id).to.match(/^dh-[0-9a-f]{32}$/);
  });

  it('roomPeerId is the SHA-256 of the token in its own context', async () => {
    // Recomputed from the definition, so a change of derivation (which would strand booked visits) is noticed.
    const digest = await crypto.subtle.digest(
      'SHA-256',
      new TextEncoder().encode('digitala-halsosamtal/room/v1:AAAAAAAAAAAAAAAAAAAAAA'),
    );
    const hex = Array.from(new Uint8Array(digest).slice(0, 16), (b) => b.toString(16).padStart(2, '0')).join('');
    expect(await roomPeerId('AAAAAAAAAAAAAAAAAAAAAA')).to.equal(`dh-${hex}`);
  });

  it('newSmsCode gives six digits, leading zeros kept, spread over all digits', () => {
    const codes = Array.from({ length: 2000 }, newSmsCode);
    for (const code of codes) expect(code).to.match(/^\d{6}$/);
    const firstDigits = new Set(codes.map((c) => c[0]));
    expect(firstDigits.size).to.equal(10);
  });
});
