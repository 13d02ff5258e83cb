/**
 * Writes two_reads.nwb, for the per-call cancel tests: a large contiguous dataset to read and
 * cancel, and a group whose metadata sits between two large datasets (neither in the head nor in
 * the tail the opening prefetches), so listing it needs the network while the large read runs.
 *
 *   /acquisition/early   float64 [1_000_000]  (8 MB)
 *   /middle/item_00..39  groups, each with a neurodata_type attribute
 *   /acquisition/big     float64 [2_000_000]  (16 MB, the one a test reads and cancels)
 *   /filler              uint8   [1_048_576]  (keeps /middle out of the tail)
 *
 * Usage: npx tsx scripts/make-cancel-fixture.ts [outDir]   (default fixtures/generated/cancel)
 */
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import path from 'node:path';
import h5wasm from 'h5wasm/node';

export const CANCEL_FIXTURE_NAME = 'two_reads.nwb';
export const MIDDLE_CHILDREN = 40;

export async function makeCancelFixture(outDir: string): Promise<string> {
  const file = path.join(outDir, CANCEL_FIXTURE_NAME);
  if (existsSync(file)) return file;
  await h5wasm.ready;
  mkdirSync(outDir, { recursive: true });
  const partial = `${file}.${process.pid}.tmp`;
  const f = new h5wasm.File(partial, 'w');
  f.create_attribute('nwb_version', '2.7.0');
  f.create_attribute('neurodata_type', 'NWBFile');
  f.create_attribute('namespace', 'core');
  f.create_dataset({ name: 'identifier', data: 'two-reads-fixture' });
  f.create_dataset({ name: 'session_description', data: 'A large read beside a listing' });
  f.create_dataset({ name: 'session_start_time', data: '2026-01-01T00:00:00+00:00' });
  const acquisition = f.create_group('acquisition');
  acquisition.create_dataset({ name: 'early', data: ramp(1_000_000) });
  const middle = f.create_group('middle');
  for (let i = 0; i < MIDDLE_CHILDREN; i++) {
    const child = middle.create_group(`item_${String(i).padStart(2, '0')}`);
    child.create_attribute('neurodata_type', 'TimeSeries');
    child.create_attribute('namespace', 'core');
  }
  acquisition.create_dataset({ name: 'big', data: ramp(2_000_000) });
  f.create_dataset({ name: 'filler', data: new Uint8Array(1 << 20) });
  f.close();
  renameSync(partial, file);
  return file;
}

function ramp(n: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = i * 0.5;
  return out;
}

const invokedDirectly = process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]));
if (invokedDirectly) {
  makeCancelFixture(process.argv[2] ?? 'fixtures/generated/cancel').then((file) =>
    console.log(file),
  );
}
