import { PARTICIPANT_RETENTION_DAYS } from './config.js';
import type { UiLocale } from './i18n.js';
import type { ValidInvite } from './invite.js';
import { DAY_MS } from './time.js';
import { newSmsCode, newToken } from './tokens.js';

export type BookingStatus = 'booked' | 'cancelled';

/** A booked video visit, as stored in the nurse's browser. */
export interface Booking {
  readonly id: string;
  /** Bumped on every stored change; an edit made from an older version is refused. */
  readonly version: number;
  readonly clinicId: string;
  readonly status: BookingStatus;
  readonly participant: ValidInvite['participant'];
  readonly reason: string;
  /** ISO 8601 instant (UTC), so that string order is time order in the store's index. */
  readonly start: string;
  readonly durationMinutes: number;
  /** The invitation's language (its SMS texts, the patient's page). */
  readonly language: UiLocale;
  readonly interpreter?: ValidInvite['interpreter'] & { readonly token: string; readonly code: string };
  /** The opaque token in the participant's SMS link. */
  readonly token: string;
  /** The star profile was shown during the visit (for the EHR note). */
  readonly starProfileShown?: boolean;
  /**
   * How the patient's identity was settled when let in: verified by e-legitimation (which), or let
   * in unverified after the nurse confirmed it (for the EHR note).
   */
  readonly identity?: { readonly verified?: 'bankid' | 'freja' | 'eid'; readonly override?: boolean };
  readonly createdAt: string;
  readonly updatedAt: string;
}

export function newBooking(invite: ValidInvite, now: Date = new Date()): Booking {
  const stamp = now.toISOString();
  return {
    id: crypto.randomUUID(),
    version: 1,
    clinicId: invite.clinicId,
    status: 'booked',
    participant: invite.participant,
    reason: invite.reason,
    start: invite.start.toISOString(),
    durationMinutes: invite.durationMinutes,
    language: invite.language,
    ...(invite.interpreter ? { interpreter: { ...invite.interpreter, token: newToken(), code: newSmsCode() } } : {}),
    token: newToken(),
    createdAt: stamp,
    updatedAt: stamp,
  };
}

export const bookingEnd = (b: Pick<Booking, 'start' | 'durationMinutes'>): Date =>
  new Date(Date.parse(b.start) + b.durationMinutes * 60_000);

/** The instant before which personal details are purged. */
export const retentionCutoff = (now: Date): Date => new Date(now.getTime() - PARTICIPANT_RETENTION_DAYS * DAY_MS);
