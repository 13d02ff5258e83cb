/**
 * The reader comes back before HDF5 has finished opening only for a file that looks whole:
 * a damaged one still fails at the open, with HDF5's own diagnosis.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BlockLoader } from '../cache/BlockLoader';
import { MemoryBlockCache } from '../cache/MemoryBlockCache';
import { codeOf } from '../bytes/testing/fixtures';
import { openHdf5Reader } from './openHdf5Reader';

const FILE =
  '/work/shared/testdata/neuroconv/ophys_testing_data/segmentation_datasets/nwb/nwb_test.nwb';

function open(bytes: Uint8Array<ArrayBuffer>) {
  const file = Object.assign(new Blob([bytes]), { name: 'f.nwb', lastModified: 0 });
  return openHdf5Reader({
    descriptor: { kind: 'file', file },
    loader: new BlockLoader({ persistent: null }),
    memory: new MemoryBlockCache(),
  });
}

describe('openHdf5Reader', () => {
  const whole = readFileSync(FILE);

  it('a truncated file fails at the open, as truncated', async () => {
    expect(await codeOf(open(new Uint8Array(whole.subarray(0, 1_000_000))))).toBe('truncated');
  });

  it('a whole file opens and answers its first calls', async () => {
    const reader = await open(new Uint8Array(whole));
    const names = (await reader.listChildren('/')).map((c) => c.name);
    expect(names).toContain('processing');
    await reader.close();
  });
});
