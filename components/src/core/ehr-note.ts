import { languageName, type Clinic } from './config.js';
import type { Booking } from './booking.js';
import { bookingEnd } from './booking.js';
import { inSweden } from './time.js';
import { format } from 'date-fns';

/**
 * Plain text for the nurse to paste into the EHR (Take Care, Cosmic, …). The visit type is
 * "distanskontakt via videolänk", never internet-based treatment, and payment is by invoice.
 * With `actual`, the times of the call as it happened replace the booked ones.
 */
export function ehrNote(
  booking: Pick<Booking, 'start' | 'durationMinutes' | 'reason' | 'interpreter' | 'starProfileShown' | 'identity'>,
  clinic: Pick<Clinic, 'name'>,
  actual?: { readonly start: Date; readonly end: Date },
): string {
  const start = actual?.start ?? new Date(booking.start);
  const end = actual?.end ?? bookingEnd(booking);
  const minutes = Math.max(0, Math.round((end.getTime() - start.getTime()) / 60_000));
  const lines = [
    'Distanskontakt via videolänk',
    `Datum: ${format(inSweden(start), 'yyyy-MM-dd')}`,
    `Tid: ${format(inSweden(start), 'HH:mm')}–${format(inSweden(end), 'HH:mm')} (${minutes} min)`,
    `Mottagning: ${clinic.name}`,
    `Ärende: ${booking.reason}`,
    booking.interpreter
      ? `Tolk: ja, ${languageName(booking.interpreter.language, 'sv')} (via videolänk)`
      : 'Tolk: nej',
    ...identityLines(booking.identity),
    // Shown as a picture with personal data blacked out, never by sharing the screen.
    ...(booking.starProfileShown ? ['Stjärnprofil visad (utan personuppgifter)'] : []),
    'Betalning: faktura',
  ];
  return lines.join('\n');
}

const METHODS = { bankid: 'BankID', freja: 'Freja eID', eid: 'e-legitimation' } as const;

/** How the patient's identity was settled, when sign-in was in use. */
function identityLines(identity: Booking['identity']): string[] {
  if (identity?.verified) return [`Identitet: verifierad med ${METHODS[identity.verified]}`];
  if (identity?.override) return ['Identitet: inte verifierad med e-legitimation; patienten släpptes in efter sjuksköterskans bekräftelse'];
  return [];
}
