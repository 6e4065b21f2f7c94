import { expect } from 'chai';
import { describe, it } from 'node:test';
import { LOCALES, PATIENT_LOCALES } from './i18n.js';
import {
  cancelSms, interpreterCodeSms, interpreterInviteSms, inviteSms, measureSms, updateSms, type SmsText,
} from './sms.js';

const clinic = { name: 'Vårdcentralen Gagnef', phone: '0241-123 45' };
const start = new Date('2026-12-01T13:30:00Z'); // Tuesday 14:30 in Sweden
const link = 'https://patient.example.se/besok#t=Xb3kP0qLm9Zr2VtY7wE1aA';
const base = { clinic, start, durationMinutes: 45 } as const;

describe('SMS texts', () => {
  describe('in Swedish', () => {
    it('invitation names clinic, Swedish date, time span and link, in GSM-7', () => {
      const sms = inviteSms({ ...base, locale: 'sv', link });
      expect(sms.text).to.contain('Vårdcentralen Gagnef');
      expect(sms.text).to.contain('tisdag 1 december 2026 kl. 14:30-15:15');
      expect(sms.text).to.contain(link);
      expect(sms.text).to.match(/BankID eller Freja eID/);
      expect(sms.encoding).to.equal('GSM-7');
      expect(sms.segments).to.equal(2);
    });
    it('update gives the new time and the same link', () => {
      const sms = updateSms({ ...base, start: new Date('2026-12-07T08:00:00Z'), locale: 'sv', link });
      expect(sms.text).to.contain('ändrat till måndag 7 december 2026 kl. 09:00-09:45');
      expect(sms.text).to.contain(link);
    });
    it('cancellation has no link and gives the clinic phone when known', () => {
      const sms = cancelSms({ ...base, locale: 'sv' });
      expect(sms.text).to.equal('Ditt videobesök hos Vårdcentralen Gagnef tisdag 1 december 2026 kl. 14:30 är avbokat. Frågor? Ring 0241-123 45.');
      expect(cancelSms({ ...base, clinic: { name: 'VC' }, locale: 'sv' }).text).not.to.contain('Ring');
    });
    it('interpreter invitation names the language and says the code comes separately', () => {
      const sms = interpreterInviteSms({ ...base, locale: 'sv', link, language: 'ar' });
      expect(sms.text).to.contain('tolk (arabiska)');
      expect(sms.text).to.contain('eget sms');
      expect(sms.text).to.contain(link);
    });
    it('interpreter code carries the code and no link', () => {
      const sms = interpreterCodeSms({ ...base, locale: 'sv', code: '042917' });
      expect(sms.text).to.contain('042917');
      expect(sms.text).not.to.match(/https?:/);
    });
  });

  describe('in English', () => {
    it('uses English dates', () => {
      const sms = inviteSms({ ...base, locale: 'en', link });
      expect(sms.text).to.contain('on Tuesday 1 December 2026 at 14:30-15:15');
      expect(sms.encoding).to.equal('GSM-7');
    });
    it('names the interpreter language in English', () => {
      expect(interpreterInviteSms({ ...base, locale: 'en', link, language: 'swl' }).text).to.contain('(Swedish Sign Language)');
    });
  });

  describe('in the other invitation languages', () => {
    const when: [string, string][] = [
      ['ar', 'الثلاثاء، 1 ديسمبر 2026 14:30-15:15'],
      ['fa', 'سه‌شنبه ۱ دسامبر ۲۰۲۶، ۱۴:۳۰-۱۵:۱۵'], // Gregorian, as the booking is: not the Solar Hijri 1405
      ['fi', 'tiistaina 1. joulukuuta 2026 klo 14.30-15.15'],
      ['so', 'Talaado, Diseembar 1, 2026 saacadda 14:30-15:15'],
      ['ti', 'ሰሉስ፣ 1 ታሕሳስ 2026 ሰዓት 14:30-15:15'],
    ];
    for (const [locale, text] of when) {
      it(`writes the date and time as ${locale} does`, () => {
        const sms = inviteSms({ ...base, locale: locale as (typeof PATIENT_LOCALES)[number], link });
        expect(sms.text).to.contain(text);
        expect(sms.text).to.contain(link);
        expect(sms.text).to.contain('Vårdcentralen Gagnef');
      });
    }
    it('keeps Finnish and Somali in the GSM alphabet; Arabic, Persian and Tigrinya are UCS-2', () => {
      for (const locale of PATIENT_LOCALES) {
        const encodings = [inviteSms({ ...base, locale, link }), updateSms({ ...base, locale, link }), cancelSms({ ...base, locale })].map((m) => m.encoding);
        expect(encodings, locale).to.deep.equal(Array(3).fill(['ar', 'fa', 'ti'].includes(locale) ? 'UCS-2' : 'GSM-7'));
      }
    });
  });

  describe('length: at most three parts in every language', () => {
    // A long clinic name and the longest link a region would have: the longest region domain
    // (regionostergotland.se), a subdomain and a path, and the 22-character token.
    const longClinic = { name: 'Akademiska primärvården Gottsunda vårdcentral', phone: '018-611 00 00' };
    const longLink = `https://halsosamtal.regionostergotland.se/besok#Xb3kP0qLm9Zr2VtY7wE1aA`;
    // Every day of a year, so the longest weekday and month names of each language are in.
    const days = Array.from({ length: 365 }, (_, i) => new Date(Date.UTC(2026, 0, 1 + i, 13, 30)));
    it('holds the limits this test assumes', () => {
      expect(longClinic.name.length).to.equal(45);
      expect(longLink.length).to.equal(70);
    });
    for (const locale of PATIENT_LOCALES) {
      it(`${locale}: invitation, update and cancellation (with and without a phone number)`, () => {
        let longest: SmsText = measureSms('');
        for (const start of days) {
          const input = { clinic: longClinic, start, durationMinutes: 120, locale };
          for (const sms of [
            inviteSms({ ...input, link: longLink }), updateSms({ ...input, link: longLink }), cancelSms(input),
            cancelSms({ ...input, clinic: { name: longClinic.name } }),
          ]) {
            if (sms.segments > longest.segments) longest = sms;
          }
        }
        expect(longest.segments, longest.text).to.be.at.most(3);
      });
    }
    for (const locale of LOCALES) {
      it(`${locale}: the interpreter's invitation and code`, () => {
        for (const start of days) {
          const input = { clinic: longClinic, start, durationMinutes: 120, locale };
          for (const language of ['swl', 'kmr', 'ckb', 'ti']) {
            expect(interpreterInviteSms({ ...input, link: longLink, language }).segments).to.be.at.most(3);
          }
          expect(interpreterCodeSms({ ...input, code: '123456' }).segments).to.be.at.most(3);
        }
      });
    }
  });

  describe('privacy', () => {
    // Nothing about the person can reach a text: the templates take no such input, and this
    // checks that the finished texts of every kind and language hold none of it either.
    const person = ['19121212-1212', '121212-1212', 'Tolvansson', 'Hälsosamtal', 'diabetes'];
    for (const locale of PATIENT_LOCALES) {
      const texts: SmsText[] = [
        inviteSms({ ...base, locale, link }),
        updateSms({ ...base, locale, link }),
        cancelSms({ ...base, locale }),
        ...(locale === 'sv' || locale === 'en' ? [
          interpreterInviteSms({ ...base, locale, link, language: 'so' }),
          interpreterCodeSms({ ...base, locale, code: '123456' }),
        ] : []),
      ];
      it(`no ${locale} text contains a personnummer, surname or health word`, () => {
        for (const { text } of texts) {
          for (const word of person) expect(text.toLowerCase()).not.to.contain(word.toLowerCase());
          expect(text).not.to.match(/\d{6}[-+]?\d{4}/);
          expect(text).not.to.match(/\{\w+\}/);
        }
      });
    }
  });
});

