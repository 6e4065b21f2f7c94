// tesseract.js ships its browser ES module build without types: it is the CommonJS package's API as
// a default export (TOOLCHAIN.md, OCR).
declare module 'tesseract.js/dist/tesseract.esm.min.js' {
  // The CommonJS package's `export =` namespace, taken whole: the only way to name it here.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  import Tesseract = require('tesseract.js');
  export default Tesseract;
}
