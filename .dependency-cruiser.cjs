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
        'Modules import each other at run time: one of them belongs lower, or the shared part belongs in a third file.',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      // Reported, not yet failing: two cycles of types came in with the Zarr backend and the NWB
      // type tables (zarr/tree <-> zarr/nwbNames, nwb/types/bundledSchemas <-> its generated
      // table). Make this an error once they are folded.
      name: 'no-type-cycles',
      severity: 'warn',
      comment: 'Modules import types from each other: the type belongs in a third file.',
      from: {},
      to: { circular: true, via: { dependencyTypes: ['type-only'] } },
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
