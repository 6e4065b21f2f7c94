import type { Clinic } from './config.js';

/**
 * The clinic an element works for: the one the page pins (an attribute), else the one the nurse
 * chose if it is still configured, else the only clinic there is; '' when she must choose.
 */
export function currentClinicId(clinics: readonly Pick<Clinic, 'id'>[], { pinned = '', chosen }: { pinned?: string; chosen?: string | undefined }): string {
  if (pinned !== '') return pinned;
  if (chosen && clinics.some((c) => c.id === chosen)) return chosen;
  return clinics.length === 1 ? (clinics[0]?.id ?? '') : '';
}
