// custom-elements.json from the elements' JSDoc (@summary, @fires, @csspart, @cssproperty).
export default {
  globs: ['components/src/elements/**/*.element.ts'],
  exclude: ['**/*.test.ts'],
  outdir: '.',
  litelement: true,
};
