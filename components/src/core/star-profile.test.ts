import { expect } from 'chai';
import { describe, it } from 'node:test';
import { PATIENT_LOCALES } from './i18n.js';
import {
  DEFAULT_STAR_PROFILE, WAIST_SCALE_MEN, bandCounts, bandOf, formatMeasure, localised, parseMeasure, radarAxes, radarPoints,
  scoreFraction, scoreOf, scoreValue, starConfigProblems, validateStarProfile, valueText,
  type DefaultStarDimensionId, type Score, type StarProfileConfig, type StarProfileError, type StarProfileValues,
} from './star-profile.js';

const dimension = (id: DefaultStarDimensionId) => {
  const d = DEFAULT_STAR_PROFILE.dimensions.find((x) => x.id === id);
  if (!d) throw new Error(id);
  return d;
};

/** A small profile of three areas, one of them required. */
const THREE: StarProfileConfig<'a' | 'b' | 'c'> = {
  bands: DEFAULT_STAR_PROFILE.bands,
  dimensions: [
    { id: 'a', group: 'lifestyle', label: { sv: 'A' }, scale: { kind: 'levels', levels: [{ value: 1, label: { sv: 'lite' }, score: 1 }, { value: 2, label: { sv: 'mycket' }, score: 5 }] } },
    { id: 'b', group: 'measure', label: { sv: 'B' }, required: true, scale: { kind: 'measure', unit: { sv: 'cm' }, min: 10, max: 20, decimals: 0, thresholds: [{ below: 15, score: 5 }], otherwise: 2 } },
    { id: 'c', group: 'measure', label: { sv: 'C' }, scale: { kind: 'measure', unit: { sv: 'mmol/l' }, min: 0, max: 10, decimals: 1, thresholds: [], otherwise: 3 } },
  ],
};

