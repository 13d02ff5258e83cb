/**
 * Compiles h5wasm's WebAssembly from its own file, for bundled builds (the Vite plugin in
 * scripts/vite-h5wasm-binary.ts takes the inline copy out of h5wasm's JavaScript and passes
 * `h5wasmModuleArgs` to its Emscripten module). The reading worker's first lines start the
 * compile, so it runs while the rest of the worker's code and h5wasm's JavaScript load and the
 * file's first bytes are in flight; streaming compilation from an HTTP response also lets the
 * browser cache the compiled code. Node never calls it and keeps h5wasm's inline copy.
 */
import { markSpan } from '../perf/marks';

type ReceiveInstance = (instance: WebAssembly.Instance, module: WebAssembly.Module) => void;

/** Extra arguments for h5wasm's Emscripten module factory (read when h5wasm is imported). */
export const h5wasmModuleArgs: {
  instantiateWasm?(imports: WebAssembly.Imports, receive: ReceiveInstance): object;
} = {};

let compiled: Promise<WebAssembly.Module> | null = null;

/**
 * Routes h5wasm's instantiation through `module` (see compileWasmFile). Only the first call
 * counts: h5wasm is instantiated once per worker.
 */
export function instantiateH5wasmFrom(module: Promise<WebAssembly.Module>): void {
  if (compiled) return;
  compiled = module;
  compiled.catch((error: unknown) => fail(error));
  const ready = compiled;
  h5wasmModuleArgs.instantiateWasm = (imports, receive) => {
    void ready
      .then(async (m) => receive(await WebAssembly.instantiate(m, imports), m))
      .catch((error: unknown) => fail(error));
    // Emscripten's convention: an empty object says the exports arrive through `receive`.
    return {};
  };
}

let fail: (error: unknown) => void = () => {};
const failure = new Promise<never>((_, reject) => {
  fail = reject;
});
failure.catch(() => undefined);

/**
 * Rejects when compiling or instantiating fails. Emscripten's hook has no way to report that,
 * so whoever waits for h5wasm's `ready` races it against this instead of waiting forever.
 */
export function h5wasmFailure(): Promise<never> {
  return failure;
}

/** Compiles the wasm at `url`, streaming when the server allows it. */
export function compileWasmFile(url: string): Promise<WebAssembly.Module> {
  return markSpan('wasm-compile', () => compile(url));
}

async function compile(url: string): Promise<WebAssembly.Module> {
  try {
    return await WebAssembly.compileStreaming(fetch(url, { credentials: 'same-origin' }));
  } catch (error) {
    // A server that sends the wrong Content-Type defeats streaming; compile from the bytes.
    if (!(error instanceof TypeError)) throw error;
    const response = await fetch(url, { credentials: 'same-origin' });
    if (!response.ok) {
      throw new Error(`Could not load ${url}: HTTP ${response.status}`, { cause: error });
    }
    return WebAssembly.compile(await response.arrayBuffer());
  }
}
