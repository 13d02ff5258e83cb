import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

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
  {
    // The architecture's one-way arrows: the UI and the NWB layer never reach a format library,
    // the byte layer or the cache directly.
    files: ['src/ui/**', 'src/app/**', 'src/nwb/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['h5wasm', 'zarrita'],
          patterns: ['**/hdf5/**', '**/zarr/**', '**/bytes/**', '**/cache/**'],
        },
      ],
    },
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
