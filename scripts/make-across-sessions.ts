/**
 * Writes N small NWB 2.7.0 sessions for the across-files tests and benchmark (a few hundred KB
 * each): distinct identifiers, subjects and start times; units with ragged spike_times, trials,
 * one running-speed series. The files differ the way real dandisets do: one stores firing_rate
 * as float32 and depth as int64 (widened when stacked), the last has no `depth` column at all.
 *
 *   npx tsx scripts/make-across-sessions.ts [--out fixtures/generated/across] [--count 10]
 *
 * Same count, same bytes (seeded, clock pinned). Each file is written beside its name and renamed
 * into place, so an interrupted run never leaves a half file behind.
 */
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import h5wasm from 'h5wasm/node';
import { Prng } from './synthetic/random';
import { dataset, group, writeTree, type Attrs, type TreeNode } from './synthetic/tree';

export const DEFAULT_ACROSS_DIR = 'fixtures/generated/across';
const FIXED_CLOCK_MS = Date.UTC(2024, 4, 14, 16, 30, 0);

/** File name of session i (sorted names are session order). */
export function acrossSessionName(i: number): string {
  return `sub-${String(i % 4).padStart(2, '0')}_ses-${String(i).padStart(2, '0')}.nwb`;
}

function typed(prng: Prng, namespace: string, type: string, extra: Attrs = {}): Attrs {
  return { ...extra, namespace, neurodata_type: type, object_id: prng.uuid4() };
}

function column(prng: Prng, name: string, data: Parameters<typeof dataset>[1], what: string) {
  return dataset(name, data, typed(prng, 'hdmf-common', 'VectorData', { description: what }));
}

function ids(prng: Prng, n: number): TreeNode {
  return dataset(
    'id',
    BigInt64Array.from({ length: n }, (_, i) => BigInt(i)),
    typed(prng, 'hdmf-common', 'ElementIdentifiers'),
  );
}

function scalarString(name: string, value: string): TreeNode {
  return dataset(name, value, {}, { shape: [] });
}

function units(prng: Prng, i: number, count: number, durationS: number): TreeNode {
  const ends: number[] = [];
  const spikes: number[] = [];
  const rate = new Float64Array(count);
  const depth: number[] = [];
  const quality: string[] = [];
  for (let u = 0; u < count; u++) {
    const n = 5 + prng.int(40);
    let t = 0;
    for (let s = 0; s < n; s++) {
      t += prng.exponential(durationS / n);
      spikes.push(Math.min(t, durationS));
    }
    ends.push(spikes.length);
    rate[u] = n / durationS;
    depth.push(100 * prng.int(38));
    quality.push(prng.next() < 0.6 ? 'good' : 'mua');
  }
  const wide = i === 3; // one file written by another tool: float32 rates, int64 depths
  const hasDepth = i !== 9;
  const colnames = ['spike_times', 'firing_rate', 'quality', ...(hasDepth ? ['depth'] : [])];
  const children: TreeNode[] = [
    ids(prng, count),
    column(prng, 'spike_times', Float64Array.from(spikes), 'spike times (s)'),
    dataset(
      'spike_times_index',
      Uint32Array.from(ends),
      typed(prng, 'hdmf-common', 'VectorIndex', {
        description: "Index for VectorData 'spike_times'",
        target: { ref: '/units/spike_times' },
      }),
    ),
    column(prng, 'firing_rate', wide ? Float32Array.from(rate) : rate, 'mean rate (Hz)'),
    column(prng, 'quality', quality, 'curation label'),
  ];
  if (hasDepth) {
    const data = wide ? BigInt64Array.from(depth.map((d) => BigInt(d))) : Int32Array.from(depth);
    children.push(column(prng, 'depth', data, 'depth along the probe (um)'));
  }
  return group(
    'units',
    typed(prng, 'core', 'Units', { colnames, description: 'sorted units' }),
    children,
  );
}

