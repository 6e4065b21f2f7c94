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
  readonly lastError?: string;
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
}

export const DB_VERSION = 1;
export const DEFAULT_DB_NAME = 'digitala-halsosamtal';
