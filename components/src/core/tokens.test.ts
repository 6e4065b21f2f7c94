import { expect } from 'chai';
import { describe, it } from 'node:test';
import { guestPeerId, meetingPlace, newSmsCode, newToken, newTokenMeetingWith, roomPeerId, TOKEN_PATTERN } from './tokens.js';

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

  // Fixed vectors (computed with sha256sum outside the project): a change of derivation would strand
  // every booked visit's room, so it must fail here, not pass by recomputing the same formula.
  const vectors: [string, string][] = [
    ['AAAAAAAAAAAAAAAAAAAAAA', 'dh-483413903b2b8065515447cedbd11d77'],
    ['abcdefghijklmnopqrstuv', 'dh-50904d316f53c1cdd9a531d259195721'],
    ['0123456789-_ABCDEFGHIJ', 'dh-ad1ce989c80113f7e9bbe18983ec60a9'],
  ];
  for (const [token, room] of vectors) {
    it(`roomPeerId(${token}) is ${room}`, async () => {
      expect(await roomPeerId(token)).to.equal(room);
    });
  }

  it('newSmsCode gives six digits, leading zeros kept, spread over all digits', () => {
    const codes = Array.from({ length: 2000 }, newSmsCode);
    for (const code of codes) expect(code).to.match(/^\d{6}$/);
    const firstDigits = new Set(codes.map((c) => c[0]));
    expect(firstDigits.size).to.equal(10);
  });
});

describe('meeting places (several signalling servers)', () => {
  it('gives the interpreter a token whose room meets the patient’s, and a fresh one each time', async () => {
    for (let i = 0; i < 10; i++) {
      const patient = newToken();
      const interpreter = await newTokenMeetingWith(patient);
      expect(interpreter).to.match(TOKEN_PATTERN).and.not.equal(patient);
      expect(meetingPlace(await roomPeerId(interpreter))).to.equal(meetingPlace(await roomPeerId(patient)));
    }
  });

  it('spreads rooms over the 256 places', async () => {
    const places = new Set<string>();
    for (let i = 0; i < 2000; i++) places.add(meetingPlace(await roomPeerId(newToken())));
    expect(places.size).to.be.greaterThan(240);
    for (const p of places) expect(p).to.match(/^dh-[0-9a-f]{2}$/);
  });

  it('names a guest under its room, as the proxy reads it, unique and within PeerJS’s rules', async () => {
    const room = await roomPeerId('AAAAAAAAAAAAAAAAAAAAAA');
    const ids = new Set(Array.from({ length: 1000 }, () => guestPeerId(room)));
    expect(ids.size).to.equal(1000);
    for (const id of ids) {
      expect(id).to.match(/^dh-483413903b2b8065515447cedbd11d77-[0-9a-f]{16}$/);
      expect(meetingPlace(id)).to.equal('dh-48');
      expect(id.length).to.be.at.most(64); // the demo server's limit for a peer id
    }
  });
});
