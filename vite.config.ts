import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import path from 'node:path';
import { h5wasmBinary } from './scripts/vite-h5wasm-binary.js';
import { preloadUi } from './scripts/vite-preload-ui.js';

/**
 * COOP/COEP make the page crossOriginIsolated, which enables SharedArrayBuffer and with it the
 * synchronous bridge between the HDF5 worker and the fetcher worker. Without them the app falls
 * back to retry-on-miss; both modes work.
 */
const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/** h5wasm's wasm as its own file, compiled while streaming (see the plugin). */
const h5wasm = () =>
  h5wasmBinary({ hookModule: path.resolve(import.meta.dirname, 'src/hdf5/h5wasmBinary.ts') });

export default defineConfig({
  plugins: [react(), h5wasm(), preloadUi({ module: 'src/appRoot.tsx' })],
  server: { host: '127.0.0.1', headers: isolationHeaders },
  preview: { host: '127.0.0.1', headers: isolationHeaders },
  // zarrita loads codecs with dynamic imports, which the default iife worker format breaks.
  worker: { format: 'es', plugins: () => [h5wasm()] },
  optimizeDeps: { exclude: ['h5wasm'] },
  build: { target: 'es2022', sourcemap: true },
});
