/**
 * Vite plugin: serves h5wasm's WebAssembly as its own file instead of inside its JavaScript.
 *
 * h5wasm 0.10.3's Emscripten build inlines the module as a 4 MB string literal in hdf5_util.js,
 * which the browser must download, parse and decode before it can even start compiling, and whose
 * compiled code it never caches. This plugin
 *   - extracts the binary once (node_modules/.cache) and exposes its hashed asset URL as the
 *     module `virtual:h5wasm-binary` (the worker starts compiling it at once, streaming);
 *   - drops the literal from hdf5_util.js (about 4 MB less JavaScript);
 *   - makes hdf5_hl.js pass our Emscripten `instantiateWasm` hook (src/hdf5/h5wasmBinary.ts) to
 *     the module factory it calls when it is imported.
 * Node (tests, benchmarks) does not go through Vite and keeps h5wasm as published.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import type { Plugin } from 'vite';

const VIRTUAL_ID = 'virtual:h5wasm-binary';
const RESOLVED_ID = '\0' + VIRTUAL_ID;
const LITERAL_START = "function findWasmBinary(){return binaryDecode('";
const LITERAL_END = "')}";
const FACTORY_CALL = 'ModuleFactory({ noInitialRun: true })';

/** Emscripten's decoding of its binary string (SINGLE_FILE with binary encoding). */
function binaryDecode(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[i] = (~c >> 8) & c;
  }
  return out;
}

/** Where the quoted literal starts (its opening quote) and ends (after its closing quote). */
function literalBounds(code: string): { start: number; end: number } {
  const at = code.indexOf(LITERAL_START);
  if (at < 0) {
    throw new Error('h5wasm-binary: hdf5_util.js has no inline wasm where h5wasm 0.10.3 had it');
  }
  const start = at + LITERAL_START.length - 1;
  let i = start + 1;
  while (i < code.length && code[i] !== "'") i += code[i] === '\\' ? 2 : 1;
  if (code.slice(i, i + LITERAL_END.length) !== LITERAL_END) {
    throw new Error('h5wasm-binary: the inline wasm of hdf5_util.js does not end as expected');
  }
  return { start, end: i + 1 };
}

/** Writes the wasm of hdf5_util.js to the cache folder (once per content) and returns its path. */
function extractBinary(utilFile: string, cacheDir: string): string {
  const code = readFileSync(utilFile, 'utf8');
  const { start, end } = literalBounds(code);
  // The literal is a quoted JavaScript string with escapes: let the JavaScript parser read it.
  const text = vm.runInNewContext(code.slice(start, end)) as string;
  const binary = binaryDecode(text);
  const hash = createHash('sha256').update(binary).digest('hex').slice(0, 12);
  const out = path.join(cacheDir, `hdf5_util.${hash}.wasm`);
  if (!existsSync(out)) {
    mkdirSync(cacheDir, { recursive: true });
    writeFileSync(out, binary);
  }
  return out;
}

export function h5wasmBinary(options: { hookModule: string }): Plugin {
  let wasmFile: string | null = null;
  let root = process.cwd();
  const wasm = () => {
    const utilFile = path.join(root, 'node_modules/h5wasm/dist/esm/hdf5_util.js');
    wasmFile ??= extractBinary(utilFile, path.join(root, 'node_modules/.cache/h5wasm-binary'));
    return wasmFile;
  };
  return {
    name: 'h5wasm-binary',
    enforce: 'pre',
    configResolved(config) {
      root = config.root;
    },
    resolveId: (id) => (id === VIRTUAL_ID ? RESOLVED_ID : null),
    load: (id) => (id === RESOLVED_ID ? `export { default } from '${wasm()}?url';` : null),
    transform(code, id) {
      const file = id.split('?')[0]!.replace(/\\/g, '/');
      if (file.endsWith('/h5wasm/dist/esm/hdf5_util.js')) {
        wasm();
        // Replace the whole binaryDecode('...') call: the hook below makes it unreachable.
        const { start, end } = literalBounds(code);
        const callStart = start - 'binaryDecode('.length;
        const missing =
          "(()=>{throw new Error('h5wasm: the wasm loads through instantiateWasm')})()";
        return { code: code.slice(0, callStart) + missing + code.slice(end + 1), map: null };
      }
      if (file.endsWith('/h5wasm/dist/esm/hdf5_hl.js')) {
        if (!code.includes(FACTORY_CALL)) {
          throw new Error('h5wasm-binary: hdf5_hl.js does not call ModuleFactory as expected');
        }
        const hook = JSON.stringify(options.hookModule);
        return {
          code:
            `import { h5wasmModuleArgs as __h5wasmModuleArgs } from ${hook};\n` +
            code.replace(
              FACTORY_CALL,
              'ModuleFactory({ noInitialRun: true, ...__h5wasmModuleArgs })',
            ),
          map: null,
        };
      }
      return null;
    },
  };
}
