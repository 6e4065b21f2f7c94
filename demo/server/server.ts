import express, { type NextFunction, type Request, type RequestHandler, type Response, type Router } from 'express';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ExpressPeerServer } from 'peer';
import { WebSocket, WebSocketServer, type RawData, type ServerOptions } from 'ws';
import { exactOrigin, hostsOf, ownOrigins } from './origins.js';
import { checkPeerMessage, MAX_MESSAGE_BYTES, MESSAGE_BURST, messageCost, MESSAGES_PER_SECOND, TokenBucket } from './signalling-guard.js';
import { SmsOutbox } from './sms-outbox.js';
import type { Clinic } from '../../components/src/core/index.js';
import { LOA3 } from '../../components/src/identity/claims.js';
import type { IdentityConfig } from '../../components/src/identity/oidc-client.js';
import { loadOrCreateKeys } from './idp/keys.js';
import { CONFIDENTIAL_CLIENT_ID, createIdentityProvider, PUBLIC_CLIENT_ID } from './idp/provider.js';
import { tokenExchange, type TokenExchangeBroker } from './token-exchange.js';
import { PostgresListingStore } from './postgres-listing-store.js';
import { VisitDirectory } from './visit-directory.js';
import { cachePolicy } from './cache-policy.js';
import { icePageConfig, iceRouter, type IceSettings } from './ice.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface DemoServerOptions {
  readonly port?: number;
  readonly host?: string;
  /** Where the SMS outbox is kept between runs. */
  readonly dataDir?: string;
  /**
   * Origins, besides the server's own, whose pages may use it: signalling over WebSocket, and CORS
   * on /api and /outbox.json. Exact origins ('https://vard.example.se'), never a wildcard.
   */
  readonly allowedOrigins?: readonly string[];
  /** Seconds before PeerServer drops a client that stopped sending heartbeats. */
  readonly peerAliveTimeoutMs?: number;
  /** Most PeerJS clients connected at once (100 by default, plenty for a demo). */
  readonly maxPeers?: number;
  /** PostgreSQL for the visit directory (a libpq URL), shared by several servers; default a file in `dataDir`. */
  readonly databaseUrl?: string;
  /** At most this many listings in the visit directory at once. */
  readonly maxListings?: number;
  /**
   * The token exchange (POST /api/token) for a broker that serves confidential clients only: off
   * unless given; `true` redeems codes at the demo's own test provider (as its confidential client).
   */
  readonly tokenExchange?: true | TokenExchangeBroker;
  /** STUN/TURN servers for the pages; with a TURN secret, POST /api/ice hands out short-lived credentials. */
  readonly ice?: IceSettings;
}

/** How the demo's patient page signs in, and what the nurse's side checks the ID token against. */
export interface DemoIdentity {
  /** The test provider's issuer, e.g. http://127.0.0.1:8080/oidc. */
  readonly testIssuer: string;
  /** For the patient's page (GET /api/identity-config gives the same); its clientId is the ID token's audience. */
  readonly config: IdentityConfig;
}

export interface DemoServer {
  readonly url: string;
  readonly port: number;
  readonly outbox: SmsOutbox;
  /** The server's own origins and the configured ones. */
  readonly allowedOrigins: readonly string[];
  readonly identity: DemoIdentity;
  close(): Promise<void>;
}

/**
 * A Content-Security-Policy as strict as a region's public site would set: no inline script, no
 * eval, workers only from the site itself (never blob:). `wasm` adds 'wasm-unsafe-eval', which the
 * OCR engine and pdf.js need to compile their WebAssembly. `connect` adds origins the page may
 * fetch from (the identity provider: discovery, keys, token endpoint); `formAction` origins a form
 * may lead to (the test provider's sign-in form ends at the client's page).
 */
