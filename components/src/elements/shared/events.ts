import type { StarProfileValues, ValidInvite } from '../../core/index.js';
import type { RedactionBox } from '../../redact/boxes.js';

/** Every event of ours: `dh-` prefix, bubbles, crosses shadow roots. */
export type DhEvent<D> = CustomEvent<D>;

export interface BeforeInviteSendDetail {
  /** The checked invitation about to be booked and sent. */
  readonly invite: ValidInvite;
}
export interface InviteSentDetail {
  readonly bookingId: string;
  /** False when at least one SMS is still waiting in the outbox. */
  readonly smsSent: boolean;
}
export interface StartVisitDetail {
  readonly bookingId: string;
}
export interface BookingChangeDetail {
  readonly bookingId: string;
  readonly change: 'edited' | 'cancelled' | 'resent' | 'new-code';
}

/** The nurse chose the clinic she works at now; every element on the page that is not pinned follows. */
export interface ClinicChangeDetail {
  readonly clinicId: string;
}
/** A look-up of a typed personnummer in the 30-day participant cache finished. */
export interface ParticipantLookupDetail {
  /** Whether empty fields were filled in from an earlier visit (no personal data in the event). */
  readonly filled: boolean;
}

export interface DeviceCheckDetail {
  /** Microphone works and the signalling server answers (a camera is optional). */
  readonly ready: boolean;
  readonly audioOnly: boolean;
}
export interface SpeakerTestDetail {
  /** The person heard the test tone. */
  readonly heard: boolean;
}
/** What the nurse is about to share: the star profile, a scanned document, or one window. */
export interface BeforeShareDetail {
  readonly kind: 'star-profile' | 'document' | 'window';
}
export interface ShareChooseDetail {
  readonly kind: 'star-profile' | 'document' | 'window';
}

/** Nothing to say beyond the event itself. */
export type NoDetail = Record<string, never>;

/**
 * A box of the review: found in the OCR text ('auto', with the kind of data found) or drawn by the
 * nurse ('manual', kind 'manual'), covering or not.
 */
export interface ReviewedBox extends Omit<RedactionBox, 'kind'> {
  readonly kind: RedactionBox['kind'] | 'manual';
  /** False when the nurse uncovered it: it is listed, but what lies under it will be shown. */
  readonly active: boolean;
}
export interface RedactionReadyDetail {
  /** The page's size in pixels; the boxes are in the same pixels. */
  readonly width: number;
  readonly height: number;
  /** Every box the review lists, in its order. */
  readonly boxes: readonly ReviewedBox[];
}
export interface ShareStartDetail {
  /** A copy of the page with every covering box filled into its pixels. */
  readonly canvas: HTMLCanvasElement;
}

export interface CallEndDetail {
  readonly state: 'ended' | 'failed';
}
export interface StarProfileChangeDetail {
  /** What was filled in and saved: only the answered dimensions, numbers only (no personal data). */
  readonly values: StarProfileValues;
}

declare global {
  interface GlobalEventHandlersEventMap {
    /** Cancelable: a host page may veto sending an invitation. */
    'dh-before-invite-send': DhEvent<BeforeInviteSendDetail>;
    'dh-invite-sent': DhEvent<InviteSentDetail>;
    'dh-start-visit': DhEvent<StartVisitDetail>;
    'dh-booking-change': DhEvent<BookingChangeDetail>;
    'dh-clinic-change': DhEvent<ClinicChangeDetail>;
    'dh-participant-lookup': DhEvent<ParticipantLookupDetail>;
    'dh-device-check': DhEvent<DeviceCheckDetail>;
    'dh-speaker-test': DhEvent<SpeakerTestDetail>;
    'dh-call-end': DhEvent<CallEndDetail>;
    /** Cancelable: a host page may veto a share before anything is captured or sent. */
    'dh-before-share': DhEvent<BeforeShareDetail>;
    'dh-share-choose': DhEvent<ShareChooseDetail>;
    /** A scan was read and its personal data covered; again whenever the nurse changes a box. */
    'dh-redaction-ready': DhEvent<RedactionReadyDetail>;
    /** The covered copy of a reviewed scan, to share. */
    'dh-share-start': DhEvent<ShareStartDetail>;
    /** The nurse stopped sharing ("Sluta dela"). */
    'dh-share-stop': DhEvent<NoDetail>;
    'dh-star-profile-change': DhEvent<StarProfileChangeDetail>;
  }
}

export function dhEvent<K extends keyof GlobalEventHandlersEventMap>(
  type: K,
  detail: GlobalEventHandlersEventMap[K] extends CustomEvent<infer D> ? D : never,
  options: { cancelable?: boolean } = {},
): CustomEvent {
  return new CustomEvent(type, { detail, bubbles: true, composed: true, cancelable: options.cancelable ?? false });
}
