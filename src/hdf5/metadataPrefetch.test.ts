/**
 * The metadata prefetcher cuts the chain of dependent reads: opening the small synthetic session
 * and describing its units table (attributes, listing with projected attributes, every column's
 * header) takes fewer sequential rounds of loading with it than without, in the same run, and
 * gives the same answer.
 */
import { existsSync, openAsBlob } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BlockLoader } from '../cache/BlockLoader';
import { MemoryBlockCache } from '../cache/MemoryBlockCache';
import { describeTable } from '../nwb/table';
import { makeSyntheticSession } from '../../scripts/make-synthetic-session';
import { openHdf5Reader } from './openHdf5Reader';

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
