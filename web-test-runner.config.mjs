// Browser tests: real Chromium (Debian's), fake camera and microphone, real IndexedDB, and the
// real demo server (SMS relay, PeerServer) started for the run.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';
import { build } from 'esbuild';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { register } from 'tsx/esm/api';
import { CHROME_PATH, CHROMIUM_ARGS } from './scripts/chromium.mjs';
import { OCR_ASSETS } from './scripts/ocr-assets.mjs';

register();
const { startDemoServer } = await import('./demo/server/server.ts');
const { signInByFetch } = await import('./demo/server/idp/sign-in-by-fetch.ts');
const { signIn } = await import('./demo/server/oidc-test-client.ts');

/**
 * Lets tests written for `node:test` run under mocha in the browser, unchanged; node:test's
 * `{ timeout }` option (`it(name, { timeout }, fn)`, `before(fn, { timeout })`) is honoured too.
 */
const nodeTestShim = {
  name: 'dh-node-test-shim',
  resolveImport({ source }) {
    return source === 'node:test' ? '/__dh/node-test.js' : undefined;
  },
  serve({ path }) {
    if (path !== '/__dh/node-test.js') return undefined;
    const names = ['describe', 'it', 'before', 'after', 'beforeEach', 'afterEach'];
    const withOptions = `const withOptions = (register) => (...args) => {
  const fn = args.find((a) => typeof a === 'function');
  const options = args.find((a) => a !== null && typeof a === 'object');
  if (options?.timeout === undefined || !fn) return register(...args);
  const name = args.find((a) => typeof a === 'string');
  const timed = function (...rest) { this.timeout(options.timeout); return fn.apply(this, rest); };
  return name === undefined ? register(timed) : register(name, timed);
};`;
    return { type: 'js', body: [withOptions, ...names.map((n) => `export const ${n} = withOptions(globalThis.${n});`)].join('\n') };
  },
};

// peerjs ships CommonJS dependencies (sdp) that a browser cannot import unbundled: bundle it once
// per run to an ES module and point the bare import at it.
const PEERJS_BUNDLE = 'node_modules/.cache/dh-wtr/peerjs.js';
await build({
  entryPoints: ['node_modules/peerjs/dist/bundler.mjs'],
  bundle: true,
  format: 'esm',
  target: 'es2022',
  outfile: PEERJS_BUNDLE,
  logLevel: 'warning',
});
const peerjsBundle = {
  name: 'dh-peerjs-bundle',
  resolveImport({ source }) {
    return source === 'peerjs' ? `/${PEERJS_BUNDLE}` : undefined;
  },
};

/**
 * The OCR and PDF assets under /__dh/ocr/, in the layout the build gives dist/ocr/ (one list for
 * both), answered before the dev server's transforms: they are served as they are, like the build's.
 *
 * /__dh/ocr-crash/<token>/… serves the same folder with a worker that crashes on its next page each
 * time a test arms it (POST …/arm): a real worker 'error' event, with no hook in the code under test.
 * A token starting 'nolang' serves no models (a start that fails after the worker is up); one
 * starting 'nowasm' serves the worker under a CSP that refuses its WebAssembly.
 */
function ocrAssets() {
  const files = new Map(OCR_ASSETS.map(([from, to]) => [to, from]));
  const types = { js: 'text/javascript', mjs: 'text/javascript', wasm: 'application/wasm', gz: 'application/gzip' };
  const armed = new Map();
  const crashingWorker = (token) => `// Test only: tesseract.js's worker, crashing on a page when the test armed it.
self.addEventListener('message', (event) => {
  if (event.data?.action !== 'recognize') return;
  const take = new XMLHttpRequest();
  take.open('POST', '/__dh/ocr-crash/${token}/take', false);
  take.send();
  if (take.responseText !== 'crash') return;
  event.stopImmediatePropagation();
  throw new Error('simulated OCR worker crash');
});
importScripts('/__dh/ocr/tesseract/worker.min.js');
`;
  return async (ctx, next) => {
    const crash = /^\/__dh\/ocr-crash\/([\w-]{1,60})\/(.+)$/.exec(ctx.path);
    const asset = crash?.[2] ?? /^\/__dh\/ocr\/(.+)$/.exec(ctx.path)?.[1];
    if (!asset) return next();
    ctx.set('Cache-Control', 'no-store');
    if (crash?.[1].startsWith('nowasm')) ctx.set('Content-Security-Policy', "script-src 'self'");
    if (crash && (asset === 'arm' || asset === 'take')) {
      const token = crash[1];
      const left = armed.get(token) ?? 0;
      if (asset === 'arm') armed.set(token, left + 1);
      else armed.set(token, Math.max(0, left - 1));
      ctx.type = 'text/plain';
      ctx.body = asset === 'take' && left > 0 ? 'crash' : 'ok';
      return undefined;
    }
    if (crash && asset === 'tesseract/worker.min.js') {
      ctx.type = 'text/javascript';
      ctx.body = crashingWorker(crash[1]);
      return undefined;
    }
    const file = crash?.[1].startsWith('nolang') && asset.startsWith('tesseract/lang/') ? undefined : files.get(asset);
    if (!file) return next();
    ctx.type = types[asset.split('.').pop()] ?? 'text/plain';
    ctx.body = await readFile(file);
    return undefined;
  };
}

