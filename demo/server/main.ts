import { iceSettingsFromEnv } from './ice.js';
import { exactOrigin } from './origins.js';
import { startDemoServer } from './server.js';
import type { TokenExchangeBroker } from './token-exchange.js';

const env = process.env;
const port = Number(env.PORT ?? 8080);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT must be a port number, not "${env.PORT}".`);
  process.exit(2);
}

const allowedOrigins = (env.DH_ALLOWED_ORIGINS ?? '').split(',').map((s) => s.trim()).filter(Boolean);
const wrongOrigin = allowedOrigins.find((o) => exactOrigin(o) === undefined);
if (wrongOrigin !== undefined) {
  console.error(`DH_ALLOWED_ORIGINS must list exact origins such as https://vard.example.se, not "${wrongOrigin}".`);
  process.exit(2);
}
const maxPeers = env.DH_MAX_PEERS ? Number(env.DH_MAX_PEERS) : undefined;
if (maxPeers !== undefined && (!Number.isInteger(maxPeers) || maxPeers < 1)) {
  console.error(`DH_MAX_PEERS must be a whole number of 1 or more, not "${env.DH_MAX_PEERS}".`);
  process.exit(2);
}

const maxListings = env.DH_MAX_LISTINGS ? Number(env.DH_MAX_LISTINGS) : undefined;
if (maxListings !== undefined && (!Number.isInteger(maxListings) || maxListings < 1)) {
  console.error(`DH_MAX_LISTINGS must be a whole number of 1 or more, not "${env.DH_MAX_LISTINGS}".`);
  process.exit(2);
}

// The token exchange: DH_TOKEN_EXCHANGE=1 turns it on, against the demo's test provider unless a
// broker is named (its issuer, and the client id and secret the region got from it).
const exchangeOn = env.DH_TOKEN_EXCHANGE === '1' || env.DH_TOKEN_EXCHANGE === 'true';
if (env.DH_TOKEN_EXCHANGE !== undefined && env.DH_TOKEN_EXCHANGE !== '' && !exchangeOn && env.DH_TOKEN_EXCHANGE !== '0' && env.DH_TOKEN_EXCHANGE !== 'false') {
  console.error(`DH_TOKEN_EXCHANGE must be 1 (on) or 0 (off), not "${env.DH_TOKEN_EXCHANGE}".`);
  process.exit(2);
}
let tokenExchange: true | TokenExchangeBroker | undefined;
if (exchangeOn && env.DH_TOKEN_EXCHANGE_ISSUER) {
  const { DH_TOKEN_EXCHANGE_ISSUER: issuer, DH_TOKEN_EXCHANGE_CLIENT_ID: clientId, DH_TOKEN_EXCHANGE_CLIENT_SECRET: clientSecret } = env;
  const secure = ((): boolean => {
    try {
      const url = new URL(issuer);
      return url.protocol === 'https:' || (url.protocol === 'http:' && /^(localhost|127\.[\d.]+|\[::1\])$/.test(url.hostname));
    } catch {
      return false;
    }
  })();
  if (!secure || !clientId || !clientSecret) {
    console.error('DH_TOKEN_EXCHANGE_ISSUER must be an https URL, given with DH_TOKEN_EXCHANGE_CLIENT_ID and DH_TOKEN_EXCHANGE_CLIENT_SECRET.');
    process.exit(2);
  }
  tokenExchange = { issuer, clientId, clientSecret };
} else if (exchangeOn) {
  tokenExchange = true;
}

const ice = iceSettingsFromEnv(env);
if (typeof ice === 'string') {
  console.error(ice);
  process.exit(2);
}

const server = await startDemoServer({
  port,
  host: env.HOST ?? '127.0.0.1',
  allowedOrigins,
  ...(env.DH_DATA_DIR ? { dataDir: env.DH_DATA_DIR } : {}),
  ...(env.DH_DATABASE_URL ? { databaseUrl: env.DH_DATABASE_URL } : {}),
  ...(maxPeers !== undefined ? { maxPeers } : {}),
  ...(maxListings !== undefined ? { maxListings } : {}),
  ...(tokenExchange !== undefined ? { tokenExchange } : {}),
  ...(ice !== undefined ? { ice } : {}),
}).catch((e: unknown) => {
  const error = e as NodeJS.ErrnoException;
  console.error(error.code === 'EADDRINUSE' ? `Port ${port} is in use: set PORT to another port.` : error.message);
  process.exit(1);
});

console.log(`Digitala hälsosamtal — demo server
  Start page:        ${server.url}/
  SMS outbox:        ${server.url}/outbox
  SMS relay (POST):  ${server.url}/api/sms
  Signalling:        ${server.url.replace(/^http/, 'ws')}/peerjs
  Test sign-in:      ${server.identity.testIssuer}/.well-known/openid-configuration (TEST provider, not real BankID or Freja eID)
  OIDC issuer:       ${server.identity.testIssuer}
  Token exchange:    ${server.identity.config.tokenExchangeUrl ? `${server.url}${server.identity.config.tokenExchangeUrl} (POST) → ${server.identity.config.issuer}` : 'off (DH_TOKEN_EXCHANGE=1 turns it on)'}
  ICE servers:       ${ice ? `${ice.urls.join(', ')}${ice.secret ? ' (TURN credentials from POST /api/ice)' : ''}${ice.policy === 'relay' ? ', relay only' : ''}` : 'none (host candidates only)'}
  Allowed origins:   ${server.allowedOrigins.join(', ')}
  Visit directory:   ${env.DH_DATABASE_URL ? 'PostgreSQL (DH_DATABASE_URL)' : 'visits.json in the data directory'}
Press Ctrl-C to stop.`);

let stopping = false;
const stop = (): void => {
  if (stopping) return;
  stopping = true;
  console.log('Stopping…');
  void server.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
