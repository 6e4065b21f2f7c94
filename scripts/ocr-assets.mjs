// What reading a scanned document loads at run time, served by the project itself, never from a
// CDN: the tesseract.js worker, its WebAssembly core, the Swedish and English models, and pdf.js's
// worker with its WebAssembly decoders. One list for the build (copied into dist/ocr/) and for the
// browser tests (served under /__dh/ocr/), so both load the same files from the same layout.

const CORE = 'node_modules/tesseract.js-core';
const PDFJS = 'node_modules/pdfjs-dist';

/** [file in this project, name under the served folder]. */
export const OCR_ASSETS = [
  ['node_modules/tesseract.js/dist/worker.min.js', 'tesseract/worker.min.js'],
  ['node_modules/tesseract.js/LICENSE.md', 'tesseract/LICENSE.md'],
  // The LSTM-only builds (the engine mode we run), fastest first: the worker picks relaxed SIMD,
  // then SIMD, then plain, by what the browser supports. Each has its WebAssembly inside.
  ...['relaxedsimd-lstm', 'simd-lstm', 'lstm'].map((v) => [`${CORE}/tesseract-core-${v}.wasm.js`, `tesseract/core/tesseract-core-${v}.wasm.js`]),
  [`${CORE}/LICENSE`, 'tesseract/core/LICENSE'],
  // One folder for both languages: tesseract.js takes a single langPath.
  ['node_modules/@tesseract.js-data/swe/4.0.0_best_int/swe.traineddata.gz', 'tesseract/lang/swe.traineddata.gz'],
  ['node_modules/@tesseract.js-data/eng/4.0.0_best_int/eng.traineddata.gz', 'tesseract/lang/eng.traineddata.gz'],
  [`${PDFJS}/build/pdf.worker.min.mjs`, 'pdfjs/pdf.worker.min.mjs'],
  [`${PDFJS}/LICENSE`, 'pdfjs/LICENSE'],
  // CCITT fax and JBIG2 (black-and-white scans), JPEG 2000 and ICC colour: pdf.js decodes them in
  // WebAssembly, fetched from wasmUrl.
  ...['jbig2.wasm', 'openjpeg.wasm', 'openjpeg_nowasm_fallback.js', 'qcms_bg.wasm', 'LICENSE_JBIG2', 'LICENSE_OPENJPEG', 'LICENSE_QCMS',
    'LICENSE_PDFJS_JBIG2', 'LICENSE_PDFJS_OPENJPEG', 'LICENSE_PDFJS_QCMS'].map((f) => [`${PDFJS}/wasm/${f}`, `pdfjs/wasm/${f}`]),
];
