import { expect } from 'chai';
import { describe, it } from 'node:test';
import { ehrNote } from './ehr-note.js';
import { booking, clinic } from '../testing/booking-fixture.js';

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

