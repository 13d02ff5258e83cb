/**
 * The naive baseline: download the whole file with one GET, put it in h5wasm's in-memory file
 * system, open it, and read the same objects as the benchmark workload with h5wasm's own API.
 * This is what a viewer without range reading has to do.
 */
import { loadH5wasm, type EmscriptenFS } from '../src/hdf5/h5wasmModule';
import { TREE_ATTRS, measure, type Counters, type PhaseResult } from './workload';

/** EmscriptenFS as the backend types it, plus the MEMFS calls this baseline needs. */
type MemFS = EmscriptenFS & {
  writeFile(path: string, data: Uint8Array): void;
};

export interface NaiveResult {
  download: PhaseResult;
  /** Writing into MEMFS, opening, and reading the first tree and the expansions. */
  read: PhaseResult;
  total: PhaseResult;
  childCounts: number[];
}

let counter = 0;

export async function runNaive(
  url: string,
  groups: string[],
  counters: () => Counters,
): Promise<NaiveResult> {
  const { h5wasm, FS } = await loadH5wasm();
  // The backend's FS typing lists only what the reader uses; MEMFS also has writeFile.
  const memfs = FS as MemFS;
  let bytes: Uint8Array = new Uint8Array(0);
  const childCounts: number[] = [];
  const started = performance.now();
  const download = await measure('download', counters, async () => {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`GET ${url}: ${response.status}`);
    bytes = new Uint8Array(await response.arrayBuffer());
  });
  const name = `/naive-${++counter}.h5`;
  const read = await measure('open + read', counters, async () => {
    memfs.writeFile(name, bytes);
    const file = new h5wasm.File(name, 'r');
    try {
      const project = (path: string): number => {
        const group = path === '/' ? file : file.get(path);
        if (!(group instanceof h5wasm.Group)) throw new Error(`${path} is not a group`);
        const names = group.keys().sort();
        for (const child of names) {
          const entity = group.get(child);
          if (entity instanceof h5wasm.Group || entity instanceof h5wasm.Dataset) {
            const attrs = entity.attrs;
            for (const attr of TREE_ATTRS) if (attr in attrs) void attrs[attr]?.value;
          }
        }
        return names.length;
      };
      childCounts.push(project('/'));
      for (const path of groups) {
        childCounts.push(project(path));
        const group = file.get(path);
        if (group instanceof h5wasm.Group) {
          for (const attr of Object.values(group.attrs)) void attr.value;
        }
      }
    } finally {
      file.close();
      memfs.unlink(name);
    }
  });
  const total: PhaseResult = {
    label: 'total',
    requests: download.requests + read.requests,
    bytes: download.bytes + read.bytes,
    ms: performance.now() - started,
  };
  return { download, read, total, childCounts };
}
