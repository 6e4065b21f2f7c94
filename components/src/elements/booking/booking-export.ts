import { visitDateText, type Booking, type Clinic } from '../../core/index.js';
import { download } from '../shared/download.js';

/** Copies the EHR note to the clipboard; false when the page may not (it is then shown to copy by hand). */
export async function copyNote(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // No clipboard permission (an embedding page may deny it).
    return false;
  }
}

/** Downloads the visit as an .ics file for the nurse's own calendar. */
export async function downloadIcs(from: HTMLElement, booking: Booking, clinic: Clinic, now: Date): Promise<void> {
  // Loaded on demand: the time-zone data is large and most nurses never need it.
  const { bookingIcs } = await import('../../core/ics.js');
  const text = bookingIcs(booking, clinic, now);
  download(from, new Blob([text], { type: 'text/calendar;charset=utf-8' }), `videobesok-${visitDateText(new Date(booking.start), 'sv').time.replace(':', '')}.ics`);
}
