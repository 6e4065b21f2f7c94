import type { DBSchema } from 'idb';
import type { Booking } from '../core/index.js';

/** A participant remembered for the next invitation (the seed's "active in the last 30 days"). */
export interface ParticipantRecord {
  /** Canonical 'YYYYMMDD-NNNN'. */
  readonly personnummer: string;
  readonly givenName: string;
  readonly familyName: string;
  readonly mobile: string;
  readonly email?: string;
  /** ISO instant of the last booking or visit. */
  readonly lastActive: string;
}

export type OutboxStatus = 'pending' | 'rejected';

/**
 * Why an SMS is still in the outbox, as a code (its text is `relay.<code>`, worded where it is
 * shown, in that page's language): 'queued', not delivered yet and tried again later; 'rejected',
 * refused by the relay, with the relay's own reason (the relay's text, shown as it is).
 */
export type OutboxError =
  | { readonly code: 'queued' }
  | { readonly code: 'rejected'; readonly reason: string };

/** An SMS that the relay has not (yet) accepted. */
export interface OutboxEntry {
  /** Also the relay's idempotency key, so a retry after a lost answer is not sent twice. */
  readonly id: string;
  readonly to: string;
  readonly text: string;
  readonly kind: string;
  readonly bookingId?: string;
  readonly createdAt: string;
  readonly attempts: number;
  readonly nextAttemptAt: string;
  readonly status: OutboxStatus;
  /** Why the last try failed. (Versions before codes stored a Swedish sentence; read as a code, see the store.) */
  readonly lastError?: OutboxError;
}

/**
 * What the visit directory gave back when a listing was created: the only key that may change or
 * cancel it. Kept with the booking, and purged with it.
 */
export interface ListingRecord {
  /** The listing's room id. */
  readonly room: string;
  readonly bookingId: string;
  readonly secret: string;
  /** ISO instant the visit ends, for the 30-day purge. */
  readonly end: string;
}

/** Wrong interpreter codes so far, per booking: five in all, whatever the connection. */
export interface CodeTriesRecord {
  readonly bookingId: string;
  /** The code the count belongs to; a new code (sent by SMS) starts from zero. */
  readonly code: string;
  readonly wrong: number;
  readonly end: string;
}

/** A half-filled form, kept across a reload. It may hold personal data, so it expires like them. */
export interface DraftRecord<T = unknown> {
  readonly value: T;
  readonly savedAt: string;
}

export interface DhSchema extends DBSchema {
  bookings: {
    key: string;
    value: Booking;
    indexes: { 'by-clinic-start': [string, string]; 'by-start': string };
  };
  participants: {
    key: string;
    value: ParticipantRecord;
    indexes: { 'by-last-active': string };
  };
  outbox: {
    key: string;
    value: OutboxEntry;
    indexes: { 'by-created': string };
  };
  settings: {
    key: string;
    value: unknown;
  };
  listings: {
    key: string;
    value: ListingRecord;
    indexes: { 'by-booking': string; 'by-end': string };
  };
  codeTries: {
    key: string;
    value: CodeTriesRecord;
    indexes: { 'by-end': string };
  };
  drafts: {
    key: string;
    value: DraftRecord;
    indexes: { 'by-saved': string };
  };
}

/** 1: bookings, participants, outbox, settings. 2: listings, codeTries, drafts (the invite draft moved out of settings). */
export const DB_VERSION = 2;
export const DEFAULT_DB_NAME = 'digitala-halsosamtal';
