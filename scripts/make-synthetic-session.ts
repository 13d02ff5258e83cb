/**
 * Writes a large synthetic NWB 2.7.0 ecephys session for benchmarks (about 300 MB at scale 1).
 *
 *   npx tsx scripts/make-synthetic-session.ts [--out fixtures/generated/synthetic_session.nwb]
 *                                             [--scale 1] [--seed 20240514]
 *                                             [--layout interleaved|neuroconv]
 *
 * The same seed and scale give the same content. The file is written next to its destination
 * and renamed into place at the end, so an interrupted run never leaves a half-written file that
 * the benchmark would then trust.
 */
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import h5wasm from 'h5wasm/node';
import { planSession, type SessionLayout } from './synthetic/session';
import { writeTree } from './synthetic/tree';

import { DEFAULT_SYNTHETIC_PATH, NEUROCONV_SYNTHETIC_PATH } from './synthetic/paths';

export { DEFAULT_SYNTHETIC_PATH, NEUROCONV_SYNTHETIC_PATH };
const DEFAULT_SEED = 20240514;
/** The session's start (2024-05-14T16:30:00Z), used as every object's modification time. */
const FIXED_CLOCK_MS = Date.UTC(2024, 4, 14, 16, 30, 0);

export interface MakeOptions {
  out: string;
  scale: number;
  seed?: number;
  /** Default 'interleaved' (see SessionLayout). */
  layout?: SessionLayout;
  /** Progress lines; default: stderr. */
  log?: (line: string) => void;
}

export interface MakeResult {
  path: string;
  bytes: number;
  seconds: number;
  summary: Record<string, string | number>;
}

export async function makeSyntheticSession(options: MakeOptions): Promise<MakeResult> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const started = performance.now();
  const out = path.resolve(options.out);
  mkdirSync(path.dirname(out), { recursive: true });
  const partial = `${out}.partial`;
  rmSync(partial, { force: true });

  await h5wasm.ready;
  const plan = planSession({
    scale: options.scale,
    seed: options.seed ?? DEFAULT_SEED,
    layout: options.layout,
  });
  log(`planned: ${JSON.stringify(plan.summary)}`);

  // libver earliest..latest is h5py's default: superblock 0, symbol-table groups, v1 object
  // headers and v1 B-tree chunk indexes, i.e. the layout of nearly every pynwb file on DANDI.
  // HDF5 stamps every dataset's object header with a modification time, read through
  // Emscripten's clock (Date.now at call time). Pinning the clock while writing is what makes
  // two runs byte-identical; it is restored before anything else runs.
  const realNow = Date.now;
  Date.now = () => FIXED_CLOCK_MS;
  const file = new h5wasm.File(partial, 'w', { libver: ['earliest', 'latest'] });
  try {
    writeTree(file, plan.root, log, (f, writeChildren) => {
      // pynwb caches the specifications after the whole file, then points .specloc at them.
      writeChildren('/', [plan.specifications]);
      const specs = f.get('/specifications');
      if (specs === null || !('create_reference' in specs)) throw new Error('no /specifications');
      f.create_attribute('.specloc', specs.create_reference(), []);
    });
  } finally {
    file.close();
    Date.now = realNow;
  }
  renameSync(partial, out);
  const bytes = statSync(out).size;
  const seconds = (performance.now() - started) / 1000;
  log(`wrote ${out}: ${(bytes / 1e6).toFixed(1)} MB in ${seconds.toFixed(1)} s`);
  return { path: out, bytes, seconds, summary: plan.summary };
}

function parseArgs(argv: string[]): MakeOptions {
  const options: MakeOptions = { out: DEFAULT_SYNTHETIC_PATH, scale: 1 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = argv[i + 1];
    if (arg === '--out' && value !== undefined) {
      options.out = value;
      i++;
    } else if (arg === '--scale' && value !== undefined) {
      options.scale = Number(value);
      i++;
    } else if (arg === '--seed' && value !== undefined) {
      options.seed = Number(value);
      i++;
    } else if (arg === '--layout' && (value === 'interleaved' || value === 'neuroconv')) {
      options.layout = value;
      i++;
    } else if (arg === '--help' || arg === '-h') {
      process.stdout.write(
        'usage: npx tsx scripts/make-synthetic-session.ts [--out PATH] [--scale N] [--seed N]' +
          ' [--layout interleaved|neuroconv]\n',
      );
      process.exit(0);
    } else {
      throw new Error(`unknown argument: ${arg ?? ''}`);
    }
  }
  if (!(options.scale > 0) || !Number.isFinite(options.scale)) {
    throw new Error('--scale must be a positive number');
  }
  return options;
}

const isMain =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  const options = parseArgs(process.argv.slice(2));
  if (existsSync(options.out)) process.stderr.write(`overwriting ${options.out}\n`);
  await makeSyntheticSession(options);
}
