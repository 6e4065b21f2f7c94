import {
  cancelSms, interpreterCodeSms, interpreterInviteSms, inviteSms, newSmsCode, newTokenMeetingWith, updateSms, validateInvite,
  newBooking, clockText, swedishDate, isoDate, inSweden, roomPeerId, bookingEnd,
  type Booking, type Clinic, type InviteDraft, type InviteErrors, type SmsText, type ValidInvite,
} from '../core/index.js';
import type { SendResult, SmsRelay } from '../notify/index.js';
import { StaleBookingError, type LocalStore, type OutboxEntry } from '../store/index.js';

export interface VisitConfig {
  readonly clinics: readonly Clinic[];
  /** The patient's join page; the participant token goes in the fragment. */
  readonly patientUrl: string;
  /** The interpreter's join page. */
  readonly guestUrl: string;
  readonly interpreterLanguages?: readonly string[];
  /** Where clinic, time and status are listed under the room id for the patient's page. */
  readonly visitDirectoryUrl?: string;
}

export interface SmsOutcome {
  readonly to: 'participant' | 'interpreter';
  readonly kind: string;
  readonly result: SendResult;
}

export type EditResult =
  | { readonly ok: true; readonly booking: Booking; readonly sms: readonly SmsOutcome[] }
  | { readonly ok: false; readonly errors: InviteErrors };

/** Fired when bookings change, in this page or (through a BroadcastChannel) in another tab. */
export class BookingsChangedEvent extends Event {
  constructor(readonly bookingId: string) {
    super('bookings-changed');
  }
}

const CHANNEL = 'digitala-halsosamtal/bookings';

/**
 * The nurse's booking workflow: store a booking and send the right SMS for every change. The
 * fragment of a link (after '#') never reaches a server, so tokens stay out of server logs.
 */
export class VisitService extends EventTarget {
  readonly #channel: BroadcastChannel | undefined;
  readonly #publishing = new Map<string, Promise<void>>();