/**
 * A port free right now on 127.0.0.1. wtr's default (8000 on "localhost") lets two runs on one
 * machine bind the same port on different address families, and one run's browser then loads the
 * other run's test files.
 */
const freePort = () => new Promise((resolve, reject) => {
  const probe = createServer();
  probe.once('error', reject);
  probe.listen(0, '127.0.0.1', () => {
    const { port } = probe.address();
    probe.close(() => resolve(port));
  });
});

/**
 * Runs the demo server beside the test server and tells the tests where it is. Its test identity
 * provider's sign-in page is a form a test cannot fill in from its own page (another origin), so
 * the runner fills it in from Node and gives the test the callback address (or a whole ID token).
 */
function demoServerPlugin() {
  let demo;
  let dataDir;
  return {
    name: 'dh-demo-server',
    async serverStart({ config }) {
      dataDir = await mkdtemp(join(tmpdir(), 'dh-wtr-'));
      // The tests' pages come from this test server (http://127.0.0.1:<port>) and call the demo
      // server from there: REST with CORS, PeerJS over WebSocket.
      demo = await startDemoServer({ port: 0, dataDir, allowedOrigins: [`http://${config.hostname}:${config.port}`], tokenExchange: true });
    },
    async serverStop() {
      await demo?.close();
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    },
    async serve({ path, query }) {
      if (path === '/__dh/env.json') return { type: 'json', body: JSON.stringify({ demoUrl: demo.url, identity: demo.identity }) };
      // ?url=<authorization URL>&personnummer=…&method=… (or &cancel=1) → { callback }
      if (path === '/__dh/oidc/sign-in') {
        const choice = query.cancel ? { cancel: true } : { personnummer: String(query.personnummer), method: String(query.method) };
        const { callback } = await signInByFetch(String(query.url), choice);
        return { type: 'json', body: JSON.stringify({ callback: callback.href }) };
      }
      // ?token=<link token>&personnummer=…&method=… → { idToken }: a whole sign-in as the public client, in Node.
      if (path === '/__dh/oidc/id-token') {
        const { idToken } = await signIn({ url: demo.url, issuer: demo.identity.testIssuer },
          { personnummer: String(query.personnummer), method: String(query.method) }, { token: String(query.token) });
        return { type: 'json', body: JSON.stringify({ idToken }) };
      }
      return undefined;
    },
  };
}

/** Ends the run with one plain 'browser: N passed, N failed' line that any CI can read. */
function closingLineReporter() {
  const count = (suite, totals) => {
    for (const test of suite.tests ?? []) {
      if (test.skipped) totals.skipped++;
      else if (test.passed) totals.passed++;
      else totals.failed++;
    }
    for (const child of suite.suites ?? []) count(child, totals);
  };
  let line = '';
  return {
    onTestRunFinished({ sessions }) {
      const totals = { passed: 0, failed: 0, skipped: 0 };
      for (const session of sessions) {
        if (session.testResults) count(session.testResults, totals);
        // A file that failed to load has no results but must still fail the count.
        if (!session.passed && !session.testResults?.suites?.length && !session.testResults?.tests?.length) totals.failed++;
      }
      line = `browser: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`;
    },
    start() {
      // Printed at exit, after the default reporter has drawn its last frame.
      process.once('exit', () => {
        if (line) process.stdout.write(`\n${line}\n`);
      });
    },
  };
}

export default {
  hostname: '127.0.0.1',
  port: await freePort(),
  reporters: [defaultReporter(), closingLineReporter()],
  middleware: [ocrAssets()],
  // *.node.test.ts check against Node-only reference libraries: `npm run test:node` runs them.
  files: ['components/src/**/*.test.ts', '!components/src/**/*.node.test.ts'],
  nodeResolve: { browser: true },
  concurrency: 2,
  browserStartTimeout: 60_000,
  testsFinishTimeout: 10 * 60_000,
  // Media tests place real WebRTC calls on a 2-core machine that runs two test files at once.
  testFramework: { config: { timeout: 60_000 } },
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: CHROME_PATH,
        headless: true,
        args: CHROMIUM_ARGS.filter((a) => !a.startsWith('--headless')),
      },
      // Each test page in a browser context (a window) of its own: two tabs of one window hide
      // each other (document.visibilityState 'hidden' for all but the newest), and a hidden page
      // gets no animation frames and no ResizeObserver callbacks — tests that wait for a frame then
      // timed out whenever their file ran in the older tab.
      createPage: async ({ browser }) => (await browser.createBrowserContext()).newPage(),
    }),
  ],
  plugins: [
    nodeTestShim,
    peerjsBundle,
    demoServerPlugin(),
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' }),
  ],
};
