// Types for chromium.mjs, which stays plain JavaScript so the test-runner config can load it.
export declare const CHROME_PATH: string;
export declare const CHROMIUM_ARGS: readonly string[];
export declare function chromiumPresent(): boolean;
