import { expect } from 'chai';
import { afterEach, before, describe, it } from 'node:test';
import { sendKeys } from '@web/test-runner-commands';
import { DEFAULT_STAR_PROFILE, loadLocale, scoreValue, valueText, type StarProfileConfig, type StarProfileValues } from '../../core/index.js';
import { $, $$, axeViolations, click, fill, focusedElement, mount, nextEvent, tabUntil, until } from '../../testing/dom.js';
import type { DhStarProfile } from './star-profile.element.js';
import './define.js';

/** Twelve of the thirteen default areas filled in; waist left out. */
const FILLED: StarProfileValues = {
  activity: 2, diet: 3, alcohol: 2, tobacco: 1, stress: 4, sleep: 4, social: 5,
  systolic: 142, diastolic: 88, cholesterol: 5.4, glucose: 5.2, bmi: 27.3,
};

const THREE: StarProfileConfig = {
  bands: DEFAULT_STAR_PROFILE.bands,
  dimensions: [
    { id: 'move', group: 'lifestyle', label: { sv: 'Rörelse', en: 'Movement' }, scale: { kind: 'levels', levels: [{ value: 1, score: 1, label: { sv: 'Lite' } }, { value: 2, score: 5, label: { sv: 'Mycket' } }] } },
    { id: 'pulse', group: 'measure', label: { sv: 'Vilopuls' }, scale: { kind: 'measure', unit: { sv: 'slag/min' }, min: 30, max: 200, decimals: 0, thresholds: [{ below: 70, score: 5 }, { below: 90, score: 3 }], otherwise: 1 } },
    { id: 'steps', group: 'measure', label: { sv: 'Steg per dag' }, required: true, scale: { kind: 'measure', unit: { sv: 'tusen' }, min: 0, max: 50, decimals: 1, thresholds: [{ below: 5, score: 2 }, { below: 8, score: 4 }], otherwise: 5 } },
  ],
};

const radio = (el: DhStarProfile, name: string, value: string | number): HTMLInputElement =>
  $$(el, `input[type="radio"]`).find((r) => (r as HTMLInputElement).name === name && (r as HTMLInputElement).value === String(value)) as HTMLInputElement;
const input = (el: DhStarProfile, name: string): HTMLInputElement => $<HTMLInputElement>(el, `input[name="${name}"]`)!;
const frames = async (): Promise<void> => {
  for (let i = 0; i < 2; i++) await new Promise(requestAnimationFrame);
};

/** A star profile inside an element that sets the page's direction and language, as a host page would. */
async function within(dir: 'ltr' | 'rtl', lang: string, setup: (el: DhStarProfile) => void): Promise<DhStarProfile> {
  const page = document.createElement('div');
  page.dir = dir;
  page.lang = lang;
  document.body.append(page);
  const el = document.createElement('dh-star-profile');
  setup(el);
  page.append(el);
  await el.updateComplete;
  await frames();
  return el;
}

/** Each drawn point as [axis index, score], read back from the chart's geometry. */
function drawnScores(el: DhStarProfile): Map<number, number> {
  const radius = Math.max(...$$(el, 'circle.ring').map((c) => Number(c.getAttribute('r'))));
  const count = $$(el, 'line.axis').length;
  const drawn = new Map<number, number>();
  for (const dot of $$(el, 'circle.dot')) {
    const dx = Number(dot.getAttribute('cx')) - 50;
    const dy = Number(dot.getAttribute('cy')) - 50;
    const turn = (Math.atan2(dy, dx) + Math.PI / 2 + 2 * Math.PI) % (2 * Math.PI);
    drawn.set(Math.round((turn / (2 * Math.PI)) * count) % count, Math.round((Math.hypot(dx, dy) / radius) * 5 + 0.5));
  }
  return drawn;
}

/** Every rendered box inside the element lies within it (a pixel of rounding allowed). */
function overflowing(el: DhStarProfile): string[] {
  const host = el.getBoundingClientRect();
  return $$(el, '*').filter((node) => {
    const r = node.getBoundingClientRect();
    return r.width > 1 && (r.left < host.left - 1 || r.right > host.right + 1 || r.top < host.top - 1 || r.bottom > host.bottom + 1);
  }).map((node) => `${node.tagName.toLowerCase()}.${node.getAttribute('class') ?? ''} "${node.textContent.trim().slice(0, 30)}"`);
}

