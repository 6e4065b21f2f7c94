import { expect } from 'chai';
import { describe, it } from 'node:test';
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
