import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * COOP/COEP make the page crossOriginIsolated, which enables SharedArrayBuffer and with it the
 * synchronous bridge between the HDF5 worker and the fetcher worker. Without them the app falls
 * back to retry-on-miss; both modes work.
 */
const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  plugins: [react()],
  server: { host: '127.0.0.1', headers: isolationHeaders },
  preview: { host: '127.0.0.1', headers: isolationHeaders },
  // zarrita loads codecs with dynamic imports, which the default iife worker format breaks.
  worker: { format: 'es' },
  optimizeDeps: { exclude: ['h5wasm'] },
  build: { target: 'es2022', sourcemap: true },
});