before(async () => {
  await loadLocale('ar');
});
afterEach(() => {
  document.body.replaceChildren();
});

/** Indexes of labels that overlap a later one. */
function overlappingLabels(el: DhStarProfile): number[] {
  const boxes = $$(el, '.label').map((l) => l.getBoundingClientRect());
  return boxes.flatMap((a, i) => boxes.slice(i + 1).filter((b) =>
    a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5).map(() => i));
}

describe('dh-star-profile', () => {
  describe('accessibility', () => {
    for (const [dir, lang] of [['ltr', 'sv'], ['rtl', 'ar']] as const) {
      it(`has no axe violations in view and edit, ${dir} (${lang})`, async () => {
        const el = await within(dir, lang, (e) => {
          e.values = FILLED;
          e.showTable = true;
        });
        expect(await axeViolations(el)).to.deep.equal([]);
        el.mode = 'edit';
        await el.updateComplete;
        expect(await axeViolations(el)).to.deep.equal([]);
        // With a field in error too.
        await fill(el, 'systolic', 'hög');
        await click(el, lang === 'sv' ? 'Spara' : 'احفظ');
        expect($$(el, '[aria-invalid="true"]')).to.have.length(1);
        expect(await axeViolations(el)).to.deep.equal([]);
      });
    }
  });

  describe('when it shows a profile', () => {
    it('draws one axis and label per area, a point per answer, and names the chart by a summary', async () => {
      const el = await mount('dh-star-profile', (e) => {
        e.values = FILLED;
      });
      expect($$(el, 'line.axis')).to.have.length(13);
      expect($$(el, '.label').map((l) => l.textContent.trim())).to.include.members(['Fysisk aktivitet', 'Övre blodtryck', 'Midjemått']);
      expect($$(el, 'circle.dot')).to.have.length(12);
      const svg = $(el, 'svg')!;
      expect(svg.getAttribute('role')).to.equal('img');
      expect(svg.getAttribute('aria-label')).to.equal('Stjärnprofil med 13 områden. Behöver förändras: 3. Var uppmärksam: 3. Bra: 6. Ej ifyllt: 1.');
      expect($$(el, '.legend li').map((l) => l.textContent.replace(/\s+/g, ' ').trim())).to.deep.equal([
        'Behöver förändras (poäng 1–2)', 'Var uppmärksam (poäng 3)', 'Bra (poäng 4–5)',
      ]);
    });

    it('draws three axes for a profile of three areas', async () => {
      const el = await mount('dh-star-profile', (e) => {
        e.config = THREE;
        e.values = { move: 2, pulse: 75 };
      });
      expect($$(el, 'line.axis')).to.have.length(3);
      expect($$(el, '.label').map((l) => l.textContent.trim())).to.deep.equal(['Rörelse', 'Vilopuls', 'Steg per dag']);
      expect([...drawnScores(el)]).to.deep.equal([[0, 5], [1, 3]]);
      expect($(el, 'svg')!.getAttribute('aria-label')).to.match(/^Stjärnprofil med 3 områden\./);
    });

    it('says in its table what the chart shows', async () => {
      const el = await mount('dh-star-profile', (e) => {
        e.values = FILLED;
      });
      const table = $(el, 'table')!;
      expect(table.hidden).to.equal(true);
      const rows = $$(el, 'tbody tr').filter((r) => r.querySelector('th[scope="row"]'));
      expect(rows).to.have.length(13);
      const drawn = drawnScores(el);
      DEFAULT_STAR_PROFILE.dimensions.forEach((d, i) => {
        const [name, value, score, band] = Array.from(rows[i]!.children).map((c) => c.textContent.replace(/\s+/g, ' ').trim());
        expect(name).to.equal(d.label.sv);
        const expected = scoreValue(d.scale, FILLED[d.id]);
        expect(drawn.get(i), `${d.id} drawn`).to.equal(expected);
        if (expected === undefined) {
          expect([value, score, band]).to.deep.equal(['Ej ifyllt', '', '']);
        } else {
          expect(value).to.equal(valueText(d, FILLED[d.id], 'sv'));
          expect(score).to.equal(`${expected}${expected} av 5`); // the number shown, then its spoken form
          expect(band).to.equal(expected <= 2 ? 'Behöver förändras' : expected === 3 ? 'Var uppmärksam' : 'Bra');
        }
      });
      expect(rows[7]!.children[1]!.textContent.trim()).to.equal('142 mmHg');
      expect(rows[9]!.children[1]!.textContent.trim()).to.equal('5,4 mmol/l');
    });

    it('opens and closes the table from a button that says whether it is open, by keyboard too', async () => {
      const el = await mount('dh-star-profile', (e) => {
        e.values = FILLED;
      });
      const button = await tabUntil((f) => f.classList.contains('toggle'), 'the table button');
      expect(button.getAttribute('aria-expanded')).to.equal('false');
      expect(button.getAttribute('aria-controls')).to.equal($(el, 'table')!.id);
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(el.showTable).to.equal(true);
      expect($(el, 'table')!.hidden).to.equal(false);
      expect(button.getAttribute('aria-expanded')).to.equal('true');
      expect(button.textContent.trim()).to.equal('Dölj tabellen');
      expect(el.hasAttribute('show-table')).to.equal(true);
      await sendKeys({ press: 'Space' });
      await el.updateComplete;
      expect($(el, 'table')!.hidden).to.equal(true);
    });

    it('keeps the chart as it is in right-to-left languages, with the labels in the page\'s language', async () => {
      const ltr = await within('ltr', 'sv', (e) => {
        e.values = FILLED;
      });
      const rtl = await within('rtl', 'ar', (e) => {
        e.values = FILLED;
      });
      const centre = (el: DhStarProfile): number => {
        const r = $(el, 'svg')!.getBoundingClientRect();
        return r.left + r.width / 2;
      };
      const sides = (el: DhStarProfile): string[] => $$(el, '.label').map((l) => {
        const r = l.getBoundingClientRect();
        return r.right <= centre(el) + 1 ? 'left' : r.left >= centre(el) - 1 ? 'right' : 'middle';
      });
      expect(sides(rtl)).to.deep.equal(sides(ltr));
      expect(sides(ltr).slice(0, 4)).to.deep.equal(['middle', 'right', 'right', 'right']);
      expect(drawnScores(rtl)).to.deep.equal(drawnScores(ltr));
      const label = $$(rtl, '.label')[0]!;
      expect(label.textContent.trim()).to.equal('النشاط البدني');
      expect(getComputedStyle(label).direction).to.equal('rtl');
      expect($(rtl, 'svg')!.getAttribute('aria-label')).to.match(/^المخطط النجمي: 13 مجالًا\./);
    });

    it('marks a Swedish fallback as Swedish where the configuration lacks the page\'s language', async () => {
      const el = await within('rtl', 'ar', (e) => {
        e.config = THREE;
      });
      expect($$(el, '.label bdi[lang="sv"]').map((b) => b.textContent)).to.deep.equal(['Rörelse', 'Vilopuls', 'Steg per dag']);
    });

    it('shows only the chart when read-only, whatever the mode', async () => {
      const el = await mount('dh-star-profile', (e) => {
        e.values = FILLED;
        e.mode = 'edit';
        e.readonly = true;
      });
      expect($(el, 'form')).to.equal(null);
      expect($(el, 'svg')).to.not.equal(null);
      el.readonly = false;
      await el.updateComplete;
      expect($(el, 'form')).to.not.equal(null);
    });
  });

  describe('when it is 320 px wide', () => {
    for (const mode of ['view', 'edit'] as const) {
      it(`fits, in ${mode} mode, left to right and right to left`, async () => {
        for (const [dir, lang] of [['ltr', 'sv'], ['rtl', 'ar']] as const) {
          const el = await within(dir, lang, (e) => {
            e.style.width = '320px';
            e.values = FILLED;
            e.mode = mode;
            e.showTable = true;
          });
          expect(el.getBoundingClientRect().width).to.equal(320);
          expect(overflowing(el), `${dir} overflow`).to.deep.equal([]);
          expect(el.scrollWidth).to.be.at.most(el.clientWidth);
          if (mode === 'view') expect(overlappingLabels(el), `${dir} labels overlapping`).to.deep.equal([]);
          el.parentElement!.remove();
        }
      });
    }

    it('lays its labels out again when it is narrowed or moved', async () => {
      const el = await mount('dh-star-profile', (e) => {
        e.values = FILLED;
        e.style.width = '600px';
      });
      el.style.width = '320px';
      await until(() => overlappingLabels(el).length === 0, 'labels apart after narrowing');

      const moved = await mount('dh-star-profile', (e) => {
        e.values = FILLED;
      });
      await frames();
      const narrow = document.createElement('div');
      narrow.style.width = '320px';
      document.body.append(narrow);
      narrow.append(moved);
      await frames();
      expect(moved.getBoundingClientRect().width).to.equal(320);
      expect(overlappingLabels(moved)).to.deep.equal([]);
      expect(overflowing(moved)).to.deep.equal([]);
    });
  });

  describe('when it is filled in', () => {
    it('can be filled in by keyboard alone: Tab, arrow keys, typing and Enter', async () => {
      const el = await mount('dh-star-profile', (e) => {
        e.mode = 'edit';
      });
      const saved = nextEvent(el, 'dh-star-profile-change');
      // Every question starts at "Inget svar", so Tab lands there and Down goes round to the first answer.
      const activity = await tabUntil((f) => (f as HTMLInputElement).name === 'activity', 'physical activity') as HTMLInputElement;
      expect(activity.value).to.equal('');
      await sendKeys({ press: 'ArrowDown' });
      await sendKeys({ press: 'ArrowDown' });
      expect((focusedElement() as HTMLInputElement).value).to.equal('2');
      await sendKeys({ press: 'Tab' });
      expect((focusedElement() as HTMLInputElement).name).to.equal('diet');
      await sendKeys({ press: 'ArrowUp' });
      await tabUntil((f) => (f as HTMLInputElement).name === 'systolic', 'systolic blood pressure');
      await sendKeys({ type: '128' });
      await tabUntil((f) => (f as HTMLInputElement).name === 'cholesterol', 'cholesterol');
      await sendKeys({ type: '5,4' });
      await sendKeys({ press: 'Enter' });
      const event = await saved;
      expect(event.detail).to.deep.equal({ values: { activity: 2, diet: 5, systolic: 128, cholesterol: 5.4 } });
      expect(el.values).to.deep.equal({ activity: 2, diet: 5, systolic: 128, cholesterol: 5.4 });
      expect($(el, '[role="status"]')!.textContent.trim()).to.equal('Sparat.');
    });

    it('fires exactly what was entered, bubbling out of its shadow root', async () => {
      const el = await mount('dh-star-profile', (e) => {
        e.mode = 'edit';
      });
      radio(el, 'tobacco', 1).click();
      radio(el, 'stress', 3).click();
      await fill(el, 'glucose', ' 6.1 ');
      await fill(el, 'waist', '۹۲');
      const heard = nextEvent(document, 'dh-star-profile-change');
      await click(el, 'Spara');
      const event = await heard;
      expect(event.bubbles && event.composed).to.equal(true);
      expect(event.detail.values).to.deep.equal({ tobacco: 1, stress: 3, glucose: 6.1, waist: 92 });
      expect(Object.keys(event.detail.values)).to.deep.equal(['tobacco', 'stress', 'glucose', 'waist']);
    });

    it('takes an empty or half-filled form: every field is optional', async () => {
      const el = await mount('dh-star-profile', (e) => {
        e.mode = 'edit';
      });
      let heard = nextEvent(el, 'dh-star-profile-change');
      await click(el, 'Spara');
      expect((await heard).detail.values).to.deep.equal({});
      radio(el, 'sleep', 2).click();
      radio(el, 'sleep', '').click(); // changed their mind: no answer
      radio(el, 'social', 4).click();
      heard = nextEvent(el, 'dh-star-profile-change');
      await click(el, 'Spara');
      expect((await heard).detail.values).to.deep.equal({ social: 4 });
    });

    it('refuses a number that is not one, says why, and keeps everything else', async () => {
      const el = await mount('dh-star-profile', (e) => {
        e.mode = 'edit';
      });
      let fired = 0;
      el.addEventListener('dh-star-profile-change', () => fired++);
      radio(el, 'alcohol', 2).click();
      await fill(el, 'systolic', '14O'); // a letter O for a zero
      await fill(el, 'bmi', '24,5');
      await click(el, 'Spara');
      expect(fired).to.equal(0);
      const field = input(el, 'systolic');
      expect(field.getAttribute('aria-invalid')).to.equal('true');
      const error = $(el, `#${field.id}-error`)!;
      expect(field.getAttribute('aria-describedby')).to.include(error.id);
      expect(error.textContent.trim()).to.equal('Skriv ett tal, till exempel 160.');
      expect(field.validationMessage).to.equal(error.textContent.trim());
      expect($(el, '[role="alert"]')!.textContent).to.match(/Det du har fyllt i finns kvar/);
      await until(() => focusedElement() === field, 'focus on the field in error');
      // Nothing typed or chosen is lost.
      expect(field.value).to.equal('14O');
      expect(input(el, 'bmi').value).to.equal('24,5');
      expect(radio(el, 'alcohol', 2).checked).to.equal(true);

      await fill(el, 'systolic', '140');
      expect(field.getAttribute('aria-invalid')).to.equal('false');
      const heard = nextEvent(el, 'dh-star-profile-change');
      await click(el, 'Spara');
      expect((await heard).detail.values).to.deep.equal({ alcohol: 2, systolic: 140, bmi: 24.5 });
      expect(field.validationMessage).to.equal('');
    });

    it('gives the limits of a value out of range as soon as the field is left', async () => {
      const el = await mount('dh-star-profile', (e) => {
        e.mode = 'edit';
      });
      const field = input(el, 'cholesterol');
      await fill(el, 'cholesterol', '54');
      field.dispatchEvent(new Event('change', { bubbles: true }));
      await el.updateComplete;
      expect($(el, `#${field.id}-error`)!.textContent.trim()).to.equal('Skriv ett värde mellan 1 och 20.');
      expect($(el, `#${field.id}-hint`)!.textContent.trim()).to.equal('Mellan 1 och 20 mmol/l.');
    });

    it('asks for a required answer', async () => {
      const el = await mount('dh-star-profile', (e) => {
        e.config = THREE;
        e.mode = 'edit';
      });
      await click(el, 'Spara');
      expect($(el, '#f2-error')!.textContent.trim()).to.equal('Fyll i det här.');
      expect(input(el, 'steps').getAttribute('aria-required')).to.equal('true');
    });

    it('keeps what is typed when it saves, and takes new values from its host', async () => {
      const el = await mount('dh-star-profile', (e) => {
        e.mode = 'edit';
        e.values = { cholesterol: 5.4, activity: 3 };
      });
      expect(input(el, 'cholesterol').value).to.equal('5,4');
      expect(radio(el, 'activity', 3).checked).to.equal(true);
      await fill(el, 'cholesterol', '6.0');
      await click(el, 'Spara');
      expect(input(el, 'cholesterol').value).to.equal('6.0');
      el.values = { glucose: 5.5 };
      await el.updateComplete;
      expect(input(el, 'cholesterol').value).to.equal('');
      expect(input(el, 'glucose').value).to.equal('5,5');
      expect(radio(el, 'activity', '').checked).to.equal(true);
    });

    it('speaks the patient\'s language, Arabic here, right to left', async () => {
      const el = await within('rtl', 'ar', (e) => {
        e.mode = 'edit';
      });
      expect($$(el, 'legend').map((l) => l.textContent.trim())).to.deep.equal(['نمط الحياة', 'القياسات']);
      expect($(el, '.question-label')!.textContent.trim()).to.equal('النشاط البدني');
      expect($(el, 'button[type="submit"]')!.textContent.trim()).to.equal('احفظ');
      expect(getComputedStyle($(el, 'form')!).direction).to.equal('rtl');
      await fill(el, 'systolic', '١٤٠');
      const heard = nextEvent(el, 'dh-star-profile-change');
      await click(el, 'احفظ');
      expect((await heard).detail.values).to.deep.equal({ systolic: 140 });
    });
  });
});
