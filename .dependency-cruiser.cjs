/* global module */
/**
 * The cycle check (the layer rules themselves are in eslint.config.js). dependency-cruiser
 * resolves every import of src/ (type-only ones too: a cycle of types is still two modules that
 * cannot be understood apart) and fails on any cycle. Run by scripts/test.sh:
 *   npx depcruise src --config .dependency-cruiser.cjs
 */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment:
        'Modules import each other: one of them belongs lower, or a type belongs in a third file.',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)node_modules/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'],
    },
  },
};
