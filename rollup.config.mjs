import commonjs from '@rollup/plugin-commonjs';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { cp, rm } from 'node:fs/promises';
import esbuild from 'rollup-plugin-esbuild';
import { OCR_ASSETS } from './scripts/ocr-assets.mjs';

/** Starts from an empty dist/, so no stale hashed chunk is ever served or shipped. */
const cleanDist = {
  name: 'clean-dist',
  async buildStart() {
    await rm('dist', { recursive: true, force: true });
  },
};

/** Serves the Web Components polyfills from the project itself: no CDN at run time. */
const copyPolyfills = {
  name: 'copy-webcomponents-polyfills',
  async writeBundle() {
    const from = 'node_modules/@webcomponents/webcomponentsjs';
    for (const item of ['webcomponents-loader.js', 'bundles', 'LICENSE.md']) {
      await cp(`${from}/${item}`, `dist/vendor/webcomponentsjs/${item}`, { recursive: true });
    }
  },
};

/**
 * What reading a scan loads at run time (tesseract.js's worker, core and models, pdf.js's worker and
 * decoders) into dist/ocr/, beside the chunks that load it: the nurse's page fetches them from its
 * own site when she opens a scan, and never before.
 */
const copyOcrAssets = {
  name: 'copy-ocr-assets',
  async writeBundle() {
    for (const [from, to] of OCR_ASSETS) await cp(from, `dist/ocr/${to}`);
  },
};

/**
 * Self-contained ES-module bundles: a host page includes one script and needs nothing else
 * (no CDN, no import map). Shared code lands in hashed chunks next to the entries.
 */
const plugins = (extra = []) => [
  nodeResolve({ browser: true }),
  commonjs(),
  esbuild({ target: 'es2022', minify: true, tsconfig: 'tsconfig.json' }),
  ...extra,
];

const configs = [
  {
    input: {
      'digitala-halsosamtal': 'components/src/index.ts',
      core: 'components/src/core/index.ts',
      store: 'components/src/store/index.ts',
      notify: 'components/src/notify/index.ts',
      'demo/outbox-page': 'demo/src/outbox-page.ts',
      'demo/intranet-page': 'demo/src/intranet-page.ts',
      'demo/lobby-page': 'demo/src/lobby-page.ts',
    },
    output: {
      dir: 'dist',
      format: 'es',
      sourcemap: true,
      entryFileNames: '[name].js',
      chunkFileNames: 'chunks/[name]-[hash].js',
    },
    plugins: [cleanDist, ...plugins([copyPolyfills, copyOcrAssets])],
  },
  // The patient's page gets one file of its own: everything a patient's browser downloads to show
  // the join page, measurable as one number, and nothing from the nurse's side. A language other
  // than Swedish or English comes as a small chunk of its own when the patient chooses it, and the
  // call's element while the patient waits.
  {
    input: { 'digitala-halsosamtal-patient': 'components/src/patient.ts' },
    output: {
      dir: 'dist', format: 'es', sourcemap: true, entryFileNames: '[name].js',
      // Named for what they hold: a language (ar, fa, fi), the star profile form, the call's element.
      chunkFileNames: (chunk) => (chunk.facadeModuleId?.includes('/star-profile/') ? 'patient/star-profile-[hash].js'
        : chunk.facadeModuleId?.includes('/elements/call/') ? 'patient/call-[hash].js' : 'patient/[name]-[hash].js'),
    },
    // What a lazy chunk (a language, the star profile form) shares with the page is exported from
    // the page's own file, rather than moved into a third file every patient must download.
    preserveEntrySignatures: 'allow-extension',
    plugins: plugins(),
  },
];

// The nurses' browser extension: each script a self-contained classic file (a content script or a
// service worker loads no modules everywhere), then the static files and a zip for the stores.
const EXTENSION = 'dist/extension';
const extensionFiles = {
  name: 'extension-files',
  async writeBundle() {
    const { readFile, writeFile, readdir } = await import('node:fs/promises');
    const { zipSync } = await import('fflate');
    for (const item of ['manifest.json', 'icons', 'popup/popup.html', 'options/options.html', 'siths/panel.html', 'ui/extension.css']) {
      await cp(`extension/src/${item}`, `${EXTENSION}/${item}`, { recursive: true });
    }
    // The stores take a zip with the manifest at its root; no source maps in it.
    const files = {};
    for (const entry of await readdir(EXTENSION, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || entry.name.endsWith('.map')) continue;
      const path = `${entry.parentPath}/${entry.name}`;
      files[path.slice(EXTENSION.length + 1)] = new Uint8Array(await readFile(path));
    }
    await writeFile('dist/digitala-halsosamtal-extension.zip', zipSync(files, { level: 9, mtime: new Date('2026-01-01T00:00:00Z') }));
  },
};
const extensionEntries = {
  background: 'extension/src/background.ts',
  'popup/popup': 'extension/src/popup/popup.ts',
  'options/options': 'extension/src/options/options.ts',
  'siths/panel': 'extension/src/siths/panel.ts',
  'content/bridge': 'extension/src/content/bridge.ts',
  'content/siths': 'extension/src/content/siths.ts',
};
const entryNames = Object.keys(extensionEntries);
for (const [name, input] of Object.entries(extensionEntries)) {
  configs.push({
    input,
    output: { file: `${EXTENSION}/${name}.js`, format: 'iife', sourcemap: false },
    plugins: plugins(name === entryNames.at(-1) ? [extensionFiles] : []),
  });
}

export default configs;