export function contentSecurityPolicy({ wasm, connect = [], formAction = [] }: { wasm: boolean; connect?: readonly string[]; formAction?: readonly string[] }): string {
  return [
    "default-src 'self'",
    wasm ? "script-src 'self' 'wasm-unsafe-eval'" : "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "media-src 'self' blob: mediastream:",
    ["connect-src 'self'", ...connect].join(' '),
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    ["form-action 'self'", ...formAction].join(' '),
    "frame-ancestors 'self'",
  ].join('; ');
}

/** Every page and file but those below: the patient's and interpreter's pages among them. */
export const CSP = contentSecurityPolicy({ wasm: false });
/** Where a scan is read: the nurse's intranet and lobby pages, and the OCR and PDF workers' own scripts. */
export const OCR_CSP = contentSecurityPolicy({ wasm: true });

const OCR_PAGES: ReadonlySet<string> = new Set(['/', '/index.html', '/lobby', '/lobby.html']);
/**
 * A dedicated worker runs under the policy its own script is served with, not the page's: the
 * OCR workers (tesseract.js, pdf.js) under dist/ocr/ get the one that lets them compile.
 */
const usesOcr = (path: string): boolean => OCR_PAGES.has(path) || path.startsWith('/dist/ocr/');

/** The server's headers; `connect` gives the origins pages may fetch from besides their own (known once the server listens). */
const securityHeaders = (connect: () => readonly string[]) => (req: Request, res: Response, next: NextFunction): void => {
  const extra = connect();
  res.setHeader('Content-Security-Policy', extra.length === 0 ? (usesOcr(req.path) ? OCR_CSP : CSP) : contentSecurityPolicy({ wasm: usesOcr(req.path), connect: extra }));
  res.setHeader('X-Content-Type-Options', 'nosniff');
  // Links carry tokens: never leak a URL to another site.
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Permissions-Policy', 'camera=(self), microphone=(self), display-capture=(self)');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  next();
};

/** A WebSocket client that gets no answer to its close frame within this is cut off. */
const CLOSE_TIMEOUT_MS = 2000;

/**
 * A signalling socket that lets PeerServer see only what a PeerJS client sends, at a human pace; a
 * client that sends anything else is dropped. The check sits in `emit`, not in a listener: a
 * listener cannot keep a message from the listeners after it, and PeerServer's would still relay
 * or queue it.
 */
class SignallingSocket extends WebSocket {
  readonly #budget = new TokenBucket(MESSAGE_BURST, MESSAGES_PER_SECOND);
  #dropped = false;

