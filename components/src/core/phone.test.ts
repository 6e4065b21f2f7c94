import { expect } from 'chai';
import { describe, it } from 'node:test';
import { t } from './i18n.js';
import { parseMobile, type MobileErrorCode } from './phone.js';
import { domainTexts } from './i18n/domain.js';
import { registerSection } from './i18n.js';

// The nurse's elements register the texts of the core's codes; here the test does.
registerSection(domainTexts);

describe('parseMobile', () => {
  describe('when the number is a Swedish mobile', () => {
    const cases: [string, string][] = [
      ['070-123 45 67', '+46701234567'],
      ['0701234567', '+46701234567'],
      ['+46 70 123 45 67', '+46701234567'],
      ['+46701234567', '+46701234567'],
      ['0046701234567', '+46701234567'],
      ['0046 70-123 45 67', '+46701234567'],
      ['+46 (0)70 123 45 67', '+46701234567'],
      ['072-345 67 89', '+46723456789'],
      ['073 456 78 90', '+46734567890'],
      ['076-123 45 67', '+46761234567'],
      ['079-123 45 67', '+46791234567'],
      [' 070.123.45.67 ', '+46701234567'],
    ];
    for (const [input, e164] of cases) {
      it(`normalises ${JSON.stringify(input)} to ${e164}`, () => {
        expect(parseMobile(input)).to.deep.equal({ ok: true, value: e164 });
      });
    }
  });

  describe('when the number cannot receive the invitation', () => {
    const cases: [string, MobileErrorCode, RegExp][] = [
      ['', 'empty', /Ange mobilnummer/],
      ['  ', 'empty', /Ange mobilnummer/],
      ['070-ABC 45 67', 'letters', /bara innehålla siffror/],
      ['08-123 456 78', 'landline', /fast telefon.*sms/],
      ['023-49 91 15', 'landline', /fast telefon/],
      ['+46 8 123 456 78', 'landline', /fast telefon/],
      ['+47 412 34 567', 'not-swedish', /inte svenskt.*sms/],
      ['0047 412 34 567', 'not-swedish', /inte svenskt/],
      ['+44 7700 900123', 'not-swedish', /inte svenskt/],
      ['070-123 45', 'invalid', /tio siffror/],
      ['070-123 45 678', 'invalid', /tio siffror/],
      ['0771-123 456', 'invalid', /giltigt mobilnummer/],
      ['123', 'invalid', /giltigt mobilnummer/],
    ];
    for (const [input, code, message] of cases) {
      it(`refuses ${JSON.stringify(input)} as "${code}", whose text says why`, () => {
        expect(parseMobile(input)).to.deep.equal({ ok: false, error: { code } });
        expect(t(`mobile.${code}`, {}, 'sv')).to.match(message);
      });
    }

    it('has an English text for every code', () => {
      const english: Record<MobileErrorCode, RegExp> = {
        empty: /Enter a mobile/, letters: /only digits/, 'not-swedish': /not Swedish/, landline: /landline/, invalid: /not a valid mobile/,
      };
      for (const [code, text] of Object.entries(english)) expect(t(`mobile.${code as MobileErrorCode}`, {}, 'en'), code).to.match(text);
    });
  });
});