describe('star profile', () => {
  describe('the default profile', () => {
    it('has no configuration mistakes', () => {
      expect(starConfigProblems(DEFAULT_STAR_PROFILE)).to.deep.equal([]);
    });

    it('covers the areas seen across regions, lifestyle first, then measures', () => {
      expect(DEFAULT_STAR_PROFILE.dimensions.map((d) => `${d.group}:${d.id}`)).to.deep.equal([
        'lifestyle:activity', 'lifestyle:diet', 'lifestyle:alcohol', 'lifestyle:tobacco', 'lifestyle:stress', 'lifestyle:sleep', 'lifestyle:social',
        'measure:systolic', 'measure:diastolic', 'measure:cholesterol', 'measure:glucose', 'measure:bmi', 'measure:waist',
      ]);
      for (const d of DEFAULT_STAR_PROFILE.dimensions) expect(d.scale.kind, d.id).to.equal(d.group === 'lifestyle' ? 'levels' : 'measure');
    });

    it('speaks every patient language: labels, short labels, hints, levels and bands', () => {
      const texts = DEFAULT_STAR_PROFILE.dimensions.flatMap((d) => [
        d.label, ...(d.short ? [d.short] : []), ...(d.hint ? [d.hint] : []), ...(d.scale.kind === 'levels' ? d.scale.levels.map((l) => l.label) : []),
      ]).concat(DEFAULT_STAR_PROFILE.bands.map((b) => b.label));
      for (const text of texts) {
        for (const locale of PATIENT_LOCALES) expect(text[locale], `${text.sv} in ${locale}`).to.be.a('string').and.not.equal('');
      }
    });

    it('offers five levels scoring 1 to 5 in every lifestyle question', () => {
      for (const d of DEFAULT_STAR_PROFILE.dimensions) {
        if (d.scale.kind !== 'levels') continue;
        expect(d.scale.levels.map((l) => l.score).sort(), d.id).to.deep.equal([1, 2, 3, 4, 5]);
      }
    });
  });

  describe('scoring', () => {
    const cases: [DefaultStarDimensionId, number | undefined, Score | undefined][] = [
      ['activity', 1, 1], ['activity', 4, 4], ['activity', 5, 5],
      ['alcohol', 1, 5], ['alcohol', 4, 2], ['alcohol', 5, 1],
      ['tobacco', 1, 5], ['tobacco', 5, 1],
      ['stress', 1, 5], ['stress', 3, 3],
      ['sleep', 2, 2],
      ['activity', 6, undefined], ['activity', 2.5, undefined], ['activity', undefined, undefined],
      ['systolic', 119, 5], ['systolic', 120, 4], ['systolic', 139, 3], ['systolic', 140, 2], ['systolic', 159, 2], ['systolic', 160, 1], ['systolic', 260, 1],
      ['diastolic', 79, 5], ['diastolic', 84, 4], ['diastolic', 85, 3], ['diastolic', 90, 2], ['diastolic', 100, 1],
      ['cholesterol', 4.9, 5], ['cholesterol', 5, 4], ['cholesterol', 6.4, 3], ['cholesterol', 7.9, 2], ['cholesterol', 8, 1],
      ['glucose', 5.4, 5], ['glucose', 6.1, 3], ['glucose', 6.9, 3], ['glucose', 7, 1],
      ['bmi', 17, 3], ['bmi', 18.5, 5], ['bmi', 24.9, 5], ['bmi', 25, 3], ['bmi', 31, 2], ['bmi', 35, 1],
      ['waist', 79, 5], ['waist', 80, 3], ['waist', 88, 1],
      // Outside what the form accepts: no score rather than a made-up one.
      ['systolic', 20, undefined], ['waist', 250, undefined], ['glucose', NaN, undefined],
    ];
    for (const [id, value, score] of cases) {
      it(`scores ${id} = ${String(value)} as ${String(score)}`, () => {
        expect(scoreValue(dimension(id).scale, value)).to.equal(score);
      });
    }

    it('uses the men\'s waist limits when a region chooses them', () => {
      expect([93, 94, 101, 102].map((cm) => scoreValue(WAIST_SCALE_MEN, cm))).to.deep.equal([5, 3, 3, 1]);
    });

    it('scores a whole profile by dimension, leaving the unanswered undefined', () => {
      expect(scoreOf(THREE, { a: 2, b: 17 })).to.deep.equal({ a: 5, b: 2, c: undefined });
    });

    const bands: [Score | undefined, string | undefined][] = [[1, 'change'], [2, 'change'], [3, 'watch'], [4, 'good'], [5, 'good'], [undefined, undefined]];
    for (const [score, band] of bands) {
      it(`puts score ${String(score)} in band ${String(band)}`, () => {
        expect(bandOf(DEFAULT_STAR_PROFILE, score)?.id).to.equal(band);
      });
    }

    it('counts the bands and the unanswered', () => {
      expect(bandCounts(THREE, { a: 1, c: 4 })).to.deep.equal({ bands: { change: 1, watch: 1, good: 0 }, unanswered: 1 });
    });
  });

  describe('validation', () => {
    const cases: [string, Record<string, unknown>, StarProfileError[]][] = [
      ['a half-filled profile', { b: 12 }, []],
      ['an empty profile without its required field', {}, [{ field: 'b', code: 'required' }]],
      ['a measure out of range', { b: 21 }, [{ field: 'b', code: 'range', min: 10, max: 20 }]],
      ['a measure below range', { b: 9.9 }, [{ field: 'b', code: 'range', min: 10, max: 20 }]],
      ['the edges of the range', { b: 10, c: 10 }, []],
      ['a number that is not one', { b: NaN }, [{ field: 'b', code: 'number' }]],
      ['infinity', { b: 12, c: Infinity }, [{ field: 'c', code: 'number' }]],
      ['text', { b: '12' }, [{ field: 'b', code: 'number' }]],
      ['a level that is not offered', { a: 3, b: 12 }, [{ field: 'a', code: 'choice' }]],
      // No room for personal data: a personnummer is not a number field's value, a name not a field.
      ['a personnummer', { b: 12, a: '19121212-1212' }, [{ field: 'a', code: 'number' }]],
      ['a field of its own', { b: 12, name: 'Tolvan Tolvansson' }, [{ field: 'name', code: 'unknown' }]],
      ['an inherited key', { b: 12, toString: 1 }, [{ field: 'toString', code: 'unknown' }]],
      ['several mistakes, in the form\'s order', { c: -1, a: 0 }, [
        { field: 'a', code: 'choice' }, { field: 'b', code: 'required' }, { field: 'c', code: 'range', min: 0, max: 10 },
      ]],
    ];
    for (const [what, values, errors] of cases) {
      it(`${errors.length === 0 ? 'accepts' : 'refuses'} ${what}`, () => {
        expect(validateStarProfile(THREE, values)).to.deep.equal(errors);
      });
    }

    it('has a values type with room for numbers only', () => {
      const ok: StarProfileValues<DefaultStarDimensionId> = { activity: 3, systolic: 128 };
      // @ts-expect-error -- text (a name, a personnummer) does not fit
      const text: StarProfileValues = { activity: '19121212-1212' };
      // @ts-expect-error -- neither does a field the profile does not have
      const extra: StarProfileValues<DefaultStarDimensionId> = { name: 1 };
      expect([ok, text, extra]).to.have.length(3);
    });
  });

  describe('reading typed numbers', () => {
    const cases: [string, number | undefined][] = [
      ['', undefined], ['   ', undefined],
      ['140', 140], [' 140 ', 140], ['5,4', 5.4], ['5.4', 5.4], [',5', 0.5], ['5,', 5], ['-3', -3],
      ['١٤٠', 140], ['۵٫۴', 5.4], ['۵,۴', 5.4],
      ['abc', NaN], ['5,4,3', NaN], ['1e3', NaN], ['12 5', NaN], ['5..4', NaN], ['0x10', NaN], ['140/90', NaN],
    ];
    for (const [text, value] of cases) {
      it(`reads ${JSON.stringify(text)} as ${String(value)}`, () => {
        const read = parseMeasure(text);
        if (value !== undefined && Number.isNaN(value)) expect(read).to.be.NaN;
        else expect(read).to.equal(value);
      });
    }

    const shown: [number, 'sv' | 'en' | 'ar' | 'fa' | 'fi', number, string][] = [
      [5.4, 'sv', 1, '5,4'], [5.4, 'en', 1, '5.4'], [5.4, 'fi', 1, '5,4'], [5.4, 'ar', 1, '5.4'], [5.4, 'fa', 1, '۵٫۴'],
      [140, 'sv', 0, '140'], [1234, 'sv', 0, '1234'], [5.46, 'sv', 1, '5,5'], [6, 'sv', 1, '6'],
    ];
    for (const [value, locale, decimals, text] of shown) {
      it(`writes ${value} in ${locale} as ${text}`, () => {
        expect(formatMeasure(value, locale, decimals)).to.equal(text);
      });
    }

    it('describes a value by its level or with its unit, in the reader\'s language', () => {
      expect(valueText(dimension('activity'), 4, 'sv')).to.equal('150–299 minuter');
      expect(valueText(dimension('activity'), 4, 'fi')).to.equal('150–299 minuuttia');
      expect(valueText(dimension('cholesterol'), 5.4, 'sv')).to.equal('5,4 mmol/l');
      expect(valueText(dimension('systolic'), 128, 'en')).to.equal('128 mmHg');
      expect(valueText(dimension('activity'), undefined, 'sv')).to.equal(undefined);
    });

    it('falls back to Swedish where a text has no translation', () => {
      expect(localised({ sv: 'Sömn', en: 'Sleep' }, 'fi')).to.equal('Sömn');
      expect(localised({ sv: 'Sömn', en: 'Sleep' }, 'en')).to.equal('Sleep');
    });
  });

  describe('radar geometry', () => {
    const g = { cx: 100, cy: 100, radius: 50, count: 4 };
    it('starts straight up and goes clockwise', () => {
      expect(radarAxes(g)).to.deep.equal([{ x: 100, y: 50 }, { x: 150, y: 100 }, { x: 100, y: 150 }, { x: 50, y: 100 }]);
    });

    const cases: [(Score | undefined)[], ({ x: number; y: number } | undefined)[]][] = [
      [[5, 5, 5, 5], [{ x: 100, y: 55 }, { x: 145, y: 100 }, { x: 100, y: 145 }, { x: 55, y: 100 }]],
      [[1, 3, undefined, 5], [{ x: 100, y: 95 }, { x: 125, y: 100 }, undefined, { x: 55, y: 100 }]],
      [[2], [{ x: 100, y: 85 }, undefined, undefined, undefined]],
    ];
    for (const [scores, points] of cases) {
      it(`places scores ${JSON.stringify(scores)} in the middle of their rings`, () => {
        expect(radarPoints(scores, g)).to.deep.equal(points);
      });
    }

    it('keeps every score strictly inside its own ring', () => {
      for (const s of [1, 2, 3, 4, 5] as const) {
        expect(scoreFraction(s)).to.be.greaterThan((s - 1) / 5).and.lessThan(s / 5);
      }
    });

    it('places three axes 120° apart', () => {
      expect(radarAxes({ cx: 0, cy: 0, radius: 10, count: 3 })).to.deep.equal([{ x: 0, y: -10 }, { x: 8.66, y: 5 }, { x: -8.66, y: 5 }]);
    });
  });

  describe('configuration mistakes', () => {
    const base = THREE;
    const cases: [string, StarProfileConfig, string][] = [
      ['two axes', { ...base, dimensions: base.dimensions.slice(0, 2) }, 'at least three dimensions'],
      ['a duplicate id', { ...base, dimensions: [...base.dimensions, base.dimensions[0]!] }, 'dimension id "a" is used twice'],
      ['a score no band covers', { ...base, bands: base.bands.slice(1) }, 'score 1 is in 0 bands'],
      ['overlapping bands', { ...base, bands: [...base.bands, { id: 'x', from: 2, to: 3, tone: 'yellow', label: { sv: 'x' } }] }, 'score 2 is in 2 bands'],
      ['unsorted thresholds', { ...base, dimensions: [...base.dimensions.slice(0, 2), { ...base.dimensions[2]!, scale: { kind: 'measure', unit: { sv: 'cm' }, min: 0, max: 9, decimals: 0, thresholds: [{ below: 5, score: 5 }, { below: 4, score: 3 }], otherwise: 1 } }] }, 'c: thresholds are not ascending'],
      ['an empty range', { ...base, dimensions: [...base.dimensions.slice(0, 2), { ...base.dimensions[2]!, scale: { kind: 'measure', unit: { sv: 'cm' }, min: 9, max: 9, decimals: 0, thresholds: [], otherwise: 1 } }] }, 'c: min is not below max'],
      ['levels sharing a value', { ...base, dimensions: [{ ...base.dimensions[0]!, scale: { kind: 'levels', levels: [{ value: 1, label: { sv: 'x' }, score: 1 }, { value: 1, label: { sv: 'y' }, score: 5 }] } }, ...base.dimensions.slice(1)] }, 'a: two levels share a value'],
    ];
    for (const [what, config, problem] of cases) {
      it(`names ${what}`, () => {
        expect(starConfigProblems(config).join('; ')).to.include(problem);
      });
    }
  });
});
