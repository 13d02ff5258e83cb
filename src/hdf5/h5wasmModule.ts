/**
 * Loads h5wasm once per worker and captures HDF5's diagnostic output.
 *
 * HDF5 prints an "HDF5-DIAG" stack through console.error on every failed call; with
 * retry-on-miss that is every block miss. The Emscripten module binds console.error when it is
 * created, so the filter must be installed before h5wasm is imported: hence the dynamic import.
 * The captured lines also tell why an open failed (no HDF5 signature, truncated file).
 *
 * Why not h5wasm's throwing error handler (activate_throwing_error_handler) instead: it throws a
 * C++ exception through HDF5's C frames, which HDF5 does not unwind (locks, half-built objects,
 * its error stack). Measured here (retry mode, 8 cold walks of nwb_test.nwb with 77 objects and
 * every attribute, each walk missing blocks hundreds of times): results were identical and the
 * WASM heap did not grow (19.3 MB both ways), so no leak was visible at that scale; but nothing
 * from JS can show HDF5's internal state is sound after such an unwind, and the diagnostic text
 * this filter captures is what classifyHdf5Failure parses. So the default handler stays, and
 * this filter keeps its output out of the console.
 */
import type * as H5wasmNamespace from 'h5wasm';
import { mark } from '../perf/marks';
import { readReferencesInCompounds, type MetadataGetters } from './compoundReferences';
import { h5wasmFailure } from './h5wasmBinary';

export type H5wasm = typeof H5wasmNamespace;

/** The parts of Emscripten's FS that this backend uses. */
export interface EmscriptenFS {
  mkdirTree(path: string): void;
  analyzePath(path: string): { exists: boolean };
  createFile(
    parent: string,
    name: string,
    properties: object,
    canRead: boolean,
    canWrite: boolean,
  ): EmscriptenNode;
  unlink(path: string): void;
  ErrnoError: new (errno: number) => Error;
}

export interface EmscriptenNode {
  node_ops: Record<string, unknown> & { getattr(node: EmscriptenNode): { size: number } };
  stream_ops: Record<string, unknown>;
}

/** The constants of the ready Emscripten module that tell link and object types apart. */
export interface H5Constants {
  H5G_GROUP: number;
  H5G_DATASET: number;
  H5G_TYPE: number;
  H5G_LINK: number;
  H5G_UDLINK: number;
}

export interface LoadedH5wasm {
  h5wasm: H5wasm;
  FS: EmscriptenFS;
  module: H5Constants;
  /** Runs fn and returns its result with the HDF5 diagnostic lines it printed. */
  captureDiagnostics<T>(fn: () => T): { result?: T; error?: unknown; diagnostics: string[] };
}

let loading: Promise<LoadedH5wasm> | null = null;
let sink: string[] | null = null;

function isHdf5Diagnostic(args: unknown[]): boolean {
  const first = typeof args[0] === 'string' ? args[0] : '';
  return (
    first.includes('HDF5-DIAG') ||
    /^\s+#\d+:/.test(first) ||
    /^\s+(major|minor):/.test(first) ||
    first.startsWith(', filename =')
  );
}

function installConsoleFilter(): void {
  // Emscripten may route printErr through console.warn in some builds: filter both.
  for (const method of ['error', 'warn'] as const) {
    const original = console[method].bind(console);
    console[method] = (...args: unknown[]) => {
      if (!isHdf5Diagnostic(args)) return original(...args);
      if (sink && sink.length < 200) sink.push(args.map(String).join(' '));
    };
  }
}

export function loadH5wasm(): Promise<LoadedH5wasm> {
  loading ??= (async () => {
    installConsoleFilter();
    mark('h5wasm:start');
    const mod = await import('h5wasm');
    mark('h5wasm:imported');
    const h5wasm = mod as unknown as H5wasm;
    // With our instantiateWasm hook (bundled builds) a failed compile must not leave this waiting.
    const ready = await Promise.race([(mod.default ?? mod).ready, h5wasmFailure()]);
    mark('h5wasm:end');
    // The typings declare FS on the module namespace; at run time it hangs off the ready Module.
    const FS = (ready as unknown as { FS: EmscriptenFS }).FS;
    const captureDiagnostics = <T>(fn: () => T) => {
      const previous = sink;
      const lines: string[] = [];
      sink = lines;
      try {
        return { result: fn(), diagnostics: lines };
      } catch (error) {
        return { error, diagnostics: lines };
      } finally {
        sink = previous;
      }
    };
    readReferencesInCompounds(ready as unknown as MetadataGetters);
    const module = ready as unknown as H5Constants;
    return { h5wasm: (mod.default ?? h5wasm) as H5wasm, FS, module, captureDiagnostics };
  })();
  return loading;
}