function trials(prng: Prng, count: number, durationS: number): TreeNode {
  const start = new Float64Array(count);
  const stop = new Float64Array(count);
  const choice = new Int8Array(count);
  const slot = durationS / count;
  for (let t = 0; t < count; t++) {
    start[t] = t * slot;
    stop[t] = t * slot + slot * (0.5 + 0.4 * prng.next());
    choice[t] = prng.next() < 0.5 ? -1 : 1;
  }
  return group(
    'trials',
    typed(prng, 'core', 'TimeIntervals', {
      colnames: ['start_time', 'stop_time', 'choice'],
      description: 'trials',
    }),
    [
      ids(prng, count),
      column(prng, 'start_time', start, 'start (s)'),
      column(prng, 'stop_time', stop, 'stop (s)'),
      column(prng, 'choice', choice, 'left -1, right 1'),
    ],
  );
}

function session(i: number): TreeNode {
  const prng = new Prng(1000 + i);
  const durationS = 100 + 10 * i;
  const rateHz = 10;
  const speed = Float32Array.from({ length: durationS * rateHz }, () => prng.next());
  const day = String(1 + i).padStart(2, '0');
  return group('/', typed(prng, 'core', 'NWBFile', { nwb_version: '2.7.0' }), [
    group('acquisition', {}, [
      group('running_speed', typed(prng, 'core', 'TimeSeries', { description: 'wheel speed' }), [
        dataset('data', speed, { unit: 'm/s', conversion: { dtype: '<f', value: 1 } }),
        dataset(
          'starting_time',
          0,
          { rate: { dtype: '<d', value: rateHz }, unit: 'seconds' },
          { shape: [], dtype: '<d' },
        ),
      ]),
    ]),
    group('general', {}, [
      scalarString('lab', i % 2 === 0 ? 'Lab A' : 'Lab B'),
      scalarString('institution', 'Synthetic Institute'),
      group('subject', typed(prng, 'core', 'Subject'), [
        scalarString('subject_id', `mouse-${String(i % 4).padStart(2, '0')}`),
        scalarString('species', 'Mus musculus'),
        scalarString('sex', i % 3 === 0 ? 'F' : 'M'),
        scalarString('age', `P${60 + i}D`),
      ]),
    ]),
    group('intervals', {}, [trials(prng, 20 + 2 * i, durationS)]),
    units(prng, i, 12 + 3 * i, durationS),
    dataset('file_create_date', ['2024-05-14T16:02:11.513000-07:00'], {}, { dtype: 'A' }),
    scalarString('identifier', `across-session-${String(i).padStart(2, '0')}`),
    scalarString('session_description', `synthetic session ${i} for the across-files view`),
    scalarString('session_start_time', `2024-05-${day}T09:30:00.000000-07:00`),
    scalarString('timestamps_reference_time', `2024-05-${day}T09:30:00.000000-07:00`),
  ]);
}

/** Writes the sessions missing from `dir`; returns every file's path in session order. */
export async function makeAcrossSessions(dir: string, count = 10): Promise<string[]> {
  await h5wasm.ready;
  mkdirSync(dir, { recursive: true });
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const file = path.resolve(dir, acrossSessionName(i));
    out.push(file);
    if (existsSync(file)) continue;
    const partial = `${file}.partial`;
    rmSync(partial, { force: true });
    const realNow = Date.now;
    Date.now = () => FIXED_CLOCK_MS;
    const h5 = new h5wasm.File(partial, 'w', { libver: ['earliest', 'latest'] });
    try {
      const root = session(i);
      if (root.kind !== 'group') throw new Error('root must be a group');
      writeTree(h5, root, () => {});
    } finally {
      h5.close();
      Date.now = realNow;
    }
    renameSync(partial, file);
  }
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const value = (flag: string) => {
    const at = args.indexOf(flag);
    return at >= 0 ? args[at + 1] : undefined;
  };
  const dir = value('--out') ?? DEFAULT_ACROSS_DIR;
  const count = Number(value('--count') ?? 10);
  makeAcrossSessions(dir, count).then(
    (files) => console.log(`${files.length} sessions in ${dir}`),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