describe('measureSms', () => {
  const cases: [string, string, 'GSM-7' | 'UCS-2', number][] = [
    ['empty', '', 'GSM-7', 0],
    ['Swedish letters are GSM-7', 'Hej Åsa, välkommen till vårdcentralen i Göteborg. Ärende?', 'GSM-7', 1],
    ['160 GSM characters fit one part', 'a'.repeat(160), 'GSM-7', 1],
    ['161 take two', 'a'.repeat(161), 'GSM-7', 2],
    ['306 fit two parts of 153', 'a'.repeat(306), 'GSM-7', 2],
    ['307 take three', 'a'.repeat(307), 'GSM-7', 3],
    ['€ counts twice', '€'.repeat(80), 'GSM-7', 1],
    ['81 € no longer fit', '€'.repeat(81), 'GSM-7', 2],
    ['an escape pair is never split across parts', 'a'.repeat(152) + '€' + 'a'.repeat(152), 'GSM-7', 3],
    ['an en dash forces UCS-2', 'kl. 14:30–15:15', 'UCS-2', 1],
    ['70 UCS-2 units fit one part', 'ł'.repeat(70), 'UCS-2', 1],
    ['71 take two', 'ł'.repeat(71), 'UCS-2', 2],
    ['134 fit two parts of 67', 'ł'.repeat(134), 'UCS-2', 2],
    ['an emoji takes two units', '😀'.repeat(35), 'UCS-2', 1],
    ['Arabic is UCS-2', 'مرحبا', 'UCS-2', 1],
  ];
  for (const [what, text, encoding, segments] of cases) {
    it(what, () => {
      expect(measureSms(text)).to.deep.equal({ text, encoding, segments });
    });
  }
});