  override emit(event: string | symbol, ...args: unknown[]): boolean {
    if (event !== 'message') return super.emit(event, ...args);
    if (this.#dropped) return false;
    const [data, isBinary] = args as [RawData, boolean];
    // PeerJS sends text frames only.
    if (isBinary || !Buffer.isBuffer(data)) return this.drop(1008, 'binary message');
    if (!this.#budget.take(messageCost(data.length))) return this.drop(1008, 'too many messages');
    if (checkPeerMessage(data.toString()) !== undefined) return this.drop(1008, 'invalid message');
    return super.emit(event, ...args);
  }

  /** Closes the connection; nothing more it sends reaches PeerServer. */
  drop(code: number, reason?: string): false {
    this.#dropped = true;
    this.close(code, reason);
    return false;
  }
}

interface Outage {
  failNext: number;
  status: number;
}

/** Starts the demo: static pages and bundles, PeerServer under /peerjs, the SMS relay and its outbox. */
export async function startDemoServer(options: DemoServerOptions = {}): Promise<DemoServer> {
  const host = options.host ?? '127.0.0.1';
  const dataDir = options.dataDir ?? join(ROOT, '.data');
  const outbox = await SmsOutbox.open(dataDir);
  // The clinics the region runs, for the pages and for the directory's check of every listing.
  const configText = await readFile(join(ROOT, 'demo/public/demo-config.json'), 'utf8');
  const clinics = (JSON.parse(configText) as { clinics: Clinic[] }).clinics;
  const directoryOptions = { clinics, ...(options.maxListings ? { maxListings: options.maxListings } : {}) };
  // Several servers behind one name share the directory in PostgreSQL; one server keeps a file.
  const visits = options.databaseUrl
    ? new VisitDirectory(await PostgresListingStore.open(options.databaseUrl), directoryOptions)
    : await VisitDirectory.open(dataDir, directoryOptions);
  const providerKeys = await loadOrCreateKeys(dataDir);
  const purgeTimer = setInterval(() => void visits.purge().catch(() => undefined), 3_600_000);
  purgeTimer.unref();
  const app = express();
  const server: Server = createServer(app);
  // Simulated outages: for every message (key ''), or for one number only, so that a test (or a
  // trainer) can fail its own messages without touching anyone else's.
  const outages = new Map<string, Outage>();
  const configured = (options.allowedOrigins ?? []).map((text) => {
    const origin = exactOrigin(text);
    if (!origin) throw new TypeError(`"${text}" is not an exact origin such as https://vard.example.se.`);
    return origin;
  });
  // Filled in once the server listens: its own origins carry the port it got (port 0 picks one).
  const origins = new Set<string>();
  let hosts = new Set<string>();
  const servesHost = (req: IncomingMessage): boolean => hosts.has(req.headers.host?.toLowerCase() ?? '');
  const WRONG_HOST = 'Servern svarar inte under det här namnet.';

  // The test identity provider, the token exchange and what pages sign in with: set up once the
  // server listens, since the provider's issuer carries the port.
  const identity: { origins: string[]; router?: Router; exchange?: RequestHandler; config?: IdentityConfig } = { origins: [] };

  app.disable('x-powered-by');
  // Behind a proxy on the same machine (nginx, deploy/nginx/): the client's address comes from
  // X-Forwarded-For, believed only from loopback so that nobody else can claim an address.
  app.set('trust proxy', 'loopback');
  app.use(securityHeaders(() => identity.origins));
  // A foreign site whose name its owner has pointed at 127.0.0.1 (DNS rebinding) reaches a local
  // demo as its own origin, past every Origin check; only the Host header still gives it away.
  app.use((req, res, next) => {
    if (servesHost(req)) next();
    else res.status(421).json({ error: WRONG_HOST });
  });

  const allowCors = (req: Request, res: Response, next: NextFunction): void => {
    const origin = req.headers.origin;
    if (origin && origins.has(origin)) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Vary', 'Origin');
      res.setHeader('Access-Control-Allow-Methods', 'POST, PUT, GET, OPTIONS');
      res.setHeader('Access-Control-Allow-Headers', 'Content-Type, Authorization');
    }
    if (req.method === 'OPTIONS') {
      res.sendStatus(204);
      return;
    }
    next();
  };

  // The test identity provider under /oidc: its sign-in pages, discovery, keys and token endpoint.
  app.use((req, res, next) => {
    if (identity.router) identity.router(req, res, next);
    else next();
  });

  app.use('/api', allowCors);
  app.use('/api', iceRouter({ settings: options.ice, listing: (room) => visits.get(room) }));
  // What the demo's patient page signs in with, and what the nurse's side checks the ID token against.
  app.get('/api/identity-config', (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json(identity.config);
  });
  app.post('/api/token', (req, res, next) => {
    if (!identity.exchange) {
      res.status(404).json({ error: 'Tokenväxlingen är inte påslagen (DH_TOKEN_EXCHANGE=1).' });
      return;
    }
    next();
  }, express.json({ limit: '8kb' }), (req, res, next) => {
    if (identity.exchange) identity.exchange(req, res, next);
    else next();
  });
  app.post('/api/sms', express.json({ limit: '16kb' }), (req, res, next) => {
    const to = (req.body as { to?: unknown } | null)?.to;
    const outage = (typeof to === 'string' ? outages.get(to) : undefined) ?? outages.get('');
    if (outage && outage.failNext > 0) {
      outage.failNext--;
      res.status(outage.status).json({ error: 'Sms-leverantören svarar inte (simulerad driftstörning).' });
      return;
    }
    outbox.accept(req.body).then((result) => {
      if (result.status === 'invalid') {
        res.status(400).json({ error: Object.values(result.errors).join(' '), fields: result.errors });
      } else {
        res.status(result.status === 'accepted' ? 202 : 200).json({ id: result.message.id, status: result.status });
      }
    }, next);
  });
  // Lets a trainer (or a test) make the next N relay calls fail, to show what nurses then see.
  app.get('/api/demo/sms-outage', (_req, res) => {
    res.json(outages.get('') ?? { failNext: 0, status: 503 });
  });
  app.post('/api/demo/sms-outage', express.json({ limit: '1kb' }), (req, res) => {
    const body = req.body as Record<string, unknown>;
    const failNext = Number(body.failNext ?? 0);
    const status = Number(body.status ?? 503);
    if (!Number.isInteger(failNext) || failNext < 0 || failNext > 1000 || !Number.isInteger(status) || status < 400 || status > 599) {
      res.status(400).json({ error: 'failNext ska vara 0–1000 och status 400–599.' });
      return;
    }
    const to = body.to ?? '';
    if (typeof to !== 'string' || (to !== '' && !/^\+\d{8,15}$/.test(to))) {
      res.status(400).json({ error: 'to ska vara ett nummer i formatet +46701234567.' });
      return;
    }
    const outage = { failNext, status };
    if (failNext === 0) outages.delete(to);
    else outages.set(to, outage);
    res.json(outage);
  });
  // The visit directory: the nurse's side lists clinic and time under the room id; the patient's
  // page reads it before the nurse is online (and learns of a cancellation).
  app.get('/api/visits/:room', (req, res, next) => {
    visits.get(req.params.room).then((listing) => {
      res.setHeader('Cache-Control', 'no-store');
      if (listing) res.json(listing);
      else res.status(404).json({ error: 'Besöket finns inte.' });
    }, next);
  });
  // Created once (201 with the secret that changes it from then on), changed only with that
  // secret (Authorization: Bearer …). A region puts its own sign-in in front of this.
  app.put('/api/visits/:room', express.json({ limit: '2kb' }), (req, res, next) => {
    const bearer = /^Bearer ([A-Za-z0-9_-]{1,64})$/.exec(req.headers.authorization ?? '')?.[1];
    visits.put(req.params.room, req.body, bearer).then((result) => {
      res.setHeader('Cache-Control', 'no-store');
      if (result.status === 201) res.status(201).json({ secret: result.secret });
      else if (result.status === 204) res.status(204).end();
      else res.status(result.status).json({ error: result.error });
    }, next);
  });
  app.get('/outbox.json', allowCors, (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json(outbox.list());
  });
  app.get('/outbox', (_req, res) => { res.sendFile(join(ROOT, 'demo/public/outbox.html')); });

  let signalling: WebSocketServer | undefined;
  const peerServer = ExpressPeerServer(server, {
    path: '/',
    allow_discovery: false,
    alive_timeout: options.peerAliveTimeoutMs ?? 60_000,
    concurrent_limit: options.maxPeers ?? 100,
    // PeerServer's own routes (/peerjs/, /peerjs/peerjs/id) would answer CORS for any origin.
    corsOptions: { origin: (origin: string | undefined, done: (error: null, allow: boolean) => void) => { done(null, origin !== undefined && origins.has(origin)); } },
    createWebSocketServer: (base) => {
      const wsOptions: ServerOptions<typeof SignallingSocket> & { closeTimeout: number } = {
        ...base,
        WebSocket: SignallingSocket,
        maxPayload: MAX_MESSAGE_BYTES,
        closeTimeout: CLOSE_TIMEOUT_MS,
        // Browsers always send Origin; a page of another site may not signal here, nor may a
        // script that leaves Origin out.
        verifyClient: ({ origin, req }, done) => {
          const refuse = (status: number, error: string): void => {
            done(false, status, JSON.stringify({ error }), { 'Content-Type': 'application/json; charset=utf-8' });
          };
          if (!servesHost(req)) refuse(421, WRONG_HOST);
          else if (!origins.has(origin)) refuse(403, 'Sidan får inte ansluta till videotjänsten härifrån.');
          else done(true);
        },
      };
      const wss = new WebSocketServer(wsOptions);
      signalling = wss;
      // Before PeerServer's own listener: whatever it does with a socket's error, the connection
      // that had it is closed (ws has sent 1002 or 1009 already) and no one else's is touched.
      wss.on('connection', (socket) => {
        socket.on('error', () => { socket.drop(1002); });
      });
      return wss;
    },
  });
  // PeerServer re-emits each socket's errors (and any message it cannot parse) as 'error' on its
  // app, where an unheard 'error' would end the process. Each belongs to one connection, already
  // closed above; there is nothing left to do, and nothing per request is logged.
  peerServer.on('error', () => undefined);
  // A peer that comes back with its id and token before the server has dropped the old socket is
  // taken back, but `peer` 1.0 does not tell it so (no OPEN; peers/peerjs-server#462), and PeerJS
  // then never reports itself open. The first connection of a client got its OPEN already.
  const registered = new WeakSet<object>();
  peerServer.on('connection', (client) => {
    if (registered.has(client)) client.send({ type: 'OPEN' });
    else registered.add(client);
  });
  app.use('/peerjs', peerServer);

  // The two nurse pages share one clinic configuration (demo-config.json), and they and the
  // patient's page get the sign-in's configuration (known once the server listens), put into each
  // page as it is served, the way a portal would template its own. `<` is escaped so that no text
  // in the JSON can end the script element.
  const ice = icePageConfig(options.ice);
  const patientConfig = { signallingUrl: '/peerjs', visitDirectoryUrl: '/api/visits', ...ice };
  const nurseConfig = { ...(JSON.parse(configText) as Record<string, unknown>), ...ice };
  const [intranet, lobby, besok, tolk] = await Promise.all(['index.html', 'lobby.html', 'besok.html', 'tolk.html'].map((page) => readFile(join(ROOT, 'demo/public', page), 'utf8')));
  const withConfig = (page: string, config: object): string => page.replace(/<!-- dh-demo-config[^>]*-->/, () =>
    `<script type="application/json" data-dh-config>\n${JSON.stringify({ ...config, identity: identity.config }).replace(/</g, '\\u003c')}</script>`);
  const pages: Readonly<Record<string, (() => string) | undefined>> = {
    '/': () => withConfig(intranet ?? '', nurseConfig), '/index.html': () => withConfig(intranet ?? '', nurseConfig),
    '/lobby': () => withConfig(lobby ?? '', nurseConfig), '/lobby.html': () => withConfig(lobby ?? '', nurseConfig),
    '/besok': () => withConfig(besok ?? '', patientConfig), '/besok.html': () => withConfig(besok ?? '', patientConfig),
    '/tolk': () => withConfig(tolk ?? '', patientConfig), '/tolk.html': () => withConfig(tolk ?? '', patientConfig),
  };
  app.get(Object.keys(pages), (req, res) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.type('html').send(pages[req.path]?.());
  });

