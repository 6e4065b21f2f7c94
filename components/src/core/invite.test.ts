import { expect } from 'chai';
import { describe, it } from 'node:test';
import type { Clinic } from './config.js';
import { domainTexts } from './i18n/domain.js';
import { registerSection, t, type Params } from './i18n.js';
import {
  INVITE_ERROR_KEYS, emptyDraft, inviteErrorKey, inviteErrorText, validateInvite, type InviteDraft, type InviteErrorCodes, type InviteErrors, type InviteField,
} from './invite.js';

// Wednesday 25 November 2026, 12:00 in Sweden.
const NOW = new Date('2026-11-25T11:00:00Z');
const CLINICS: Clinic[] = [
  {
    id: 'gagnef', name: 'Vårdcentralen Gagnef', openingHours: { 1: ['08:00', '17:00'], 3: ['08:00', '16:30'], 5: ['08:00', '12:00'] },
    holidays: { eves: { valborgsmassoafton: ['08:00', '12:00'] } },
  },
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

function errorsOf(draft: InviteDraft, now = NOW): InviteErrors {
  const r = validateInvite(draft, now, { clinics: CLINICS });
  return r.ok ? {} : r.errors;
}

// The nurse's elements register the domain's texts; here the test does.
registerSection(domainTexts);
const { sv, en } = domainTexts as { sv: Record<string, string>; en: Record<string, string> };

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

    it('reads a time typed the old ways: 0930, 9.30, 9:30', () => {
      for (const time of ['0930', '9.30', '9:30', '09:30']) {
        const r = validateInvite(good({ time }), NOW, { clinics: CLINICS });
        expect(r.ok && r.value.start.toISOString(), time).to.equal('2026-11-30T08:30:00.000Z');
      }
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
    const cases: [string, Partial<InviteDraft>, InviteField, code: string, params: Params | undefined, swedish: RegExp][] = [
      ['no clinic', { clinic: '' }, 'clinic', 'required', undefined, /Välj mottagning/],
      ['an unknown clinic', { clinic: 'nowhere' }, 'clinic', 'unknown', undefined, /finns inte/],
      ['no personnummer', { personnummer: '' }, 'personnummer', 'empty', undefined, /Ange personnummer/],
      ['a wrong check digit', { personnummer: '19121212-1213' }, 'personnummer', 'checksum', undefined, /Kontrollsiffran/],
      ['no first name', { givenName: ' ' }, 'givenName', 'required', undefined, /förnamn/],
      ['no last name', { familyName: '' }, 'familyName', 'required', undefined, /efternamn/],
      ['digits in a name', { familyName: 'Tolvansson2' }, 'familyName', 'invalid', undefined, /bokstäver/],
      ['markup in a name', { givenName: '<img src=x>' }, 'givenName', 'invalid', undefined, /bokstäver/],
      ['a very long name', { givenName: 'A'.repeat(101) }, 'givenName', 'long', { max: 100 }, /högst 100/],
      ['no mobile', { mobile: '' }, 'mobile', 'empty', undefined, /Ange mobilnummer/],
      ['a landline', { mobile: '08-123 456 78' }, 'mobile', 'landline', undefined, /fast telefon/],
      ['a bad e-mail', { email: 'tolvan@' }, 'email', 'invalid', undefined, /E-postadressen/],
      ['no reason', { reason: '   ' }, 'reason', 'required', undefined, /ärende/],
      ['a very long reason', { reason: 'x'.repeat(201) }, 'reason', 'long', { max: 200 }, /högst 200/],
      ['no date', { date: '' }, 'date', 'required', undefined, /Ange datum/],
      ['an unreadable date', { date: '30/11/2026' }, 'date', 'invalid', undefined, /ÅÅÅÅ-MM-DD/],
      ['an impossible date', { date: '2026-02-30' }, 'date', 'invalid', undefined, /ÅÅÅÅ-MM-DD/],
      ['yesterday', { date: '2026-11-24' }, 'date', 'past', undefined, /passerat/],
      ['a closed day (Tuesday)', { date: '2026-12-01' }, 'date', 'closed', undefined, /stängt/],
      ['a Sunday', { date: '2026-11-29' }, 'date', 'closed', undefined, /stängt/],
      ['Christmas Day', { date: '2026-12-25' }, 'date', 'holiday', { holiday: 'juldagen' }, /Mottagningen har stängt på juldagen\./],
      ['Epiphany', { date: '2027-01-06' }, 'date', 'holiday', { holiday: 'trettondedag-jul' }, /stängt på trettondedag jul\./],
      ['Christmas Eve, closed by default', { date: '2029-12-24' }, 'date', 'holiday', { holiday: 'julafton' }, /stängt på julafton/],
      ['the afternoon of a configured half day', { date: '2029-04-30', time: '11:30' }, 'time', 'holiday-hours',
        { open: '08:00', close: '12:00', holiday: 'valborgsmassoafton' }, /På valborgsmässoafton har mottagningen öppet 08:00–12:00/],
      ['no time', { time: '' }, 'time', 'required', undefined, /Ange tid/],
      ['an unreadable time', { time: '25:00' }, 'time', 'invalid', undefined, /TT:MM/],
      ['earlier today', { date: '2026-11-25', time: '11:30' }, 'time', 'past', undefined, /passerat/],
      ['before opening', { time: '07:45' }, 'time', 'hours', { open: '08:00', close: '17:00' }, /08:00–17:00/],
      ['ending after closing', { time: '16:30' }, 'time', 'hours', { open: '08:00', close: '17:00' }, /08:00–17:00/],
      ['a short Friday', { date: '2026-11-27', time: '11:30' }, 'time', 'hours', { open: '08:00', close: '12:00' }, /08:00–12:00/],
      ['a zero duration', { duration: 0 }, 'duration', 'invalid', { min: 15, max: 120 }, /mellan 15 och 120/],
      ['a fractional duration', { duration: '30.5' }, 'duration', 'invalid', { min: 15, max: 120 }, /mellan 15 och 120/],
      ['a too long duration', { duration: 180 }, 'duration', 'invalid', { min: 15, max: 120 }, /mellan 15 och 120/],
      ['an unknown invitation language', { language: 'xx' }, 'language', 'invalid', undefined, /språk/],
      ['an interpreter with no language', { interpreter: true, interpreterMobile: '0701234567', interpreterEmail: 'a@b.se' }, 'interpreterLanguage', 'required', undefined, /tolkspråk/],
      ['an interpreter with a landline', { interpreter: true, interpreterLanguage: 'so', interpreterMobile: '023-49 91 15', interpreterEmail: 'a@b.se' }, 'interpreterMobile', 'landline', undefined, /fast telefon/],
      ['an interpreter with no e-mail', { interpreter: true, interpreterLanguage: 'so', interpreterMobile: '0701234567' }, 'interpreterEmail', 'required', undefined, /Ange e-postadress/],
      ['an interpreter with a bad e-mail', { interpreter: true, interpreterLanguage: 'so', interpreterMobile: '0701234567', interpreterEmail: 'tolk.se' }, 'interpreterEmail', 'invalid', undefined, /ser inte giltig ut/],
    ];
    for (const [what, over, field, code, params, swedish] of cases) {
      it(`flags ${what} on "${field}" only, as "${code}"${params ? ` with ${JSON.stringify(params)}` : ''}`, () => {
        const errors = errorsOf(good(over));
        expect(errors).to.deep.equal({ [field]: params ? { code, params } : { code } });
        const error = errors[field];
        if (!error) return;
        // The Swedish page's text says why; the English page's is another text from the same code.
        const swedishText = inviteErrorText(field, error, (key, p) => t(key, p, 'sv'));
        expect(swedishText).to.match(swedish);
        expect(inviteErrorText(field, error, (key, p) => t(key, p, 'en'))).to.not.equal(swedishText).and.not.match(/\{\w+\}|holiday\./);
      });
    }

    it('reports every wrong field at once, as codes and nothing worded', () => {
      expect(errorsOf({ ...emptyDraft(), interpreter: true })).to.deep.equal({
        clinic: { code: 'required' },
        personnummer: { code: 'empty' },
        givenName: { code: 'required' },
        familyName: { code: 'required' },
        mobile: { code: 'empty' },
        reason: { code: 'required' },
        date: { code: 'required' },
        time: { code: 'required' },
        interpreterLanguage: { code: 'required' },
        interpreterMobile: { code: 'empty' },
        interpreterEmail: { code: 'required' },
      });
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
      expect(check('kvall', '23:30')).to.deep.equal({ time: { code: 'hours', params: { open: '18:00', close: '24:00' } } });
    });

    it('lets a clinic open on holidays book them, and no visit run into a day it is closed', () => {
      const allDay = ['00:00', '24:00'] as const;
      const openingHours = { 1: allDay, 2: allDay, 3: allDay, 4: allDay, 5: allDay, 6: allDay, 7: allDay };
      const clinics: Clinic[] = [
        { id: 'jour', name: 'Jouren', openingHours, holidays: { public: 'open', eves: { julafton: 'open', nyarsafton: 'open' } } },
        // Open on julafton, closed on juldagen.
        { id: 'jul', name: 'Julmottagningen', openingHours, holidays: { eves: { julafton: 'open' } } },
      ];
      const check = (clinic: string, date: string, time: string): unknown => {
        const r = validateInvite(good({ clinic, date, time }), NOW, { clinics });
        return r.ok ? r.value.start.toISOString() : r.errors;
      };
      expect(check('jour', '2026-12-25', '10:00')).to.equal('2026-12-25T09:00:00.000Z');
      expect(check('jour', '2026-12-24', '23:30')).to.equal('2026-12-24T22:30:00.000Z');
      expect(check('jul', '2026-12-24', '22:00')).to.equal('2026-12-24T21:00:00.000Z');
      expect(check('jul', '2026-12-24', '23:30')).to.deep.equal({ time: { code: 'holiday-hours', params: { open: '00:00', close: '24:00', holiday: 'julafton' } } });
      expect(check('jul', '2026-12-25', '10:00')).to.deep.equal({ date: { code: 'holiday', params: { holiday: 'juldagen' } } });
    });

    it('uses weekday 08–17 hours for a clinic with no hours configured', () => {
      const r = validateInvite(good({ clinic: 'any', time: '17:30' }), NOW);
      expect(r.ok ? {} : r.errors).to.deep.equal({ time: { code: 'hours', params: { open: '08:00', close: '17:00' } } });
    });
  });

  describe('the texts of its codes', () => {
    it('names a Swedish and an English text for every code of every field, whose placeholders the parameters fill', () => {
      const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();
      const expected: Partial<Record<string, string[]>> = {
        'invite.name.long': ['max'], 'invite.reason.long': ['max'], 'invite.time.hours': ['close', 'open'], 'invite.duration.invalid': ['max', 'min'],
        'invite.date.holiday': ['holiday'], 'invite.time.holiday-hours': ['close', 'holiday', 'open'],
      };
      let count = 0;
      for (const [field, keys] of Object.entries(INVITE_ERROR_KEYS) as [InviteField, Record<string, string>][]) {
        for (const [code, key] of Object.entries(keys)) {
          count++;
          expect(sv[key], `${field} ${code}`).to.be.a('string');
          expect(en[key], `${field} ${code}`).to.be.a('string').and.not.equal(sv[key]);
          expect(placeholders(sv[key] ?? ''), key).to.deep.equal(expected[key] ?? []);
        }
      }
      expect(count).to.equal(43);
    });

    it('maps a code to its key per field: the same code can mean another text on another field', () => {
      const key = <F extends InviteField>(field: F, code: InviteErrorCodes[F]): string => inviteErrorKey(field, { code });
      expect(key('date', 'invalid')).to.equal('invite.date.invalid');
      expect(key('mobile', 'invalid')).to.equal('mobile.invalid');
      expect(key('givenName', 'invalid')).to.equal('invite.name.invalid');
      expect(key('personnummer', 'date')).to.equal('pnr.date');
    });
  });
});
