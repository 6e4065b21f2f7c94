import { expect } from 'chai';
import { describe, it } from 'node:test';
import { askExtension, parseReport, PRE_SHARE_PROTOCOL } from './pre-share.js';
import { WINDOW_SHARE_OPTIONS, captureWindow } from './window-share.js';

/** A capture whose track says it shows `surface` (headless Chromium offers only a fake screen). */
function capturing(surface: string | undefined): { devices: Pick<MediaDevices, 'getDisplayMedia'>; tracks: MediaStreamTrack[]; asked: unknown[] } {
  const tracks: MediaStreamTrack[] = [];
  const asked: unknown[] = [];
  return {
    tracks,
    asked,
    devices: {
      getDisplayMedia: (options?: DisplayMediaStreamOptions) => {
        asked.push(options);
        const canvas = document.createElement('canvas');
        const track = canvas.captureStream(1).getVideoTracks()[0]!;
        const settings = track.getSettings();
        track.getSettings = () => ({ ...settings, ...(surface ? { displaySurface: surface } : {}) });
        tracks.push(track);
        return Promise.resolve(new MediaStream([track]));
      },
    },
  };
}

describe('window sharing, the fallback', () => {
  it('asks the picker for one window, never a screen or this tab', async () => {
    const { devices, asked } = capturing('window');
    await captureWindow(devices);
    expect(asked[0]).to.deep.equal(WINDOW_SHARE_OPTIONS);
    expect(WINDOW_SHARE_OPTIONS).to.deep.include({ monitorTypeSurfaces: 'exclude', selfBrowserSurface: 'exclude', surfaceSwitching: 'exclude' });
    expect(WINDOW_SHARE_OPTIONS.video).to.deep.equal({ displaySurface: 'window' });
  });

  it('takes the window this browser’s picker hands over for the request', async () => {
    const result = await captureWindow();
    expect(result.ok).to.equal(true);
    if (result.ok) {
      expect(['window', 'browser']).to.include(result.surface);
      result.track.stop();
    }
  });

  it('refuses a whole screen from a browser that ignores the hints, and stops it at once', async () => {
    let captured: MediaStream | undefined;
    // A browser that ignores the hints: the real picker, asked for a screen.
    const careless: Pick<MediaDevices, 'getDisplayMedia'> = {
      getDisplayMedia: async (options) => (captured = await navigator.mediaDevices.getDisplayMedia({
        ...options, video: { displaySurface: 'monitor' }, monitorTypeSurfaces: 'include',
      } as DisplayMediaStreamOptions)),
    };
    const result = await captureWindow(careless);
    expect(result).to.deep.equal({ ok: false, code: 'monitor' });
    expect(captured?.getTracks().map((t) => t.readyState)).to.deep.equal(['ended']);
  });

  for (const [surface, expected] of [['window', 'window'], ['browser', 'browser']] as const) {
    it(`takes a ${surface}`, async () => {
      const { devices, tracks } = capturing(surface);
      const result = await captureWindow(devices);
      expect(result.ok && result.surface).to.equal(expected);
      expect(tracks[0]!.readyState).to.equal('live');
      tracks[0]!.stop();
    });
  }

  it('refuses a capture that does not say what it shows (fail closed)', async () => {
    const { devices, tracks } = capturing(undefined);
    expect(await captureWindow(devices)).to.deep.equal({ ok: false, code: 'unknown-surface' });
    expect(tracks[0]!.readyState).to.equal('ended');
  });

  it('says so when the nurse cancels the picker, or the browser cannot share', async () => {
    const cancelled: Pick<MediaDevices, 'getDisplayMedia'> = { getDisplayMedia: () => Promise.reject(new DOMException('no', 'NotAllowedError')) };
    expect(await captureWindow(cancelled)).to.deep.equal({ ok: false, code: 'cancelled' });
    expect(await captureWindow({} as Pick<MediaDevices, 'getDisplayMedia'>)).to.deep.equal({ ok: false, code: 'unsupported' });
  });
});

describe('the pre-share check with the extension', () => {
  /** Plays the extension's content script: answers every check on this page with `reply(id)`. */
  function extension(reply: (id: string) => unknown): () => void {
    const listener = (event: MessageEvent): void => {
      const data = event.data as { protocol?: string; type?: string; id?: string };
      if (data.protocol === PRE_SHARE_PROTOCOL && data.type === 'check' && data.id) window.postMessage(reply(data.id), location.origin);
    };
    window.addEventListener('message', listener);
    return () => { window.removeEventListener('message', listener); };
  }

  it('hears nothing without an extension, within the time limit', async () => {
    const started = Date.now();
    expect(await askExtension(window, 300)).to.equal(undefined);
    expect(Date.now() - started).to.be.at.least(250);
  });

  it('lists what the extension flags', async () => {
    const stop = extension((id) => ({ protocol: PRE_SHARE_PROTOCOL, type: 'report', id, others: 3, flagged: [{ title: 'TakeCare – Journal', reason: 'ehr' }] }));
    try {
      const report = await askExtension(window, 2000);
      expect(report?.others).to.equal(3);
      expect(report?.flagged).to.deep.equal([{ title: 'TakeCare – Journal', reason: 'ehr' }]);
    } finally {
      stop();
    }
  });

  it('ignores an answer of any other shape, as if no extension had answered', async () => {
    const stop = extension((id) => ({ protocol: PRE_SHARE_PROTOCOL, type: 'report', id, others: 'many', flagged: [] }));
    try {
      expect(await askExtension(window, 400)).to.equal(undefined);
    } finally {
      stop();
    }
  });

  const bad: [string, (id: string) => unknown][] = [
    ['another request’s id', () => ({ protocol: PRE_SHARE_PROTOCOL, type: 'report', id: 'x', others: 0, flagged: [] })],
    ['an unknown reason', (id) => ({ protocol: PRE_SHARE_PROTOCOL, type: 'report', id, others: 1, flagged: [{ title: 't', reason: 'all-clear' }] })],
    ['too many windows', (id) => ({ protocol: PRE_SHARE_PROTOCOL, type: 'report', id, others: 1, flagged: Array.from({ length: 51 }, () => ({ title: 't', reason: 'mail' })) })],
    ['another protocol', (id) => ({ protocol: 'other/v9', type: 'report', id, others: 0, flagged: [] })],
  ];
  for (const [what, make] of bad) it(`does not take ${what}`, () => {
    expect(parseReport(make('id-1'), 'id-1')).to.equal(undefined);
  });

  it('shortens long titles', () => {
    const report = parseReport({ protocol: PRE_SHARE_PROTOCOL, type: 'report', id: 'id-1', others: 1, flagged: [{ title: 'x'.repeat(500), reason: 'mail' }] }, 'id-1');
    expect(report?.flagged[0]?.title).to.have.length(200);
  });
});
