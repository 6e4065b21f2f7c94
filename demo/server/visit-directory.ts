import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * What a patient's page may learn about a visit before the nurse is online: clinic, time and
 * whether it still stands — keyed by the room id (a hash of the link's token), never by person.
 */
export interface VisitListing {
  readonly clinic: string;
  readonly start: string;
  readonly durationMinutes: number;
  readonly status: 'booked' | 'cancelled';
  /** The language the patient was invited in, so their page opens in it (never on the interpreter's). */
  readonly language?: string;
}

export const ROOM_ID = /^dh-[0-9a-f]{32}$/;

export class VisitDirectory {
  readonly #visits = new Map<string, VisitListing>();
  readonly #file: string;

  private constructor(dir: string) {
    this.#file = join(dir, 'visits.json');
  }

  static async open(dir: string): Promise<VisitDirectory> {
    const directory = new VisitDirectory(dir);
    try {
      const saved = JSON.parse(await readFile(directory.#file, 'utf8')) as Record<string, VisitListing>;
      for (const [room, listing] of Object.entries(saved)) directory.#visits.set(room, listing);
    } catch {
      // No directory yet.
    }
    return directory;
  }

  get(room: string): VisitListing | undefined {
    return this.#visits.get(room);
  }

  /** Validates and stores a listing; returns an error message (Swedish) or undefined. */
  async put(room: string, body: unknown): Promise<string | undefined> {
    if (!ROOM_ID.test(room)) return 'Ogiltigt rums-id.';
    const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    const { clinic, start, durationMinutes, status, language } = b;
    if (typeof clinic !== 'string' || clinic.length === 0 || clinic.length > 100) return 'clinic saknas.';
    if (typeof start !== 'string' || Number.isNaN(Date.parse(start))) return 'start ska vara en tidpunkt (ISO 8601).';
    if (typeof durationMinutes !== 'number' || !Number.isInteger(durationMinutes) || durationMinutes < 1 || durationMinutes > 600) return 'durationMinutes är ogiltigt.';
    if (status !== 'booked' && status !== 'cancelled') return 'status ska vara booked eller cancelled.';
    if (language !== undefined && (typeof language !== 'string' || !/^[a-z]{2}$/.test(language))) return 'language ska vara en språkkod med två bokstäver.';
    this.#visits.set(room, { clinic, start: new Date(start).toISOString(), durationMinutes, status, ...(language ? { language } : {}) });
    await writeFile(this.#file, JSON.stringify(Object.fromEntries(this.#visits)));
    return undefined;
  }
}
