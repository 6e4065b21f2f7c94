import { expect } from 'chai';
import { afterEach, describe, it } from 'node:test';
import { $, $$, axeViolations, click, mount, nextEvent } from '../../testing/dom.js';
import './define.js';

afterEach(() => {
  document.body.replaceChildren();
});

describe('dh-speaker-test', () => {
  it('asks whether the tone was heard and gives a verdict either way', async () => {
    const el = await mount('dh-speaker-test');
    expect(el.shadowRoot!.textContent).to.include('Spela testljudet och svara om du hörde det.');
    expect(el.heard).to.equal(undefined);
    await click(el, 'Spela testljud');
    expect($(el, 'fieldset legend')!.textContent).to.equal('Hörde du testljudet?');
    expect(await axeViolations(el)).to.deep.equal([]);

    const no = nextEvent(el, 'dh-speaker-test');
    await click(el, 'Nej');
    expect((await no).detail).to.deep.equal({ heard: false });
    expect(el.heard).to.equal(false);
    expect($$(el, '.verdict.bad').map((v) => v.textContent).join()).to.include('höj volymen');
    expect(await axeViolations(el)).to.deep.equal([]);

    await click(el, 'Spela testljud');
    await click(el, 'Ja');
    expect(el.heard).to.equal(true);
    expect($(el, '.verdict.ok')!.textContent.trim()).to.equal('✓ Fungerar');
  });
});
