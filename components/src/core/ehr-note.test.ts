import { expect } from 'chai';
import { describe, it } from 'node:test';
import { ehrNote } from './ehr-note.js';
import { bookingIcs } from './ics.js';

const booking = {
  id: '6f1c2b9e-0000-4000-8000-000000000001',
  version: 3,
  start: '2026-12-01T13:30:00.000Z',
  durationMinutes: 45,
  reason: 'Hälsosamtal 50 år; uppföljning, blodtryck\\kolesterol',
  status: 'booked' as const,
  participant: { personnummer: '19121212-1212', givenName: 'Tolvan', familyName: 'Tolvansson', mobile: '+46701234567' },
};
const clinic = { name: 'Vårdcentralen Gagnef' };

describe('ehrNote', () => {
  it('gives the EHR text for a booking: visit type, date, times, clinic, reason, payment', () => {
    expect(ehrNote(booking, clinic)).to.equal(
      [
        'Distanskontakt via videolänk',
        'Datum: 2026-12-01',
        'Tid: 14:30–15:15 (45 min)',
        'Mottagning: Vårdcentralen Gagnef',
        'Ärende: Hälsosamtal 50 år; uppföljning, blodtryck\\kolesterol',
        'Tolk: nej',
        'Betalning: faktura',
      ].join('\n'),
    );
  });

  it('names the interpreter language and uses the actual call times when given', () => {
    const note = ehrNote(
      { ...booking, interpreter: { language: 'ti', mobile: '+46701234568', email: 't@t.se', token: 'x', code: '1' } },
      clinic,
      { start: new Date('2026-12-01T13:34:00Z'), end: new Date('2026-12-01T14:20:00Z') },
    );
    expect(note).to.contain('Tid: 14:34–15:20 (46 min)');
    expect(note).to.contain('Tolk: ja, tigrinja (via videolänk)');
  });

  it('says the star profile was shown, without personal data, when it was', () => {
    expect(ehrNote(booking, clinic)).not.to.contain('Stjärnprofil');
    expect(ehrNote({ ...booking, starProfileShown: true }, clinic).split('\n')).to.include('Stjärnprofil visad (utan personuppgifter)');
  });

  it('says how the identity was settled: verified by BankID or Freja, or let in unverified after confirmation', () => {
    expect(ehrNote({ ...booking, identity: { verified: 'bankid' } }, clinic).split('\n')).to.include('Identitet: verifierad med BankID');
    expect(ehrNote({ ...booking, identity: { verified: 'freja' } }, clinic).split('\n')).to.include('Identitet: verifierad med Freja eID');
    expect(ehrNote({ ...booking, identity: { override: true } }, clinic)).to.contain('inte verifierad med e-legitimation; patienten släpptes in efter sjuksköterskans bekräftelse');
    expect(ehrNote(booking, clinic)).not.to.contain('Identitet');
  });

  it('never contains the personnummer', () => {
    expect(ehrNote(booking, clinic)).not.to.contain('1212');
  });
});

describe('bookingIcs', () => {
  const NOW = new Date('2026-11-25T12:00:00Z');
  const ics = bookingIcs(booking, clinic, NOW);
  const unfolded = ics.replace(/\r\n[ \t]/g, '');

  it('is an RFC 5545 calendar with CRLF lines of at most 75 octets', () => {
    expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).to.equal(true);
    expect(ics.trimEnd().endsWith('END:VCALENDAR')).to.equal(true);
    for (const line of ics.split('\r\n')) expect(new TextEncoder().encode(line).length).to.be.at.most(75);
    expect(ics.replace(/\r\n/g, '')).not.to.contain('\n');
  });

  it('gives the start and end in Swedish time with the Europe/Stockholm VTIMEZONE', () => {
    expect(unfolded).to.contain('BEGIN:VTIMEZONE\r\nTZID:Europe/Stockholm');
    expect(unfolded).to.contain('DTSTART;TZID=Europe/Stockholm:20261201T143000');
    expect(unfolded).to.contain('DTEND;TZID=Europe/Stockholm:20261201T151500');
    expect(unfolded).to.contain('DTSTAMP:20261125T120000Z');
  });

  it('uses summer time in summer', () => {
    const summer = bookingIcs({ ...booking, start: '2027-06-14T07:00:00.000Z' }, clinic, NOW);
    expect(summer).to.contain('DTSTART;TZID=Europe/Stockholm:20270614T090000');
  });

  it('escapes commas, semicolons, backslashes and newlines', () => {
    expect(unfolded).to.contain('DESCRIPTION:Ärende: Hälsosamtal 50 år\\; uppföljning\\, blodtryck\\\\kolesterol\\nMottagning: Vårdcentralen Gagnef');
  });

  it('has a stable UID and the version as SEQUENCE, so an update replaces the event', () => {
    expect(unfolded).to.contain(`UID:${booking.id}@digitala-halsosamtal`);
    expect(unfolded).to.contain('SEQUENCE:3');
  });

  it('marks a cancelled booking as cancelled and leaves out the personnummer', () => {
    expect(bookingIcs({ ...booking, status: 'cancelled' }, clinic, NOW)).to.contain('STATUS:CANCELLED');
    expect(unfolded).not.to.contain('19121212');
  });
});
