// custom-elements.json from the elements' JSDoc (@summary, @fires, @csspart, @cssproperty).
export default {
  // The join elements inherit their members from the shared base: it is analysed too.
  globs: ['components/src/elements/**/*.element.ts', 'components/src/elements/shared/join-base.ts'],
  exclude: ['**/*.test.ts'],
  outdir: '.',
  litelement: true,
};
