/**
 * Compiles h5wasm's WebAssembly from its own file, for bundled builds (the Vite plugin in
 * scripts/vite-h5wasm-binary.ts takes the inline copy out of h5wasm's JavaScript and passes
 * `h5wasmModuleArgs` to its Emscripten module). The worker calls compileH5wasm as it starts, so
 * compiling runs while h5wasm's JavaScript loads and the file's first bytes are in flight;
 * streaming compilation from an HTTP response also lets the browser cache the compiled code.
 * Node never calls it and keeps h5wasm's inline copy.
 */
import { markSpan } from '../perf/marks';

type ReceiveInstance = (instance: WebAssembly.Instance, module: WebAssembly.Module) => void;

/** Extra arguments for h5wasm's Emscripten module factory (read when h5wasm is imported). */
export const h5wasmModuleArgs: {
  instantiateWasm?(imports: WebAssembly.Imports, receive: ReceiveInstance): object;
} = {};

let compiling: Promise<WebAssembly.Module> | null = null;

/** Starts compiling (once) and routes h5wasm's instantiation through the result. */
export function compileH5wasm(url: string): Promise<WebAssembly.Module> {
  if (!compiling) {
    compiling = markSpan('wasm-compile', () => compile(url));
    compiling.catch(() => undefined); // reported by h5wasmFailure() to whoever loads h5wasm
    const ready = compiling;
    h5wasmModuleArgs.instantiateWasm = (imports, receive) => {
      void ready
        .then(async (module) => receive(await WebAssembly.instantiate(module, imports), module))
        .catch((error: unknown) => fail(error));
      // Emscripten's convention: an empty object says the exports arrive through `receive`.
      return {};
    };
  }
  return compiling;
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
