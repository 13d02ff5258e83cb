/**
 * The chunk planner against h5py's own chunk list (H5Dget_chunk_info, Debian's python3-h5py):
 * for files h5py writes here (a version 1 B-tree deep enough for several levels, in 2-D and 3-D,
 * and a single-chunk dataset of the newer format), every selection's planned chunks are exactly
 * the stored chunks it overlaps. Then, through the reader, a cold window over several chunks of
 * the synthetic session costs one round of loads after its index is known, and reads as h5py does.
 */
import { openSync, readSync, closeSync, existsSync, openAsBlob } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BlockLoader } from '../cache/BlockLoader';
import { MemoryBlockCache } from '../cache/MemoryBlockCache';
import type { Selection } from '../reader/contract';
import { DEBIAN_PYTHON } from '../testing/localFiles';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { makeSyntheticSession } from '../../scripts/make-synthetic-session';
import { ChunkWalk, type ChunkExtent } from './chunkPlan';
import { FileBytes } from './fileBytes';
import { openHdf5Reader } from './openHdf5Reader';

interface H5pyDataset {
  path: string;
  address: number;
  shape: number[];
  chunks: number[];
  stored: { offset: number[]; address: number; size: number }[];
}

const WRITE_AND_LIST = `
import h5py, json, sys, numpy as np
out = sys.argv[1]
with h5py.File(out + '/v1.h5', 'w', libver='earliest') as f:
    f.create_dataset('deep', data=np.arange(4000 * 64, dtype='i2').reshape(4000, 64),
                     chunks=(10, 8), compression='gzip')
    f.create_dataset('cube', data=np.arange(30 * 20 * 12, dtype='f4').reshape(30, 20, 12),
                     chunks=(7, 6, 5))
with h5py.File(out + '/latest.h5', 'w', libver='latest') as f:
    f.create_dataset('single', data=np.arange(100, dtype='f8'), chunks=(100,))
    f.create_dataset('growing', data=np.arange(100, dtype='f8'), chunks=(10,), maxshape=(None,))
listing = {}
for name in ['v1', 'latest']:
    entries = []
    with h5py.File(out + '/' + name + '.h5', 'r') as f:
        for key in f:
            d = f[key]
            stored = []
            for i in range(d.id.get_num_chunks()):
                info = d.id.get_chunk_info(i)
                stored.append({'offset': list(info.chunk_offset), 'address': info.byte_offset,
                               'size': info.size})
            entries.append({'path': key, 'address': h5py.h5o.get_info(d.id).addr,
                            'shape': list(d.shape), 'chunks': list(d.chunks), 'stored': stored})
    listing[name] = entries
print(json.dumps(listing))
`;

let dir = '';
let listing: Record<string, H5pyDataset[]> = {};

