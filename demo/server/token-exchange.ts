/**
 * The token exchange, for brokers that will not serve a public client: the patient's page sends
 * what came back from the sign-in (`code`, its PKCE `code_verifier`, the `redirect_uri` it used),
 * and the server redeems it at the broker's token endpoint as a confidential client, with a
 * secret only the server knows. The page gets the ID token and nothing else: no access or refresh
 * token ever leaves the server, which keeps nothing either.
 */
import type { Request, RequestHandler, Response } from 'express';

export interface TokenExchangeBroker {
  /** The broker's issuer; its token endpoint comes from its discovery document. */
  readonly issuer: string;
  readonly clientId: string;
  /** From the server's configuration (environment), never from a browser. */
  readonly clientSecret: string;
}

export interface TokenExchangeOptions {
  readonly broker: TokenExchangeBroker;
  /** Origins whose pages may call the exchange, and on which a redirect_uri may be. */
  readonly origins: ReadonlySet<string>;
  /** How long the broker may take (default 10 s). */
  readonly timeoutMs?: number;
  /** Most exchanges waiting on the broker at once (default 20): more are refused with 503. */
  readonly maxInFlight?: number;
}

/** An authorization code: printable ASCII without space, a sane length. */
const CODE = /^[\x21-\x7e]{1,2048}$/;
/** RFC 7636: 43–128 unreserved characters. */
const VERIFIER = /^[A-Za-z0-9._~-]{43,128}$/;
/** A broker answer larger than this is not a token response. */
const MAX_RESPONSE_BYTES = 64 * 1024;
const JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

type Body = Record<string, unknown> | null | undefined;

/** The redirect URI, if it is a plain https/http URL on one of the allowed origins. */
function redirectUriOn(value: unknown, origins: ReadonlySet<string>): string | undefined {
  if (typeof value !== 'string' || value.length > 2048) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  const plain = url.username === '' && url.password === '' && url.hash === '' && url.href === value;
  return plain && origins.has(url.origin) ? value : undefined;
}

/** Reads at most `limit` bytes of a response body; undefined if it is larger. */
async function readCapped(response: globalThis.Response, limit: number): Promise<string | undefined> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

class BrokerError extends Error {
  constructor(readonly status: number, readonly error: string) {
    super(error);
  }
}

/** POST /api/token: `{ code, code_verifier, redirect_uri }` → `{ id_token }`. */
export function tokenExchange(options: TokenExchangeOptions): RequestHandler {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const maxInFlight = options.maxInFlight ?? 20;
  let inFlight = 0;
  let endpoint: Promise<string> | undefined;

  /** The broker's token endpoint, from its discovery document (asked again after a failure). */
  const tokenEndpoint = (): Promise<string> => {
    endpoint ??= (async () => {
      const response = await fetch(`${options.broker.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`, {
        headers: { Accept: 'application/json' },
        signal: AbortSignal.timeout(timeoutMs),
      });
      const text = response.ok ? await readCapped(response, MAX_RESPONSE_BYTES) : undefined;
      const metadata = JSON.parse(text ?? 'null') as { issuer?: unknown; token_endpoint?: unknown } | null;
      if (metadata?.issuer !== options.broker.issuer || typeof metadata.token_endpoint !== 'string') throw new BrokerError(502, 'broker_unavailable');
      return new URL(metadata.token_endpoint).href;
    })();
    endpoint.catch(() => { endpoint = undefined; });
    return endpoint;
  };

  const redeem = async (code: string, verifier: string, redirectUri: string): Promise<string> => {
    const credentials = `${encodeURIComponent(options.broker.clientId)}:${encodeURIComponent(options.broker.clientSecret)}`;
    const response = await fetch(await tokenEndpoint(), {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        Accept: 'application/json',
        Authorization: `Basic ${Buffer.from(credentials).toString('base64')}`,
      },
      body: new URLSearchParams({ grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: redirectUri }),
      redirect: 'error',
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await readCapped(response, MAX_RESPONSE_BYTES);
    let body: Body;
    try {
      body = JSON.parse(text ?? 'null') as Body;
    } catch {
      body = undefined;
    }
    if (!response.ok) {
      // The broker refused the code: pass on only its OAuth error code, so the page can say why.
      const error = typeof body?.error === 'string' && /^[a-z_]{1,64}$/.test(body.error) ? body.error : 'broker_error';
      throw new BrokerError(response.status >= 400 && response.status < 500 ? 400 : 502, error);
    }
    const idToken = body?.id_token;
    if (typeof idToken !== 'string' || idToken.length > 16_384 || !JWT.test(idToken)) throw new BrokerError(502, 'no_id_token');
    return idToken;
  };

  return (req: Request, res: Response): void => {
    res.setHeader('Cache-Control', 'no-store');
    const origin = req.headers.origin;
    // A browser always says where the page is; only the region's own pages may exchange codes.
    if (origin !== undefined && !options.origins.has(origin)) {
      res.status(403).json({ error: 'origin_not_allowed' });
      return;
    }
    const body = req.body as Body;
    const code = body?.code;
    const verifier = body?.code_verifier;
    const redirectUri = redirectUriOn(body?.redirect_uri, options.origins);
    if (typeof body !== 'object' || body === null || Object.keys(body).some((k) => k !== 'code' && k !== 'code_verifier' && k !== 'redirect_uri')
      || typeof code !== 'string' || !CODE.test(code) || typeof verifier !== 'string' || !VERIFIER.test(verifier) || redirectUri === undefined) {
      res.status(400).json({ error: 'invalid_request' });
      return;
    }
    if (inFlight >= maxInFlight) {
      res.status(503).json({ error: 'busy' });
      return;
    }
    inFlight++;
    void redeem(code, verifier, redirectUri).then(
      (idToken) => { res.json({ id_token: idToken }); },
      (e: unknown) => {
        if (e instanceof BrokerError) res.status(e.status).json({ error: e.error });
        else res.status(502).json({ error: 'broker_unavailable' });
      },
    ).finally(() => { inFlight--; });
  };
}
