/// <reference lib="webworker" />
/**
 * The reading worker's entry, small on purpose: it starts compiling h5wasm's wasm and loading
 * h5wasm's JavaScript as soon as the worker runs, then loads the rest (readerWorkerMain.ts) while
 * they run. Messages from the page that arrive meanwhile wait for it (earlyMessages.ts).
 */
import h5wasmBinaryUrl from 'virtual:h5wasm-binary';
import { compileWasmFile, instantiateH5wasmFrom } from '../hdf5/h5wasmBinary';
import { loadH5wasm } from '../hdf5/h5wasmModule';
import { mark } from '../perf/marks';
import { failLoudly, keepEarlyMessages } from './earlyMessages';

mark('hdf5-worker-start');
// A failure here comes back to the first call that needs h5wasm.
instantiateH5wasmFrom(compileWasmFile(h5wasmBinaryUrl));
void loadH5wasm().catch(() => undefined);

const endpoint = keepEarlyMessages(self as unknown as DedicatedWorkerGlobalScope);
import('./readerWorkerMain').then((main) => main.serve(endpoint), failLoudly);
