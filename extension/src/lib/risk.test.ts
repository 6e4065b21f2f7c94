import { expect } from 'chai';
import { describe, it } from 'node:test';
import { DEFAULT_OPTIONS } from './options.js';
import { preShareReport, riskOf, showsPersonnummer } from './risk.js';

const patterns = DEFAULT_OPTIONS.riskPatterns;

describe('showsPersonnummer', () => {
  const cases: [text: string, shows: boolean][] = [
    ['TakeCare – Journal 19121212-1212 Tolvansson', true],
    ['Patient 191212121212', true],
    ['Remiss 121212-1212', true],
    ['Samordningsnummer 19730288-9931', true],
    // Shaped like one with a real date: flagged even with a wrong check digit (a typo still points at a person).
    ['Order 19121212-1213', true],
    ['Order 19121312-1212 (no 13th month)', false],
    ['Möte 2026-11-25 kl. 10:30', false],
    ['Telefon 070-123 45 67', false],
    ['', false],
  ];
  for (const [text, shows] of cases) {
    it(`${shows ? 'finds' : 'finds no'} personnummer in ${JSON.stringify(text)}`, () => {
      expect(showsPersonnummer(text)).to.equal(shows);
    });
  }
});

describe('riskOf', () => {
  const cases: [title: string, url: string, reason: string | undefined][] = [
    ['TakeCare – Journal 19121212-1212 Tolvansson', 'https://takecare.region.se/', 'personnummer'],
    ['Översikt', 'https://ehr.region.se/patient?pnr=19121212%2D1212', 'personnummer'],
    ['Cosmic – Vårdplan', 'https://cosmic.region.se/', 'ehr'],
    ['Journalen – 1177', 'https://journalen.1177.se/', '1177'],
    ['Inkorg – Outlook', 'https://outlook.office.com/mail/', 'mail'],
    ['Provsvar för avdelningen', 'https://lab.region.se/', 'patient-data'],
    ['Videobesök – Region Exempel intranät', 'https://intranat.region.se/', undefined],
    ['Väder i Falun', 'https://www.smhi.se/', undefined],
  ];
  for (const [title, url, reason] of cases) {
    it(`flags ${JSON.stringify(title)} as ${String(reason)}`, () => {
      expect(riskOf({ title, url }, patterns)).to.equal(reason);
    });
  }

  it('matches words ignoring case, Swedish letters too', () => {
    expect(riskOf({ title: 'PATIENTÖVERSIKT' }, patterns)).to.equal('patient-data');
  });

  it('takes words literally, never as regular expressions', () => {
    const literal = { ...patterns, ehr: ['a.c'] };
    expect(riskOf({ title: 'abc' }, literal)).to.equal(undefined);
    expect(riskOf({ title: 'x a.c y' }, literal)).to.equal('ehr');
  });
});

describe('preShareReport', () => {
  it('counts every other tab and lists the risky ones by title only', () => {
    const report = preShareReport([
      { title: 'TakeCare – Journal 19121212-1212 Tolvansson', url: 'https://takecare.region.se/j?id=1' },
      { title: 'Väder', url: 'https://www.smhi.se/' },
      { title: '', url: 'https://outlook.office.com/mail/' },
    ], patterns, 'granted');
    expect(report).to.deep.equal({
      others: 3,
      flagged: [
        { title: 'TakeCare – Journal 19121212-1212 Tolvansson', reason: 'personnummer' },
        { title: 'outlook.office.com', reason: 'mail' },
      ],
      titles: 'granted',
    });
    expect(JSON.stringify(report)).not.to.include('id=1');
  });

  it('shortens long titles to what the bridge protocol allows and lists at most 50', () => {
    const many = Array.from({ length: 60 }, () => ({ title: `Outlook ${'x'.repeat(300)}` }));
    const report = preShareReport(many, patterns, 'granted');
    expect(report.flagged).to.have.length(50);
    expect(report.flagged[0]!.title.length).to.equal(200);
  });

  it('without titles (no tabs permission) counts and flags nothing', () => {
    expect(preShareReport([{}, {}], patterns, 'missing')).to.deep.equal({ others: 2, flagged: [], titles: 'missing' });
  });
});
