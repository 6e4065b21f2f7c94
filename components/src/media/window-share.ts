/**
 * The fallback for anything but the star profile: one window, never a whole screen. The options are
 * hints a browser may ignore, so what was actually captured decides, and anything but a window or
 * a browser tab is stopped at once (fail closed: a screen shows every other window, too).
 */
export type WindowShare =
  | { readonly ok: true; readonly track: MediaStreamTrack; readonly surface: 'window' | 'browser' }
  | { readonly ok: false; readonly code: 'monitor' | 'unknown-surface' | 'cancelled' | 'unsupported' | 'failed' };

const ALLOWED: ReadonlySet<string> = new Set(['window', 'browser']);

/** What to ask the picker for (exported for the test that checks the request). */
export const WINDOW_SHARE_OPTIONS: DisplayMediaStreamOptions & Record<string, unknown> = {
  video: { displaySurface: 'window' },
  audio: false,
  monitorTypeSurfaces: 'exclude',
  selfBrowserSurface: 'exclude',
  surfaceSwitching: 'exclude',
  systemAudio: 'exclude',
};

export async function captureWindow(devices?: Pick<MediaDevices, 'getDisplayMedia'>): Promise<WindowShare> {
  // navigator.mediaDevices is absent outside a secure context, and in some embedded browsers.
  const source: Partial<Pick<MediaDevices, 'getDisplayMedia'>> | undefined = devices ?? (navigator as { mediaDevices?: MediaDevices }).mediaDevices;
  if (typeof source?.getDisplayMedia !== 'function') return { ok: false, code: 'unsupported' };
  let stream: MediaStream;
  try {
    stream = await source.getDisplayMedia(WINDOW_SHARE_OPTIONS);
  } catch (e) {
    return { ok: false, code: (e as { name?: string }).name === 'NotAllowedError' ? 'cancelled' : 'failed' };
  }
  const [track, ...rest] = stream.getTracks();
  for (const extra of rest) extra.stop();
  const surface = track?.getSettings().displaySurface;
  if (!track || !surface || !ALLOWED.has(surface)) {
    track?.stop();
    return { ok: false, code: surface === 'monitor' ? 'monitor' : 'unknown-surface' };
  }
  return { ok: true, track, surface: surface === 'window' ? 'window' : 'browser' };
}
