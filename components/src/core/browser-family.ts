/**
 * Which browser's settings a patient must change to allow the camera: the fix is worded per
 * family. Decided from the user agent string alone (no DOM): on iPhone and iPad every browser is
 * Safari inside, but its own settings are reached in its own way, so those count as 'other'.
 */
export type BrowserFamily = 'chromium' | 'firefox' | 'safari' | 'other';

export function browserFamily(userAgent: string): BrowserFamily {
  if (/CriOS\/|FxiOS\/|EdgiOS\//.test(userAgent)) return 'other';
  if (userAgent.includes('Firefox/')) return 'firefox';
  if (/Chrome\/|Chromium\/|Edg\//.test(userAgent)) return 'chromium';
  if (/Version\/[\d.]+.*Safari\//.test(userAgent)) return 'safari';
  return 'other';
}
