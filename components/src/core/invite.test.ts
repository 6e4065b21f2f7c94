import { expect } from 'chai';
import { describe, it } from 'node:test';
import type { Clinic } from './config.js';
import { emptyDraft, validateInvite, type InviteDraft, type InviteField } from './invite.js';

// Wednesday 25 November 2026, 12:00 in Sweden.
const NOW = new Date('2026-11-25T11:00:00Z');
const CLINICS: Clinic[] = [
  { id: 'gagnef', name: 'Vårdcentralen Gagnef', openingHours: { 1: ['08:00', '17:00'], 3: ['08:00', '16:30'], 5: ['08:00', '12:00'] } },
];

const good = (over: Partial<InviteDraft> = {}): InviteDraft => ({
  ...emptyDraft(),
  clinic: 'gagnef',
  personnummer: '19121212-1212',
  givenName: 'Tolvan',
  familyName: 'Tolvansson',
  mobile: '070-123 45 67',
  email: '',
  reason: 'Hälsosamtal 50 år',
  date: '2026-11-30',
  time: '14:30',
  ...over,
});

function errorsOf(draft: InviteDraft, now = NOW): Partial<Record<InviteField, string>> {
  const r = validateInvite(draft, now, { clinics: CLINICS });
  return r.ok ? {} : r.errors;
}

