/// <reference lib="webworker" />
/**
 * The reading worker: file readers (h5wasm) and the synchronous side of the bridge; in
 * retry-on-miss mode also the block loader, beside which Zarr stores and LINDI files are read.
 */
import { expose } from 'comlink';
import h5wasmBinaryUrl from 'virtual:h5wasm-binary';
import { compileWasmFile, useH5wasmModule } from '../hdf5/h5wasmBinary';
import { loadH5wasm } from '../hdf5/h5wasmModule';
import { mark } from '../perf/marks';
import { IdbEnvelopeStore } from './IdbEnvelopeStore';
import { LoaderService } from './loaderService';
import { browserStoreOptions } from './persistentStore';
import { createReaderHost } from './readerHost';
import { createZarrHost } from './zarrHost';

mark('hdf5-worker-start');
// Before anything else: load h5wasm while the page starts and the file is asked for. Its wasm is
// compiled by the page (started before this script loaded) and arrives through useH5wasm; when
// the page could not compile it, it is compiled here. A failure comes back to the first call
// that needs h5wasm.
let receiveWasm: (module: WebAssembly.Module | null) => void = () => {};
useH5wasmModule(
  new Promise<WebAssembly.Module | null>((resolve) => (receiveWasm = resolve)).then(
    (module) => module ?? compileWasmFile(h5wasmBinaryUrl),
  ),
);
void loadH5wasm().catch(() => undefined);

const wasmApi = {
  /** h5wasm's wasm as the page compiled it, or null to compile it here. */
  useH5wasm: (module: WebAssembly.Module | null) => receiveWasm(module),
};
export type ReaderWorkerWasmApi = typeof wasmApi;

const envelopes = typeof indexedDB === 'undefined' ? null : new IdbEnvelopeStore();
// One loader for both backends (retry-on-miss mode): same cache, same counters.
let service: LoaderService | null = null;
const loaderService = () => (service ??= new LoaderService(browserStoreOptions()));

expose({
  ...createReaderHost(loaderService, envelopes),
  ...wasmApi,
  zarr: createZarrHost(() => loaderService().loader),
});
