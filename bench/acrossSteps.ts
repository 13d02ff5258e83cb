/**
 * CPU per file of each step of the across-files reads, over a local copy (no network), so a
 * change to src/nwb/across can be measured rather than guessed. Each step runs on N freshly
 * opened readers of the same file (HDF5 parses each one's metadata anew, as for a new file); the
 * first 5 warm the engine and are not counted. CPU time (this process, all threads) is less
 * sensitive than wall time to a busy machine, but still noisy: compare runs made together.
 *
 *   npx tsx bench/acrossSteps.ts [step substring]        N=100 (env) files per step
 *   COUNT=sessionMetadataRow npx tsx bench/acrossSteps.ts none   reader calls of one step
 */
import { openAsBlob } from 'node:fs';
import path from 'node:path';
import { BlockLoader } from '../src/cache/BlockLoader';
import { MemoryBlockCache } from '../src/cache/MemoryBlockCache';
import { loadH5wasm } from '../src/hdf5/h5wasmModule';
import { openHdf5Reader } from '../src/hdf5/openHdf5Reader';
import { sessionMetadataRow, stackTables } from '../src/nwb/across';
import { describeNwbFile } from '../src/nwb/describeNwbFile';
import { describeSession, walkTypedObjects } from '../src/nwb/overview';
import { describeTable } from '../src/nwb/table';
import type { DataReader } from '../src/reader/contract';
import { makeAcrossSessions } from '../scripts/make-across-sessions';

const N = Number(process.env.N ?? 100);
const WARM = 5;

async function opener(file: string): Promise<() => Promise<DataReader>> {
  const blob = Object.assign(await openAsBlob(file), {
    name: path.basename(file),
    lastModified: 0,
  });
  return () =>
    openHdf5Reader({
      descriptor: { kind: 'file', file: blob },
      loader: new BlockLoader({ persistent: null }),
      memory: new MemoryBlockCache(),
    });
}

const one = (r: DataReader) => [{ name: 'x', open: async () => r }];
const STEPS: [string, (r: DataReader) => Promise<unknown>][] = [
  ['describeNwbFile', (r) => describeNwbFile(r)],
  ['walkTypedObjects', (r) => walkTypedObjects(r)],
  ['describeSession', (r) => describeSession(r)],
  ['sessionMetadataRow', (r) => sessionMetadataRow(r)],
  ['describeTable /units', (r) => describeTable(r, '/units')],
  ['stack trials', (r) => stackTables(one(r), '/intervals/trials')],
  [
    'stack units scalar',
    (r) => stackTables(one(r), '/units', { columns: ['firing_rate', 'quality', 'depth'] }),
  ],
  [
    'stack units filtered',
    (r) =>
      stackTables(one(r), '/units', {
        columns: ['spike_times'],
        filters: [{ column: 'quality', op: '=', value: 'good' }],
      }),
  ],
];

/** A reader that counts its calls by method and first argument. */
function counting(reader: DataReader, counts: Map<string, number>): DataReader {
  return new Proxy(reader, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const key = `${String(prop)} ${typeof args[0] === 'string' ? args[0] : ''}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

async function main(): Promise<void> {
  const [file] = await makeAcrossSessions('fixtures/generated/across-bench', 20);
  await loadH5wasm();
  const open = await opener(file!);
  const only = process.argv[2];
  for (const [label, step] of STEPS) {
    if (only && !label.includes(only)) continue;
    const readers: DataReader[] = [];
    for (let i = 0; i < N; i++) readers.push(await open());
    for (let i = 0; i < WARM; i++) await step(readers[i]!);
    const cpu0 = process.cpuUsage();
    for (let i = WARM; i < N; i++) await step(readers[i]!);
    const cpu = process.cpuUsage(cpu0);
    const ms = (cpu.user + cpu.system) / 1000 / (N - WARM);
    process.stdout.write(`${label.padEnd(24)} ${ms.toFixed(2)} ms CPU per file\n`);
    await Promise.all(readers.map((r) => r.close()));
  }
  const counted = process.env.COUNT;
  if (counted) {
    const counts = new Map<string, number>();
    await STEPS.find(([l]) => l === counted)?.[1](counting(await open(), counts));
    for (const [key, n] of counts) process.stdout.write(`${n} ${key}\n`);
    process.stdout.write(`${[...counts.values()].reduce((a, b) => a + b, 0)} calls\n`);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