  constructor(
    readonly store: LocalStore,
    readonly relay: SmsRelay,
    readonly config: VisitConfig,
  ) {
    super();
    if (typeof BroadcastChannel !== 'undefined') {
      this.#channel = new BroadcastChannel(CHANNEL);
      this.#channel.onmessage = (e: MessageEvent<string>) => {
        this.dispatchEvent(new BookingsChangedEvent(e.data));
      };
    }
  }

  clinic(id: string): Clinic {
    return this.config.clinics.find((c) => c.id === id) ?? { id, name: id };
  }

  participantLink(booking: Pick<Booking, 'token'>): string {
    return `${this.config.patientUrl}#${booking.token}`;
  }

  interpreterLink(token: string): string {
    return `${this.config.guestUrl}#${token}`;
  }

  /** Stores the booking, remembers the participant for 30 days and sends the invitations. */
  async book(invite: ValidInvite, now: Date = new Date()): Promise<{ booking: Booking; sms: SmsOutcome[] }> {
    const fresh = newBooking(invite, now);
    // The interpreter's room meets the patient's on one signalling server (they call each other).
    const booking = await this.store.bookings.create(fresh.interpreter
      ? { ...fresh, interpreter: { ...fresh.interpreter, token: await newTokenMeetingWith(fresh.token) } }
      : fresh);
    await this.store.participants.remember(invite.participant, now);
    this.#changed(booking.id);
    await this.publish(booking);
    return { booking, sms: await this.#sendInvitations(booking, true) };
  }

  /** Sends the invitation again (the calendar's "resend"). */
  async resend(booking: Booking): Promise<SmsOutcome[]> {
    return this.#sendInvitations(booking, true);
  }

  /**
   * Applies an edit of time, duration, reason or interpreter, made from `booking` as the nurse
   * saw it. A stale version is refused by the store (StaleBookingError). The participant and
   * interpreter get the update SMS automatically.
   */
  async edit(booking: Booking, changes: Partial<InviteDraft>, now: Date = new Date()): Promise<EditResult> {
    const checked = validateInvite({ ...draftOf(booking), ...changes }, now, {
      clinics: this.config.clinics,
      ...(this.config.interpreterLanguages ? { interpreterLanguages: this.config.interpreterLanguages } : {}),
    });
    if (!checked.ok) return checked;
    const v = checked.value;
    const old = booking.interpreter;
    const keepInterpreter = old && v.interpreter?.mobile === old.mobile;
    const next: Booking = {
      ...booking,
      reason: v.reason,
      start: v.start.toISOString(),
      durationMinutes: v.durationMinutes,
      ...(v.interpreter
        ? { interpreter: { ...v.interpreter, token: keepInterpreter ? old.token : await newTokenMeetingWith(booking.token), code: keepInterpreter ? old.code : newSmsCode() } }
        : { interpreter: undefined }),
    };
    const stored = await this.store.bookings.update(next);
    this.#changed(stored.id);
    await this.publish(stored, old && !keepInterpreter ? [old.token] : []);

    const timeChanged = stored.start !== booking.start || stored.durationMinutes !== booking.durationMinutes;
    const sms: SmsOutcome[] = [];
    if (timeChanged) sms.push(await this.#send(stored, 'participant', 'update', updateSms({ ...this.#visit(stored), link: this.participantLink(stored) })));
    if (old && !keepInterpreter) sms.push(await this.#send({ ...stored, interpreter: old }, 'interpreter', 'cancel', cancelSms(this.#interpreterVisit(booking))));
    if (stored.interpreter && !keepInterpreter) sms.push(...(await this.#sendInterpreterInvite(stored)));
    else if (stored.interpreter && timeChanged) {
      sms.push(await this.#send(stored, 'interpreter', 'update', updateSms({ ...this.#interpreterVisit(stored), link: this.interpreterLink(stored.interpreter.token) })));
    }
    return { ok: true, booking: stored, sms };
  }

  /** Cancels (kept, shown struck through) and tells the participant and interpreter by SMS. */
  async cancel(booking: Booking): Promise<{ booking: Booking; sms: SmsOutcome[] }> {
    const cancelled = await this.store.bookings.cancel(booking.id, booking.version);
    this.#changed(cancelled.id);
    await this.publish(cancelled);
    const sms = [await this.#send(cancelled, 'participant', 'cancel', cancelSms(this.#visit(cancelled)))];
    if (cancelled.interpreter) sms.push(await this.#send(cancelled, 'interpreter', 'cancel', cancelSms(this.#interpreterVisit(cancelled))));
    return { booking: cancelled, sms };
  }

  /**
   * "Skicka ny kod": a new code for the interpreter, by SMS. The wrong tries counted against the old
   * code no longer matter (the store counts per code), so a locked-out interpreter can try again.
   */
  async newInterpreterCode(booking: Booking): Promise<{ booking: Booking; sms: SmsOutcome[] }> {
    const interpreter = booking.interpreter;
    if (!interpreter) return { booking, sms: [] };
    const stored = await this.store.bookings.update({ ...booking, interpreter: { ...interpreter, code: newSmsCode() } });
    this.#changed(stored.id);
    const code = stored.interpreter?.code ?? '';
    return { booking: stored, sms: [await this.#send(stored, 'interpreter', 'interpreter-code', interpreterCodeSms({ ...this.#interpreterVisit(stored), code }))] };
  }

  /**
   * Notes what happened in the visit that the EHR note reports (the star profile shown, how the
   * patient's identity was settled). Reads the booking afresh, so an edit made meanwhile in another
   * tab is kept.
   */
  async noteVisit(bookingId: string, note: Partial<Pick<Booking, 'starProfileShown' | 'identity'>>): Promise<void> {
    for (let tries = 0; tries < 3; tries++) {
      const current = await this.store.bookings.get(bookingId);
      if (!current) return;
      const next: Booking = { ...current, ...note, ...(note.identity ? { identity: { ...current.identity, ...note.identity } } : {}) };
      if (JSON.stringify(next) === JSON.stringify(current)) return;
      try {
        await this.store.bookings.update(next);
        this.#changed(bookingId);
        return;
      } catch (e) {
        if (!(e instanceof StaleBookingError)) throw e;
      }
    }
  }

  /** Unsent SMS for a booking (the "SMS not sent — retry" state). */
  async unsent(bookingId: string): Promise<OutboxEntry[]> {
    return (await this.relay.pending()).filter((e) => e.bookingId === bookingId);
  }

  close(): void {
    this.#channel?.close();
  }

  /** The visit as the participant's texts tell it: in the invitation's language. */
  #visit(b: Booking): { clinic: Clinic; start: Date; durationMinutes: number; locale: Booking['language'] } {
    return { clinic: this.clinic(b.clinicId), start: new Date(b.start), durationMinutes: b.durationMinutes, locale: b.language };
  }

  /**
   * The visit as the interpreter's texts tell it: in Swedish whatever the invitation's language,
   * as interpreters are booked through Swedish interpreting agencies.
   */
  #interpreterVisit(b: Booking): { clinic: Clinic; start: Date; durationMinutes: number; locale: 'sv' } {
    return { ...this.#visit(b), locale: 'sv' };
  }

  async #sendInvitations(booking: Booking, includeInterpreter: boolean): Promise<SmsOutcome[]> {
    const sms = [await this.#send(booking, 'participant', 'invite', inviteSms({ ...this.#visit(booking), link: this.participantLink(booking) }))];
    if (includeInterpreter && booking.interpreter) sms.push(...(await this.#sendInterpreterInvite(booking)));
    return sms;
  }

  async #sendInterpreterInvite(booking: Booking): Promise<SmsOutcome[]> {
    const interpreter = booking.interpreter;
    if (!interpreter) return [];
    const visit = this.#interpreterVisit(booking);
    return [
      await this.#send(booking, 'interpreter', 'interpreter-invite', interpreterInviteSms({ ...visit, link: this.interpreterLink(interpreter.token), language: interpreter.language })),
      await this.#send(booking, 'interpreter', 'interpreter-code', interpreterCodeSms({ ...visit, code: interpreter.code })),
    ];
  }

  async #send(booking: Booking, to: SmsOutcome['to'], kind: string, sms: SmsText): Promise<SmsOutcome> {
    const number = to === 'participant' ? booking.participant.mobile : booking.interpreter?.mobile;
    if (!number) throw new Error('no recipient');
    const result = await this.relay.send({ to: number, text: sms.text, kind, bookingId: booking.id });
    return { to, kind, result };
  }

  /**
   * Lists the visit (clinic, time, status — nothing about the person) under its room ids, so the
   * patient's and interpreter's pages can show it and know of a cancellation. The directory gives
   * a secret back when a listing is created; it is kept with the booking in the store, and only
   * it changes the listing later. `retired` are tokens of links no longer in use (an interpreter
   * who was replaced): their listings are marked cancelled. Best effort: the call works without it.
   */
  publish(booking: Booking, retired: readonly string[] = []): Promise<void> {
    // One publish per booking at a time: a second "create" of the same room would be refused.
    const previous = this.#publishing.get(booking.id) ?? Promise.resolve();
    const next = previous.then(() => this.#publish(booking, retired));
    this.#publishing.set(booking.id, next);
    void next.finally(() => {
      if (this.#publishing.get(booking.id) === next) this.#publishing.delete(booking.id);
    });
    return next;
  }

  async #publish(booking: Booking, retired: readonly string[]): Promise<void> {
    const url = this.config.visitDirectoryUrl;
    if (!url) return;
    const listing = { clinicId: booking.clinicId, start: booking.start, durationMinutes: booking.durationMinutes, status: booking.status };
    // The patient's page opens in the invitation's language; the interpreter's in the page's own.
    const entries: [string, object][] = [[booking.token, { ...listing, language: booking.language }]];
    if (booking.interpreter) entries.push([booking.interpreter.token, listing]);
    for (const token of retired) entries.push([token, { ...listing, status: 'cancelled' }]);
    const end = bookingEnd(booking).toISOString();
    await Promise.all(entries.map(async ([token, body]) => {
      try {
        const room = await roomPeerId(token);
        const secret = await this.store.listings.get(room);
        const response = await fetch(`${url}/${room}`, {
          method: 'PUT',
          headers: { 'Content-Type': 'application/json', ...(secret ? { Authorization: `Bearer ${secret}` } : {}) },
          body: JSON.stringify(body),
          referrerPolicy: 'no-referrer',
        });
        if (response.status !== 201) return;
        const created = (await response.json()) as { secret?: unknown };
        if (typeof created.secret === 'string') await this.store.listings.put({ room, bookingId: booking.id, secret: created.secret, end });
      } catch {
        // The directory is a convenience; a failure must not block the booking.
      }
    }));
  }

  #changed(bookingId: string): void {
    this.dispatchEvent(new BookingsChangedEvent(bookingId));
    this.#channel?.postMessage(bookingId);
  }
}

/** The booking as the invite form's fields, so an edit is checked by the same rules as an invite. */
export function draftOf(b: Booking): InviteDraft {
  const start = new Date(b.start);
  const local = inSweden(start);
  return {
    clinic: b.clinicId,
    personnummer: b.participant.personnummer,
    givenName: b.participant.givenName,
    familyName: b.participant.familyName,
    mobile: b.participant.mobile,
    email: b.participant.email ?? '',
    reason: b.reason,
    date: isoDate(swedishDate(start)),
    time: clockText(local.getHours() * 60 + local.getMinutes()),
    duration: b.durationMinutes,
    language: b.language,
    interpreter: b.interpreter !== undefined,
    interpreterLanguage: b.interpreter?.language ?? '',
    interpreterMobile: b.interpreter?.mobile ?? '',
    interpreterEmail: b.interpreter?.email ?? '',
  };
}
