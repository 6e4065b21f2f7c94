import express, { type Request, type Router } from 'express';
import { randomBytes } from 'node:crypto';
import { TokenBucket } from './signalling-guard.js';
import { credentialExpiry, turnCredential } from './turn-credentials.js';
import { ROOM_ID, type VisitListing } from './visit-directory.js';

// Which ICE servers (STUN, TURN) the pages use, and POST /api/ice, which hands a page short-lived
// TURN credentials for one visit. A module of its own: server.ts only mounts it.

export interface IceSettings {
  /** `stun:`, `turn:` and `turns:` URLs, e.g. `turns:turn.region.se:443?transport=tcp`. */
  readonly urls: readonly string[];
  /** coturn's `static-auth-secret` (with `use-auth-secret`): it signs credentials and never leaves the server. */
  readonly secret?: string;
  /** 'relay' sends all media through TURN (the relayed-call test sets it); 'all' by default. */
  readonly policy?: RTCIceTransportPolicy;
}

const ICE_URL = /^(stuns?|turns?):[^\s,]{1,250}$/;
const isTurn = (url: string): boolean => url.startsWith('turn');

/** Reads DH_TURN_URLS, DH_TURN_SECRET and DH_ICE_TRANSPORT_POLICY; a string says what is wrong. */
export function iceSettingsFromEnv(env: NodeJS.ProcessEnv): IceSettings | string | undefined {
  const urls = (env.DH_TURN_URLS ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const secret = env.DH_TURN_SECRET ?? '';
  const policy = env.DH_ICE_TRANSPORT_POLICY ?? '';
  if (urls.length === 0 && secret === '' && policy === '') return undefined;
  const wrong = urls.find((u) => !ICE_URL.test(u));
  if (wrong !== undefined) return `DH_TURN_URLS must list stun:, turn: or turns: URLs separated by commas, not "${wrong.slice(0, 80)}".`;
  if (policy !== '' && policy !== 'all' && policy !== 'relay') return `DH_ICE_TRANSPORT_POLICY must be all or relay, not "${policy.slice(0, 20)}".`;
  const turn = urls.some(isTurn);
  // A TURN server without a shared secret would need a long-lived password in every page: refused.
  if (turn && secret === '') return 'DH_TURN_URLS names a TURN server: give its shared secret (coturn static-auth-secret) in DH_TURN_SECRET.';
  if (!turn && secret !== '') return 'DH_TURN_SECRET is set, but DH_TURN_URLS names no turn: or turns: URL.';
  if (policy === 'relay' && !turn) return 'DH_ICE_TRANSPORT_POLICY=relay needs a TURN server in DH_TURN_URLS.';
  return { urls, ...(secret ? { secret } : {}), ...(policy ? { policy } : {}) };
}

/**
 * What goes into each page's configuration: STUN servers as they are, and for TURN the address of
 * POST /api/ice instead of any password.
 */
export function icePageConfig(settings: IceSettings | undefined): { iceServers: RTCIceServer[]; iceUrl?: string; iceTransportPolicy?: RTCIceTransportPolicy } {
  const stun = settings?.urls.filter((u) => !isTurn(u)) ?? [];
  return {
    iceServers: stun.length > 0 ? [{ urls: stun }] : [],
    ...(settings?.secret ? { iceUrl: '/api/ice' } : {}),
    ...(settings?.policy ? { iceTransportPolicy: settings.policy } : {}),
  };
}

/** The answer of POST /api/ice. */
export interface IceAnswer {
  readonly iceServers: RTCIceServer[];
  readonly iceTransportPolicy: RTCIceTransportPolicy;
  /** When the TURN credential lapses (ms since the epoch): ask again before then. */
  readonly expiresAt: number;
}

/** Requests per address: a page asks once per visit, again on reload or renewal. */
const PER_ADDRESS = { burst: 20, perSecond: 1 / 6 };
/** Requests per listing: a patient, an interpreter and the nurse, a few reloads, renewals. */
const PER_LISTING = { burst: 10, perSecond: 1 / 60 };
/** Buckets kept at most: the oldest goes first, so a flood of addresses cannot fill the memory. */
const MAX_BUCKETS = 10_000;

/** Token buckets by key, at most MAX_BUCKETS of them. */
class Limits {
  readonly #buckets = new Map<string, TokenBucket>();
  constructor(private readonly rate: { burst: number; perSecond: number }, private readonly now: () => number) {}

  take(key: string): boolean {
    let bucket = this.#buckets.get(key);
    if (!bucket) {
      if (this.#buckets.size >= MAX_BUCKETS) this.#buckets.delete(this.#buckets.keys().next().value ?? '');
      bucket = new TokenBucket(this.rate.burst, this.rate.perSecond, this.now);
      this.#buckets.set(key, bucket);
    }
    return bucket.take();
  }
}

export interface IceRouteOptions {
  readonly settings: IceSettings | undefined;
  /** A listing by room id, as the visit directory has it. */
  readonly listing: (room: string) => Promise<VisitListing | undefined>;
  readonly now?: () => number;
}

/**
 * POST /ice `{ room }`: credentials for a page that holds a current listing. The room id is derived
 * from the link's token (the patient's, the interpreter's; the nurse's side holds both), so it
 * proves holding a link without naming anyone; the credential is valid until the visit's end and
 * a margin (capped), and asking is rate-limited per address and per listing.
 */
export function iceRouter({ settings, listing, now = Date.now }: IceRouteOptions): Router {
  const router = express.Router();
  const byAddress = new Limits(PER_ADDRESS, now);
  const byListing = new Limits(PER_LISTING, now);
  const tooMany = (res: express.Response): void => {
    res.setHeader('Retry-After', '60');
    res.status(429).json({ error: 'För många förfrågningar. Försök igen om en minut.' });
  };
  router.post('/ice', (req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    const secret = settings?.secret;
    if (!settings || !secret) {
      res.status(404).json({ error: 'Ingen TURN-server är konfigurerad.' });
      return;
    }
    if (!byAddress.take(addressOf(req))) {
      tooMany(res);
      return;
    }
    next();
  }, express.json({ limit: '1kb' }), (req, res, next) => {
    void answer(req, res).catch(next);
  });
  async function answer(req: Request, res: express.Response): Promise<void> {
    const secret = settings?.secret ?? '';
    const body = req.body as Record<string, unknown> | null;
    const room = typeof body === 'object' && body !== null && !Array.isArray(body) && Object.keys(body).length === 1 ? body.room : undefined;
    if (typeof room !== 'string' || !ROOM_ID.test(room)) {
      res.status(400).json({ error: 'Kroppen ska vara { "room": rums-id }.' });
      return;
    }
    const l = await listing(room);
    const at = now();
    const expiry = l?.status === 'booked' ? credentialExpiry(at, Date.parse(l.start) + l.durationMinutes * 60_000) : undefined;
    if (expiry === undefined) {
      res.status(403).json({ error: 'Besöket finns inte, är avbokat eller är över.' });
      return;
    }
    if (!byListing.take(room)) {
      tooMany(res);
      return;
    }
    // A random label: the TURN server's log can tell allocations apart, and learns nothing more.
    const { username, credential } = turnCredential(secret, expiry, randomBytes(6).toString('base64url'));
    const stun = settings?.urls.filter((u) => !isTurn(u)) ?? [];
    const reply: IceAnswer = {
      iceServers: [...(stun.length > 0 ? [{ urls: stun }] : []), { urls: settings?.urls.filter(isTurn) ?? [], username, credential }],
      iceTransportPolicy: settings?.policy ?? 'all',
      expiresAt: expiry * 1000,
    };
    res.json(reply);
  }
  return router;
}

/** The caller's address: behind nginx on this machine, the client's (the server trusts X-Forwarded-For from loopback). */
const addressOf = (req: Request): string => req.ip ?? req.socket.remoteAddress ?? '';