describe('validateInvite', () => {
  describe('when every field is right', () => {
    it('returns a normalised invite with the start as a Swedish-time instant', () => {
      const r = validateInvite(good({ givenName: '  Tolvan  ', email: ' tolvan@exempel.se ' }), NOW, { clinics: CLINICS });
      expect(r).to.deep.equal({
        ok: true,
        value: {
          clinicId: 'gagnef',
          participant: {
            personnummer: '19121212-1212',
            givenName: 'Tolvan',
            familyName: 'Tolvansson',
            mobile: '+46701234567',
            email: 'tolvan@exempel.se',
          },
          reason: 'Hälsosamtal 50 år',
          start: new Date('2026-11-30T13:30:00Z'),
          durationMinutes: 45,
          language: 'sv',
        },
      });
    });

    it('uses summer time in summer', () => {
      const r = validateInvite(good({ date: '2027-06-14', time: '09:00' }), NOW, { clinics: CLINICS });
      expect(r.ok && r.value.start.toISOString()).to.equal('2027-06-14T07:00:00.000Z');
    });

    it('takes an interpreter when one is requested', () => {
      const r = validateInvite(
        good({ interpreter: true, interpreterLanguage: 'ar', interpreterMobile: '073-456 78 90', interpreterEmail: 'tolk@tolkformedling.se' }),
        NOW,
        { clinics: CLINICS },
      );
      expect(r.ok && r.value.interpreter).to.deep.equal({ language: 'ar', mobile: '+46734567890', email: 'tolk@tolkformedling.se' });
    });

    it('ignores interpreter fields when no interpreter is requested', () => {
      const r = validateInvite(good({ interpreterMobile: 'nonsense' }), NOW, { clinics: CLINICS });
      expect(r.ok && r.value.interpreter).to.equal(undefined);
    });

    it('accepts names with Swedish and other letters, hyphens and apostrophes', () => {
      for (const name of ['Åsa-Märta', "O'Brien", 'Zoë', 'محمد', 'Nguyễn Văn']) {
        expect(errorsOf(good({ givenName: name }))).to.deep.equal({});
      }
    });
  });

  describe('when fields are wrong', () => {
    const cases: [string, Partial<InviteDraft>, InviteField, RegExp][] = [
      ['no clinic', { clinic: '' }, 'clinic', /Välj mottagning/],
      ['an unknown clinic', { clinic: 'nowhere' }, 'clinic', /finns inte/],
      ['no personnummer', { personnummer: '' }, 'personnummer', /Ange personnummer/],
      ['a wrong check digit', { personnummer: '19121212-1213' }, 'personnummer', /Kontrollsiffran/],
      ['no first name', { givenName: ' ' }, 'givenName', /förnamn/],
      ['no last name', { familyName: '' }, 'familyName', /efternamn/],
      ['digits in a name', { familyName: 'Tolvansson2' }, 'familyName', /bokstäver/],
      ['markup in a name', { givenName: '<img src=x>' }, 'givenName', /bokstäver/],
      ['a very long name', { givenName: 'A'.repeat(101) }, 'givenName', /högst 100/],
      ['no mobile', { mobile: '' }, 'mobile', /Ange mobilnummer/],
      ['a landline', { mobile: '08-123 456 78' }, 'mobile', /fast telefon/],
      ['a bad e-mail', { email: 'tolvan@' }, 'email', /E-postadressen/],
      ['no reason', { reason: '   ' }, 'reason', /ärende/],
      ['a very long reason', { reason: 'x'.repeat(201) }, 'reason', /högst 200/],
      ['no date', { date: '' }, 'date', /Ange datum/],
      ['an unreadable date', { date: '30/11/2026' }, 'date', /ÅÅÅÅ-MM-DD/],
      ['an impossible date', { date: '2026-02-30' }, 'date', /ÅÅÅÅ-MM-DD/],
      ['yesterday', { date: '2026-11-24' }, 'date', /passerat/],
      ['a closed day (Tuesday)', { date: '2026-12-01' }, 'date', /stängt/],
      ['a Sunday', { date: '2026-11-29' }, 'date', /stängt/],
      ['no time', { time: '' }, 'time', /Ange tid/],
      ['an unreadable time', { time: '25:00' }, 'time', /TT:MM/],
      ['earlier today', { date: '2026-11-25', time: '11:30' }, 'time', /passerat/],
      ['before opening', { time: '07:45' }, 'time', /08:00–17:00/],
      ['ending after closing', { time: '16:30' }, 'time', /08:00–17:00/],
      ['a short Friday', { date: '2026-11-27', time: '11:30' }, 'time', /08:00–12:00/],
      ['a zero duration', { duration: 0 }, 'duration', /mellan 15 och 120/],
      ['a fractional duration', { duration: '30.5' }, 'duration', /mellan 15 och 120/],
      ['a too long duration', { duration: 180 }, 'duration', /mellan 15 och 120/],
      ['an unknown invitation language', { language: 'xx' }, 'language', /språk/],
      ['an interpreter with no language', { interpreter: true, interpreterMobile: '0701234567', interpreterEmail: 'a@b.se' }, 'interpreterLanguage', /tolkspråk/],
      ['an interpreter with a landline', { interpreter: true, interpreterLanguage: 'so', interpreterMobile: '023-49 91 15', interpreterEmail: 'a@b.se' }, 'interpreterMobile', /fast telefon/],
      ['an interpreter with no e-mail', { interpreter: true, interpreterLanguage: 'so', interpreterMobile: '0701234567' }, 'interpreterEmail', /Ange e-postadress/],
      ['an interpreter with a bad e-mail', { interpreter: true, interpreterLanguage: 'so', interpreterMobile: '0701234567', interpreterEmail: 'tolk.se' }, 'interpreterEmail', /ser inte giltig ut/],
    ];
    for (const [what, over, field, message] of cases) {
      it(`flags ${what} on "${field}" only`, () => {
        const errors = errorsOf(good(over));
        expect(Object.keys(errors)).to.deep.equal([field]);
        expect(errors[field]).to.match(message);
      });
    }

    it('reports every wrong field at once', () => {
      const errors = errorsOf({ ...emptyDraft(), interpreter: true });
      expect(Object.keys(errors).sort()).to.deep.equal(
        ['clinic', 'date', 'familyName', 'givenName', 'interpreterEmail', 'interpreterLanguage', 'interpreterMobile', 'mobile', 'personnummer', 'reason', 'time'],
      );
    });

    it('lets a visit run past midnight only where the clinic is open on both sides of it', () => {
      const allDay = ['00:00', '24:00'] as const;
      const clinics: Clinic[] = [
        { id: 'jour', name: 'Jouren', openingHours: { 1: allDay, 2: allDay, 3: allDay, 4: allDay, 5: allDay, 6: allDay, 7: allDay } },
        { id: 'kvall', name: 'Kvällsmottagningen', openingHours: { 3: ['18:00', '24:00'], 4: ['08:00', '17:00'] } },
      ];
      const check = (clinic: string, time: string): unknown => {
        const r = validateInvite(good({ clinic, date: '2026-11-25', time }), NOW, { clinics });
        return r.ok ? r.value.start.toISOString() : r.errors;
      };
      expect(check('jour', '23:30')).to.equal('2026-11-25T22:30:00.000Z'); // ends 00:15 on Thursday
      expect(check('kvall', '23:00')).to.equal('2026-11-25T22:00:00.000Z'); // ends 23:45
      expect(check('kvall', '23:30')).to.deep.equal({ time: 'Besöket måste ligga inom mottagningens öppettider, 18:00–24:00.' });
    });

    it('uses weekday 08–17 hours for a clinic with no hours configured', () => {
      const r = validateInvite(good({ clinic: 'any', time: '17:30' }), NOW);
      expect(r.ok ? {} : r.errors).to.deep.equal({ time: 'Besöket måste ligga inom mottagningens öppettider, 08:00–17:00.' });
    });
  });
});
