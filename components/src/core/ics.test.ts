import { expect } from 'chai';
import { describe, it } from 'node:test';
import { bookingIcs } from './ics.js';
import { booking, clinic } from '../testing/booking-fixture.js';

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
