/**
 * Writes small HDF5 files that exercise the limits, for unit and end-to-end tests:
 * - huge_dataset.nwb: an NWB-shaped file whose datasets have billions of elements but hold no
 *   data (chunked, never written, so the file stays tiny). Selecting one must never read it all.
 *
 * Usage: npx tsx scripts/make-edge-fixtures.ts [outDir]   (default fixtures/generated/edge)
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import h5wasm from 'h5wasm/node';

export async function makeEdgeFixtures(outDir: string): Promise<string[]> {
  await h5wasm.ready;
  mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, 'huge_dataset.nwb');
  const f = new h5wasm.File(file, 'w');
  f.create_attribute('nwb_version', '2.7.0');
  f.create_attribute('neurodata_type', 'NWBFile');
  f.create_attribute('namespace', 'core');
  f.create_dataset({ name: 'identifier', data: 'huge-dataset-fixture' });
  f.create_dataset({ name: 'session_description', data: 'Datasets of billions of elements' });
  f.create_dataset({ name: 'session_start_time', data: '2026-01-01T00:00:00+00:00' });
  const acquisition = f.create_group('acquisition');
  const series = acquisition.create_group('HugeSeries');
  series.create_attribute('neurodata_type', 'TimeSeries');
  series.create_attribute('namespace', 'core');
  // Created empty and resized: HDF5 allocates no chunks, so 12 billion elements cost nothing.
  const data = series.create_dataset({
    name: 'data',
    data: new Float32Array(0),
    shape: [0, 0],
    maxshape: [null, null],
    chunks: [65536, 8],
    dtype: '<f4',
  });
  data.resize([3_000_000_000, 4]);
  data.create_attribute('unit', 'volts');
  const flat = acquisition.create_dataset({
    name: 'huge_1d',
    data: new Int16Array(0),
    shape: [0],
    maxshape: [null],
    chunks: [1 << 20],
    dtype: '<i2',
  });
  flat.resize([10_000_000_000]);
  f.close();
  return [file];
}

const invokedDirectly = process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]));
if (invokedDirectly) {
  const out = process.argv[2] ?? 'fixtures/generated/edge';
  makeEdgeFixtures(out).then((files) => console.log(files.join('\n')));
}
