// Types for ocr-assets.mjs, which stays plain JavaScript so the rollup and test-runner configs can load it.
export declare const OCR_ASSETS: readonly (readonly [from: string, to: string])[];
