/**
 * Hdf5Reader.readSlices on a small synthetic session (written when missing): the values equal
 * h5py's reading of the same slices (Debian's python3-h5py), and the blocks of many scattered
 * slices are loaded in a few batches (one per level of the chunk index and the data), where the
 * same slices read one after another take a batch each.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, openAsBlob } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BlockLoader } from '../cache/BlockLoader';
import { MemoryBlockCache } from '../cache/MemoryBlockCache';
import type { DataReader, SliceRequest } from '../reader/contract';
import { makeSyntheticSession } from '../../scripts/make-synthetic-session';
import { openHdf5Reader } from './openHdf5Reader';

const FILE = path.resolve(__dirname, '../../fixtures/generated/tables-small-session.nwb');
const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

/** Opens the file with a loader that counts its load batches (one per round trip). */
async function openCounting(): Promise<{ reader: DataReader; batches: () => number }> {
  const blob = await openAsBlob(FILE);
  const loader = new BlockLoader({ persistent: null });
  let batches = 0;
  const load = loader.load.bind(loader);
  loader.load = (...args: Parameters<BlockLoader['load']>) => {
    batches++;
    return load(...args);
  };
  const reader = await openHdf5Reader({
    descriptor: {
      kind: 'file',
      file: Object.assign(blob, { name: 'small.nwb', lastModified: 0 }),
    },
    loader,
    memory: new MemoryBlockCache(64 * 1024 * 1024),
  });
  // The reader comes back before HDF5 has finished opening; any call waits for that, so only
  // the slices' own batches are counted.
  await reader.getKind('/');
  const opened = batches;
  return { reader, batches: () => batches - opened };
}

/** h5py's reading of each slice (first dimension only; 2-D datasets read columns [0, 4)). */
function h5pyReading(requests: SliceRequest[]): number[][] {
  const script = `
import h5py, json, sys
f = h5py.File(sys.argv[1], 'r')
out = []
for r in json.loads(sys.argv[2]):
    d = f[r['path']]
    s = tuple(slice(x['start'], x['stop']) for x in r['selection'])
    out.append([float(v) for v in d[s].ravel()])
print(json.dumps(out))
`;
  return JSON.parse(
    execFileSync(PYTHON, ['-c', script, FILE, JSON.stringify(requests)], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    }),
  );
}

beforeAll(async () => {
  if (!existsSync(FILE)) await makeSyntheticSession({ out: FILE, scale: 0.05, log: () => {} });
}, 300_000);

describe('Hdf5Reader.readSlices', () => {
  it('reads scattered slices of chunked and contiguous datasets as h5py does, in few batches', async () => {
    const lfp = '/acquisition/ElectricalSeries/data';
    const { reader: probe } = await openCounting();
    const rows = (await probe.describeDataset(lfp)).shape![0];
    const spikes = (await probe.describeDataset('/units/spike_times')).shape![0];
    await probe.close();
    const requests: SliceRequest[] = [
      ...[0.1, 0.3, 0.5, 0.7, 0.9].map((f) => ({
        path: lfp,
        selection: [
          { start: Math.floor(rows * f), stop: Math.floor(rows * f) + 3 },
          { start: 0, stop: 4 },
        ],
      })),
      ...[0.05, 0.25, 0.45, 0.65, 0.85].map((f) => ({
        path: '/units/spike_times',
        selection: [{ start: Math.floor(spikes * f), stop: Math.floor(spikes * f) + 5 }],
      })),
    ];

    const together = await openCounting();
    const read = await together.reader.readSlices(requests);
    const batchesTogether = together.batches();
    const expected = h5pyReading(requests);
    expect(read.map((r) => Array.from(r.values as ArrayLike<number>, Number))).toEqual(expected);
    expect(read.map((r) => r.shape)).toEqual(
      requests.map((r) => r.selection.map((s) => s.stop - s.start)),
    );

    const oneByOne = await openCounting();
    for (const r of requests) await oneByOne.reader.readSlice(r.path, r.selection);
    // Ten scattered slices one after another wait for their blocks 8-10 times (two share blocks
    // an earlier read brought, and metadata the open loaded may or may not be resident yet);
    // read together, once per level of the chunk index and the data.
    expect(batchesTogether).toBeLessThanOrEqual(4);
    expect(oneByOne.batches()).toBeGreaterThanOrEqual(2 * batchesTogether);
    await Promise.all([together.reader.close(), oneByOne.reader.close()]);
  }, 120_000);

  it('fails the call with the ordinary error of a bad slice', async () => {
    const { reader } = await openCounting();
    await expect(
      reader.readSlices([
        { path: '/units/spike_times', selection: [{ start: 0, stop: 2 }] },
        { path: '/units/nothing_here', selection: [{ start: 0, stop: 2 }] },
      ]),
    ).rejects.toThrow(/nothing_here/);
    await reader.close();
  });
});