beforeAll(() => {
  if (!DEBIAN_PYTHON) return;
  dir = mkdtempSync(path.join(tmpdir(), 'nwbx-chunkplan-'));
  listing = JSON.parse(
    execFileSync(DEBIAN_PYTHON, ['-c', WRITE_AND_LIST, dir], { encoding: 'utf8' }),
  );
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** FileBytes over a local file (synchronous reads: the walk never misses). */
function localBytes(file: string): { bytes: FileBytes; close(): void } {
  const fd = openSync(file, 'r');
  return {
    bytes: new FileBytes((position, target) => readSync(fd, target, 0, target.length, position)),
    close: () => closeSync(fd),
  };
}

function plan(bytes: FileBytes, d: H5pyDataset, selection: Selection): ChunkExtent[] | null {
  const walk = ChunkWalk.start(bytes, d.address, d.shape, selection);
  if (walk === null) return null;
  if (walk instanceof ChunkWalk) {
    while (!walk.done) expect(walk.step(() => false)).toBe(0);
  }
  return [...walk.chunks].sort((a, b) => a.address - b.address);
}

/** h5py's stored chunks that a selection overlaps (the brute-force answer). */
function expected(d: H5pyDataset, selection: Selection): ChunkExtent[] {
  return d.stored
    .filter((c) =>
      c.offset.every((o, k) => o < selection[k].stop && o + d.chunks[k] > selection[k].start),
    )
    .map((c) => ({ address: c.address, size: c.size }))
    .sort((a, b) => a.address - b.address);
}

describe.skipIf(!DEBIAN_PYTHON)('ChunkWalk', () => {
  it('finds exactly the stored chunks a selection overlaps, in a deep version 1 B-tree', () => {
    const file = localBytes(path.join(dir, 'v1.h5'));
    try {
      for (const d of listing.v1) {
        const [rows, cols] = d.shape;
        const selections: Selection[] = [
          d.shape.map((n) => ({ start: 0, stop: n })),
          [
            { start: Math.floor(rows / 3), stop: Math.floor(rows / 3) + 25 },
            { start: 0, stop: cols },
          ],
          [
            { start: 0, stop: rows },
            { start: cols - 9, stop: cols - 2 },
          ],
          d.shape.map((n) => ({ start: n - 1, stop: n })),
        ].map((s) => [...s, ...d.shape.slice(s.length).map((n) => ({ start: 0, stop: n }))]);
        for (const selection of selections) {
          const want = expected(d, selection);
          expect(want.length).toBeGreaterThan(0);
          expect(plan(file.bytes, d, selection), `${d.path} ${JSON.stringify(selection)}`).toEqual(
            want,
          );
        }
      }
      // Deep enough to need more than one level of the index (64 entries per node at most).
      expect(listing.v1.find((d) => d.path === 'deep')!.stored.length).toBeGreaterThan(64 * 4);
    } finally {
      file.close();
    }
  });

  it('reads the single-chunk index and declines the indexes it does not read', () => {
    const file = localBytes(path.join(dir, 'latest.h5'));
    try {
      const single = listing.latest.find((d) => d.path === 'single')!;
      const all: Selection = [{ start: 0, stop: 100 }];
      expect(plan(file.bytes, single, all)).toEqual(expected(single, all));
      const growing = listing.latest.find((d) => d.path === 'growing')!;
      expect(plan(file.bytes, growing, all)).toBeNull(); // an extensible array: HDF5 reads it
    } finally {
      file.close();
    }
  });
});

describe.skipIf(!DEBIAN_PYTHON)('Hdf5Reader.readSlice of a chunked window', () => {
  const FILE = path.resolve(__dirname, '../../fixtures/generated/tables-small-session.nwb');
  beforeAll(async () => {
    if (!existsSync(FILE)) await makeSyntheticSession({ out: FILE, scale: 0.05, log: () => {} });
  }, 300_000);

  it('loads the chunks of a cold window in one round once the index is known', async () => {
    const blob = await openAsBlob(FILE);
    const loader = new BlockLoader({ persistent: null });
    const loads: number[][] = [];
    const load = loader.load.bind(loader);
    loader.load = (...args: Parameters<BlockLoader['load']>) => {
      loads.push([...args[1]]);
      return load(...args);
    };
    const reader = await openHdf5Reader({
      descriptor: { kind: 'file', file: Object.assign(blob, { name: 's.nwb', lastModified: 0 }) },
      loader,
      memory: new MemoryBlockCache(64 * 1024 * 1024),
    });
    const lfp = '/acquisition/ElectricalSeries/data';
    const info = await reader.describeDataset(lfp);
    const [, cols] = info.shape!;
    const chunkCols = info.chunks![1];
    loads.length = 0;
    // Every column chunk of one row of chunks: cols / chunkCols chunks, none cached yet.
    const selection = [
      { start: 100, stop: 160 },
      { start: 0, stop: cols },
    ];
    const slice = await reader.readSlice(lfp, selection);
    const chunksInWindow = Math.ceil(cols / chunkCols);
    expect(chunksInWindow).toBeGreaterThanOrEqual(4);
    // HDF5 alone takes a round per chunk; planned, the index then the chunks (all in one).
    expect(loads.length).toBeLessThanOrEqual(2);
    const h5py = JSON.parse(
      execFileSync(
        DEBIAN_PYTHON!,
        [
          '-c',
          'import h5py,json,sys; d=h5py.File(sys.argv[1],"r")[sys.argv[2]]; print(json.dumps(d[100:160,:].ravel().tolist()))',
          FILE,
          lfp,
        ],
        { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
      ),
    ) as number[];
    expect(Array.from(slice.values as ArrayLike<number>, Number)).toEqual(h5py);
    await reader.close();
  }, 120_000);
});
