/**
 * How long a browser (and any cache between) may keep a file: the chunks rollup names by their
 * content hash forever, everything else only after asking again (an ETag makes that cheap), so a
 * new release reaches every page at its next load while unchanged chunks never travel twice.
 */
const HASHED = /^\/dist\/(chunks|patient)\/[\w-]+-[\w-]{8}\.js(\.map)?$/;

export function cachePolicy(path: string): string {
  return HASHED.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache';
}
