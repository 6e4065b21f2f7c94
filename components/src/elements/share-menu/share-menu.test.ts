import { expect } from 'chai';
import { afterEach, describe, it } from 'node:test';
import { newToken } from '../../core/index.js';
import { bridgeResponse, parseBridgeMessage, type BridgeRequest, type PreShareReport } from '../../bridge/protocol.js';
import { HostSession } from '../../media/index.js';
import { $, $$, axeViolations, click, mount, nextEvent, until } from '../../testing/dom.js';
import './define.js';

// The nurse's "Dela…": the window fallback end to end in this browser (its picker hands over a
// window for a window request), with and without the extension's pre-share report.

const sessions: HostSession[] = [];
const cleanups: (() => void)[] = [];
/** A nurse's session that is not connected anywhere: sharing needs no guest to start. */
const session = (): HostSession => {
  const s = new HostSession({ signalling: { url: 'http://127.0.0.1:9/peerjs', iceServers: [] }, participantToken: newToken() });
  sessions.push(s);
  return s;
};
/** Plays the extension's content script for one test: answers every pre-share check with `report`. */
function extension(report: PreShareReport): void {
  const listener = (event: MessageEvent): void => {
    const message = parseBridgeMessage(event.data);
    if (message?.kind === 'request' && message.type === 'pre-share-check') {
      window.postMessage(bridgeResponse(message as BridgeRequest<'pre-share-check'>, report), location.origin);
    }
  };
  window.addEventListener('message', listener);
  cleanups.push(() => { window.removeEventListener('message', listener); });
}

afterEach(() => {
  document.body.replaceChildren();
  for (const c of cleanups.splice(0)) c();
  for (const s of sessions.splice(0)) s.teardown();
});

describe('dh-share-menu', () => {
  it('offers the star profile, a scan and, as a fallback, a window; the first two go to the host page', async () => {
    const el = await mount('dh-share-menu', (m) => (m.session = session()));
    await click(el, 'Dela…');
    expect($$(el, '.choices button').map((b) => b.textContent.trim())).to.deep.equal(['Stjärnprofilen', 'Skannad stjärnprofil', 'Ett fönster (reserv)']);
    expect(await axeViolations(el)).to.deep.equal([]);
    const chosen = nextEvent(el, 'dh-share-choose');
    await click(el, 'Skannad stjärnprofil');
    expect((await chosen).detail).to.deep.equal({ kind: 'document' });
  });

  it('without the extension, shares a window only after the checklist is confirmed', async () => {
    const s = session();
    const el = await mount('dh-share-menu', (m) => (m.session = s));
    const before = nextEvent(el, 'dh-before-share');
    await click(el, 'Dela…');
    await click(el, 'Ett fönster (reserv)');
    expect((await before).detail).to.deep.equal({ kind: 'window' });
    await until(() => el.shadowRoot!.textContent.includes('Stäng journalen, e-post och andra fönster med patientuppgifter'), 'the checklist', 3000);
    const pick = $$(el, 'button').find((b) => b.textContent.trim() === 'Välj fönster') as HTMLButtonElement;
    expect(pick.disabled).to.equal(true);
    expect(await axeViolations(el)).to.deep.equal([]);
    $<HTMLInputElement>(el, '#confirm')!.click();
    await el.updateComplete;
    expect(pick.disabled).to.equal(false);
    pick.click();
    await until(() => s.sharing, 'the window shared');
    expect(s.sharing).to.equal('window');
  });

  it('lists the windows the extension flags before the picker opens', async () => {
    extension({ others: 3, flagged: [{ title: 'TakeCare – Journal 19121212-1212', reason: 'ehr' }], titles: 'granted' });
    const el = await mount('dh-share-menu', (m) => (m.session = session()));
    await click(el, 'Dela…');
    await click(el, 'Ett fönster (reserv)');
    await until(() => $(el, 'ul.flagged'), 'the flagged windows');
    expect(el.shadowRoot!.textContent).to.contain('3 andra fönster och flikar är öppna.');
    expect($(el, 'ul.flagged')!.textContent).to.contain('TakeCare – Journal 19121212-1212 (journal)');
    expect($(el, 'label[for="confirm"]')!.textContent).to.contain('Jag har stängt dem');
    expect(await axeViolations(el)).to.deep.equal([]);
  });

  it('shares nothing when the host page vetoes it', async () => {
    const s = session();
    const el = await mount('dh-share-menu', (m) => (m.session = s));
    el.addEventListener('dh-before-share', (e) => { e.preventDefault(); });
    await click(el, 'Dela…');
    await click(el, 'Ett fönster (reserv)');
    await until(() => $(el, '[role="alert"]'), 'the message');
    expect($(el, '[role="alert"]')!.textContent).to.contain('Inget delades');
    expect(s.sharing).to.equal(undefined);
  });
  it('says so when the extension may not read titles yet, and shows the checklist with the count', async () => {
    extension({ others: 4, flagged: [], titles: 'missing' });
    const el = await mount('dh-share-menu', (m) => (m.session = session()));
    await click(el, 'Dela…');
    await click(el, 'Ett fönster (reserv)');
    await until(() => el.shadowRoot!.textContent.includes('4 andra fönster och flikar är öppna.'), 'the count');
    expect(el.shadowRoot!.textContent).to.contain('Tillägget får inte läsa flikarnas rubriker');
    expect(el.shadowRoot!.textContent).to.contain('Stäng journalen, e-post och andra fönster med patientuppgifter');
    expect(el.shadowRoot!.textContent).not.to.contain('Inget av dem ser ut att visa patientuppgifter');
  });
});
