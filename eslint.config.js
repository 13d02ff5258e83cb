import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

/**
 * The architecture's one-way arrows, one entry per folder of src/: what each layer may import.
 * Everything not listed is refused, so a new layer or a file moved inside one keeps the rules.
 * `types` are layers whose types (only) may be imported. `app` assembles everything; `errors.ts`
 * and `common/` (leaf helpers that import nothing: urlFileName, formatBytes, hdf5FileName) are shared by all. Cycles are checked separately (dependency-cruiser, see .dependency-cruiser.cjs).
 */
const LAYERS = {
  bytes: { may: [] },
  cache: { may: ['bytes'] },
  hdf5: { may: ['cache', 'bytes', 'reader'] },
  zarr: { may: ['cache', 'bytes', 'reader'] },
  reader: { may: [] },
  nwb: { may: ['reader'] },
  dandi: { may: [], types: ['bytes'] },
  links: { may: [], types: ['bytes'] },
  workers: { may: ['bytes', 'cache', 'hdf5', 'zarr', 'reader'] },
  // SQL over tables the NWB layer stacked from many files (DuckDB-wasm); no React, no workers.
  sql: { may: ['nwb', 'reader'] },
  // The app-shell service worker and its plan, a link's view picture and its shelf: self-contained.
  offline: { may: [] },
  ui: { may: ['nwb', 'reader', 'dandi', 'links', 'sql'] },
};
const ALL_LAYERS = [...Object.keys(LAYERS), 'app'];
/** Format libraries live behind the DataReader contract, in their backend and the workers. */
const FORMAT_LIBRARIES = ['h5wasm', 'h5wasm/node', 'zarrita'];
/** The panes reach the workers only through the client's types, re-exported by one file. */
const UI_WORKER_SEAM = 'src/ui/clientTypes.ts';

/** An import that climbs out of its folder into the named layer ('../bytes/x', '../../nwb'). */
const intoLayer = (name) => `^(\\.\\./)+${name}(/|$)`;

function restrictions(layer, { may, types = [] }, { allowTypesOf = [] } = {}) {
  const refused = ALL_LAYERS.filter((other) => other !== layer && !may.includes(other));
  const patterns = refused.map((other) => ({
    regex: intoLayer(other),
    allowTypeImports: types.includes(other) || allowTypesOf.includes(other),
    message: `${layer}/ must not import from ${other}/ (see ARCHITECTURE.md and eslint.config.js).`,
  }));
  const paths = ['hdf5', 'zarr', 'workers'].includes(layer)
    ? []
    : FORMAT_LIBRARIES.map((name) => ({ name, message: 'Only format backends use it.' }));
  return ['error', { paths, patterns }];
}

function layerRules() {
  return [
    ...Object.entries(LAYERS).map(([layer, spec]) => ({
      files: [`src/${layer}/**/*.{ts,tsx}`],
      ignores: layer === 'ui' ? [UI_WORKER_SEAM] : [],
      rules: { '@typescript-eslint/no-restricted-imports': restrictions(layer, spec) },
    })),
    {
      files: [UI_WORKER_SEAM],
      rules: {
        '@typescript-eslint/no-restricted-imports': restrictions('ui', LAYERS.ui, {
          allowTypesOf: ['workers'],
        }),
      },
    },
    {
      files: ['src/app/**/*.{ts,tsx}'],
      rules: {
        '@typescript-eslint/no-restricted-imports': [
          'error',
          {
            paths: FORMAT_LIBRARIES.map((name) => ({
              name,
              message: 'Only format backends use it.',
            })),
          },
        ],
      },
    },
  ];
}

export default tseslint.config(
  {
    ignores: [
      'dist',
      'node_modules',
      'fixtures',
      'public',
      'test-results',
      'playwright-report',
      'scratch',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  ...layerRules(),
  {
    // Tests and their helpers may compare one layer with another (the Zarr reading of a store with
    // the HDF5 reading of its twin, the NWB layer over a real backend): the arrows bind app code.
    files: ['src/**/*.test.{ts,tsx}', 'src/**/testing/**/*.{ts,tsx}'],
    rules: { '@typescript-eslint/no-restricted-imports': 'off' },
  },
  {
    // The NWB layer reads files only through the reading contract: it never fetches.
    files: ['src/nwb/**'],
    rules: {
      'no-restricted-globals': [
        'error',
        { name: 'fetch', message: 'The NWB layer reads through DataReader, never the network.' },
        { name: 'XMLHttpRequest', message: 'The NWB layer reads through DataReader.' },
      ],
    },
  },
);