  const cached = { setHeaders: (res: ServerResponse, path: string) => { res.setHeader('Cache-Control', cachePolicy(`/dist/${relative(join(ROOT, 'dist'), path)}`)); } };
  app.use('/dist', express.static(join(ROOT, 'dist'), { fallthrough: false, cacheControl: false, ...cached }));
  app.use(express.static(join(ROOT, 'demo/public'), { extensions: ['html'], cacheControl: false, setHeaders: (res) => { res.setHeader('Cache-Control', 'no-cache'); } }));

  // Answers errors in JSON without a stack trace (which could hold request data). Express knows an
  // error handler by its four parameters, so the unused `next` must stay.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  app.use((err: { status?: number; type?: string }, _req: Request, res: Response, _next: NextFunction) => {
    const status = err.status ?? 500;
    const error =
      err.type === 'entity.too.large' ? 'Meddelandet är för stort.'
      : err.type === 'entity.parse.failed' ? 'Kroppen är inte giltig JSON.'
      : status === 404 ? 'Finns inte.'
      : 'Serverfel.';
    res.status(status).json({ error });
  });

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8080, host, () => { resolveListen(); });
  });
  // Upgraded (WebSocket) sockets leave the HTTP server's bookkeeping; keep our own to close them.
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  const { port } = server.address() as AddressInfo;
  const own = ownOrigins(host, port);
  for (const origin of [...own, ...configured]) origins.add(origin);
  hosts = hostsOf(origins);
  const shownHost = host.includes(':') ? `[${host}]` : host;

  // The test provider: its issuer on the address the server listens on (127.0.0.1 for every interface).
  const wildcard = host === '0.0.0.0' || host === '::';
  const testIssuer = `http://${wildcard ? '127.0.0.1' : shownHost}:${port}/oidc`;
  const demoSecret = options.tokenExchange === true ? randomBytes(32).toString('base64url') : undefined;
  const idp = createIdentityProvider({
    issuer: testIssuer,
    redirectUris: own.flatMap((origin) => [`${origin}/besok`, `${origin}/besok.html`]),
    corsOrigins: origins,
    keys: providerKeys,
    ...(demoSecret !== undefined ? { confidentialClientSecret: demoSecret } : {}),
    pagePolicy: (formTargets) => contentSecurityPolicy({ wasm: false, connect: identity.origins, formAction: formTargets }),
  });
  const broker: TokenExchangeBroker | undefined = options.tokenExchange === true
    ? { issuer: testIssuer, clientId: CONFIDENTIAL_CLIENT_ID, clientSecret: demoSecret ?? '' }
    : options.tokenExchange;
  if (broker) identity.exchange = tokenExchange({ broker, origins });
  const signInIssuer = broker?.issuer ?? testIssuer;
  const identityConfig: IdentityConfig = {
    issuer: signInIssuer,
    clientId: broker?.clientId ?? PUBLIC_CLIENT_ID,
    // Both reach LoA 3; the method goes as login_hint and comes back in amr.
    methods: [
      { id: 'bankid', acrValues: LOA3, loginHint: 'bankid' },
      { id: 'freja', acrValues: LOA3, loginHint: 'freja' },
    ],
    ...(broker ? { tokenExchangeUrl: '/api/token' } : {}),
  };
  identity.config = identityConfig;
  identity.origins = [...new Set([new URL(testIssuer).origin, new URL(signInIssuer).origin])];
  identity.router = idp.router;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${shownHost}:${port}`,
    port,
    outbox,
    allowedOrigins: [...origins],
    identity: { testIssuer, config: identityConfig },
    close() {
      clearInterval(purgeTimer);
      // Graceful, as a restart by systemd wants it: no new connections; peers told the server is
      // going away (1001), so they come back by themselves; requests under way get a moment to
      // finish and the directory its last write; then whatever is left is cut.
      closing ??= new Promise<void>((done) => {
        server.close(() => { void visits.close().catch(() => undefined).then(done); });
        server.closeIdleConnections();
        for (const ws of signalling?.clients ?? []) ws.close(1001, 'server restarting');
        setTimeout(() => {
          server.closeAllConnections();
          for (const socket of sockets) socket.destroy();
        }, 3000).unref();
      });
      return closing;
    },
  };
}
