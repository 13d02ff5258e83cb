import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'fixtures', 'public', 'test-results', 'playwright-report'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      // The architecture's one-way arrows: the UI never reaches a format library directly.
    },
  },
  {
    files: ['src/ui/**', 'src/app/**', 'src/nwb/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: ['h5wasm', 'zarrita'], patterns: ['**/hdf5/**', '**/zarr/**', '**/bytes/**', '**/cache/**'] },
      ],
    },
  },
);
