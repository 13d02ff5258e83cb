/**
 * The memory the whole-LFP overview costs the reading worker, without the benchmark's range
 * server and other phases in the same process (bench/timeseries.ts reports that process's RSS):
 * a fresh process opens the synthetic session from disk through the same reader (BlobSource,
 * BlockLoader, the memory block cache the worker has) and reduces the LFP to 2000 bins,
 * sampling RSS every 50 ms.
 *
 *   npx tsx bench/overviewMemory.ts [--file PATH]
 */
import { openAsBlob } from 'node:fs';
import path from 'node:path';
import { BlockLoader } from '../src/cache/BlockLoader';
import { MemoryBlockCache } from '../src/cache/MemoryBlockCache';
import { loadH5wasm } from '../src/hdf5/h5wasmModule';
import { openHdf5Reader } from '../src/hdf5/openHdf5Reader';
import { DEFAULT_SYNTHETIC_PATH } from '../scripts/synthetic/paths';
import { arg } from './cli';

const LFP = '/processing/ecephys/LFP/ElectricalSeries/data';
const mb = (n: number) => `${(n / 2 ** 20).toFixed(0)} MB`;

async function main(): Promise<void> {
  const file = path.resolve(arg('file', DEFAULT_SYNTHETIC_PATH));
  await loadH5wasm();
  const memory = new MemoryBlockCache();
  const reader = await openHdf5Reader({
    descriptor: {
      kind: 'file',
      file: Object.assign(await openAsBlob(file), { name: path.basename(file), lastModified: 0 }),
    },
    loader: new BlockLoader({ persistent: null }),
    memory,
  });
  const info = await reader.describeDataset(LFP);
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const started = performance.now();
  const envelope = await reader.reduceMinMax(LFP, { start: 0, stop: info.shape![0], bins: 2000 });
  const ms = performance.now() - started;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  await reader.close();
  const cached = memory.stats();
  console.log(
    `overview of ${LFP} (${info.shape!.join(' x ')}, ${mb(info.storedBytes ?? 0)} stored): ` +
      `${ms.toFixed(0)} ms, complete ${envelope.complete}; RSS ${mb(before)} before, ` +
      `${mb(peak)} peak (+${mb(peak - before)}); memory block cache ${mb(cached.bytes)} ` +
      `in ${cached.blocks} blocks`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
