import { exactOrigin } from './origins.js';
import { startDemoServer } from './server.js';

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

const server = await startDemoServer({
  port,
  host: env.HOST ?? '127.0.0.1',
  allowedOrigins,
  ...(env.DH_DATA_DIR ? { dataDir: env.DH_DATA_DIR } : {}),
  ...(maxPeers !== undefined ? { maxPeers } : {}),
  ...(maxListings !== undefined ? { maxListings } : {}),
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
  Allowed origins:   ${server.allowedOrigins.join(', ')}
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
