import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import path from 'node:path';
import { appShellServiceWorker } from './scripts/vite-app-shell.js';
import { h5wasmBinary } from './scripts/vite-h5wasm-binary.js';
import { openScreenShell } from './scripts/vite-open-screen-shell.js';
import { earlyWorkers } from './scripts/vite-early-workers.js';

/**
 * COOP/COEP make the page crossOriginIsolated, which enables SharedArrayBuffer and with it the
 * synchronous bridge between the HDF5 worker and the fetcher worker. Without them the app falls
 * back to retry-on-miss; both modes work. COEP is `credentialless` rather than `require-corp` so
 * the no-cors probe that tells a CORS refusal from a host that is down (src/bytes/httpFailure.ts)
 * gets an answer from servers that send no Cross-Origin-Resource-Policy; Chromium and Firefox are
 * isolated either way (Safari, without credentialless, runs the retry-on-miss mode).
 */
const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'credentialless',
};

/** h5wasm's wasm as its own file, compiled while streaming (see the plugin). */
const h5wasm = () =>
  h5wasmBinary({ hookModule: path.resolve(import.meta.dirname, 'src/hdf5/h5wasmBinary.ts') });

export default defineConfig({
  plugins: [
    react(),
    h5wasm(),
    // The opening screen as static HTML in index.html: it paints before any script has run.
    openScreenShell({ module: path.resolve(import.meta.dirname, 'src/app/openScreenShell.tsx') }),
    // A link to a file: index.html starts the reading workers before the app's script arrives.
    earlyWorkers(),
    // The build kept by a service worker, so the app starts offline (src/offline/).
    appShellServiceWorker({ entry: 'src/offline/appShell.sw.ts' }),
  ],
  resolve: {
    alias: {
      // plotly's trace registry holds a require of maplibre's 82 KB stylesheet for its map
      // traces, which we never register (src/ui/views/plot/plotlyBundle.ts); left alone it is
      // loaded with every plot.
      'maplibre-gl/dist/maplibre-gl.css': path.resolve(
        import.meta.dirname,
        'src/ui/views/plot/noMapStyles.ts',
      ),
    },
  },
  server: { host: '127.0.0.1', headers: isolationHeaders },
  preview: { host: '127.0.0.1', headers: isolationHeaders },
  // zarrita loads codecs with dynamic imports, which the default iife worker format breaks.
  worker: { format: 'es', plugins: () => [h5wasm()] },
  optimizeDeps: { exclude: ['h5wasm'] },
  build: { target: 'es2022', sourcemap: true },
});
