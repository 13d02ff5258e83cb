/**
 * The metadata prefetcher cuts the chain of dependent reads: opening the small synthetic session
 * and describing its units table (attributes, listing with projected attributes, every column's
 * header) takes fewer sequential rounds of loading with it than without, in the same run, and
 * gives the same answer. Over bytes that are no HDF5 metadata it gives up within its budget.
 */
import { existsSync, openAsBlob, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BlockLoader } from '../cache/BlockLoader';
import { MemoryBlockCache } from '../cache/MemoryBlockCache';
import { describeTable } from '../nwb/table';
import { makeSyntheticSession } from '../../scripts/make-synthetic-session';
import { BlockReader } from './blockReader';
import { loadH5wasm } from './h5wasmModule';
import { MAX_PREFETCH_BYTES, prefetchMetadata } from './metadataPrefetch';
import { openHdf5Reader } from './openHdf5Reader';
import { RetryOnMissBridge } from './retryOnMissBridge';

const FILE = path.resolve(__dirname, '../../fixtures/generated/tables-small-session.nwb');

/**
 * Opens the file with a loader that counts waves of loading: a load that starts while no other
 * is outstanding begins a new wave (one round trip on a network); loads issued while one is
 * running share its wave.
 */
async function describeUnits(prefetchMetadata: boolean) {
  const blob = await openAsBlob(FILE);
  const loader = new BlockLoader({ persistent: null });
  let outstanding = 0;
  let waves = 0;
  let blocks = 0;
  const load = loader.load.bind(loader);
  loader.load = async (...args: Parameters<BlockLoader['load']>) => {
    if (outstanding === 0) waves++;
    outstanding++;
    blocks += args[1].length;
    try {
      // A round trip's worth of delay, so that loads issued together overlap as on a network.
      await new Promise((resolve) => setTimeout(resolve, 5));
      return await load(...args);
    } finally {
      outstanding--;
    }
  };
  const reader = await openHdf5Reader({
    descriptor: { kind: 'file', file: Object.assign(blob, { name: 's.nwb', lastModified: 0 }) },
    loader,
    memory: new MemoryBlockCache(64 * 1024 * 1024),
    prefetchMetadata,
  });
  const model = await describeTable(reader, '/units');
  await reader.close();
  return { waves, blocks, model };
}

beforeAll(async () => {
  if (!existsSync(FILE)) await makeSyntheticSession({ out: FILE, scale: 0.05, log: () => {} });
}, 300_000);

describe('metadata prefetch', () => {
  it('opens and describes /units in fewer sequential rounds, with the same answer', async () => {
    const without = await describeUnits(false);
    const withPrefetch = await describeUnits(true);
    expect(withPrefetch.model).toEqual(without.model);
    expect(withPrefetch.model.columns.length).toBeGreaterThan(3);
    console.log(
      `open + describe /units: ${without.waves} rounds (${without.blocks} blocks) without the ` +
        `prefetch, ${withPrefetch.waves} rounds (${withPrefetch.blocks} blocks) with it`,
    );
    expect(withPrefetch.waves).toBeLessThan(without.waves);
    // Bounded: the prefetch may read ahead, never a dataset's bulk.
    expect(withPrefetch.blocks).toBeLessThan(without.blocks + 64);
  }, 120_000);
});

/** A small deterministic generator (mulberry32), so a failing seed can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('metadata prefetch over damaged bytes', () => {
  it('never throws and loads at most its byte budget', async () => {
    const h5 = await loadH5wasm();
    const blockSize = 4096;
    const real = readFileSync(FILE).subarray(0, 4 * 1024 * 1024);
    for (let seed = 1; seed <= 20; seed++) {
      // The real file with some of its bytes after the superblock replaced by noise, from a few
      // to most of them: the parser follows addresses that lead somewhere arbitrary.
      const next = random(seed);
      const noise = [0.0005, 0.005, 0.05, 0.5][seed % 4];
      const bytes = real.slice();
      for (let i = 96; i < bytes.length; i++) if (next() < noise) bytes[i] = (next() * 256) | 0;
      const memory = new MemoryBlockCache(64 * 1024 * 1024);
      let loaded = 0;
      const bridge = new RetryOnMissBridge(
        {
          openDescriptor: () => Promise.reject(new Error('not used')),
          load: async (_fileId, indices) => {
            loaded += indices.length;
            return new Map(
              indices.map((i) => [i, bytes.slice(i * blockSize, (i + 1) * blockSize)]),
            );
          },
        },
        (fileId, index, data) => memory.set(fileId, index, data),
      );
      const blockReader = new BlockReader(memory, bridge, blockSize, h5.FS.ErrnoError);
      memory.set('f', 0, bytes.slice(0, blockSize));
      const report = await prefetchMetadata(
        { h5, bridge, blockReader },
        { fileId: 'f', size: bytes.byteLength, blockSize },
        seed % 2 ? '/units' : '/',
      );
      expect(report.rounds).toBeLessThanOrEqual(6);
      expect(loaded * blockSize).toBeLessThanOrEqual(MAX_PREFETCH_BYTES);
    }
  }, 120_000);
});
