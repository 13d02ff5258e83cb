/**
 * Requests per source kind: opening the synthetic session and listing its tree two levels deep
 * costs as many requests split in 64 MiB family members (HDF5's family driver, `name-%06d.nwb`)
 * as in one file, and as many from a private S3 bucket with signed requests as from a public
 * one. The counts are the servers' own logs (what reached them), through the real reader code
 * (openHdf5Reader + BlockLoader, no persistent cache). Each pair is measured in the same run.
 *
 *   npx tsx bench/sources.ts [--markdown PATH]
 *
 * The family copy is written by h5py's family driver (Debian python3-h5py) from the synthetic
 * session, and compared with its own single-file twin from `h5repart -family_to_sec2` (Debian
 * hdf5-tools): the same bytes, only the splitting differs. A report, not a test: a ratio above 1
 * prints MISS and the exit code stays 0.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { SourceDescriptor } from '../src/bytes/ByteSource';
import { BlockLoader } from '../src/cache/BlockLoader';
import { MemoryBlockCache } from '../src/cache/MemoryBlockCache';
import { openHdf5Reader } from '../src/hdf5/openHdf5Reader';
import { startRangeServer } from '../servers/range-server';
import { startS3Server } from '../servers/s3/s3Server';
import { DEFAULT_SYNTHETIC_PATH } from '../scripts/synthetic/paths';
import { generator } from './throttledSession';
import { markdownTable } from './report';

const ROOT = path.resolve(import.meta.dirname, '..');
const SOURCE = path.join(ROOT, DEFAULT_SYNTHETIC_PATH);
const FAMILY_DIR = path.join(ROOT, 'fixtures/generated/staying-family');
const FAMILY_PATTERN = 'synthetic_session-%06d.nwb';
/** The family's single-file twin (h5repart), served beside the members. */
const SINGLE = path.join(FAMILY_DIR, 'synthetic_session.single.nwb');
const MEMBER_BYTES = 64 * 1024 * 1024;

/**
 * The family copy: h5py's family driver (as a pynwb user with driver='family' writes it), and
 * its single-file twin from HDF5's `h5repart -family_to_sec2`, so both hold the same layout.
 */
async function fixtures(): Promise<void> {
  if (!existsSync(SOURCE))
    await (await generator()).makeSyntheticSession({ out: SOURCE, scale: 1 });
  if (existsSync(SINGLE)) return;
  mkdirSync(FAMILY_DIR, { recursive: true });
  const copy = [
    'import sys, h5py',
    `sys.path.insert(0, ${JSON.stringify(path.join(ROOT, 'scripts/family'))})`,
    'from make_family_fixtures import copy_into',
    `with h5py.File(sys.argv[2], 'w', driver='family', memb_size=${MEMBER_BYTES}) as t:`,
    '    copy_into(sys.argv[1], t)',
  ].join('\n');
  const pattern = path.join(FAMILY_DIR, FAMILY_PATTERN);
  execFileSync('/usr/bin/python3', ['-c', copy, SOURCE, pattern], { stdio: 'inherit' });
  const args = ['-m', String(MEMBER_BYTES), '-family_to_sec2', pattern, SINGLE];
  execFileSync('h5repart', args, { stdio: 'inherit' });
}

function memberCount(): number {
  return readdirSync(FAMILY_DIR).filter((n) => /^synthetic_session-\d{6}\.nwb$/.test(n)).length;
}

/** Opens, lists the root and every group under it; returns the paths seen (to compare). */
async function walkTwoLevels(descriptor: SourceDescriptor): Promise<string[]> {
  const reader = await openHdf5Reader({
    descriptor,
    loader: new BlockLoader({ persistent: null }),
    memory: new MemoryBlockCache(64 * 1024 * 1024),
  });
  const seen: string[] = [];
  for (const child of await reader.listChildren('/')) {
    seen.push(child.path);
    if (child.kind !== 'group') continue;
    for (const grandchild of await reader.listChildren(child.path)) seen.push(grandchild.path);
  }
  await reader.close();
  return seen;
}

interface Pair {
  label: string;
  baseline: { label: string; requests: number };
  other: { label: string; requests: number };
  sameTree: boolean;
}

async function familyPair(): Promise<Pair> {
  const server = await startRangeServer({ root: FAMILY_DIR });
  try {
    const count = () => server.stats.log.filter((e) => e.method !== 'OPTIONS').length;
    server.stats.reset();
    const single = await walkTwoLevels({
      kind: 'url',
      url: `${server.url}/${path.basename(SINGLE)}`,
    });
    const singleRequests = count();
    server.stats.reset();
    const family = await walkTwoLevels({
      kind: 'family',
      pattern: `${server.url}/${FAMILY_PATTERN}`,
    });
    return {
      label: `Family-split copy (${memberCount()} members of 64 MiB) vs the single file`,
      baseline: { label: 'single file', requests: singleRequests },
      other: { label: 'family members', requests: count() },
      sameTree: JSON.stringify(single) === JSON.stringify(family),
    };
  } finally {
    await server.close();
  }
}

async function s3Pair(): Promise<Pair> {
  const credentials = { accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench-secret' };
  const s3 = await startS3Server({
    buckets: {
      lab: { root: path.dirname(SOURCE), region: 'eu-west-1' },
      open: { root: path.dirname(SOURCE), region: 'us-east-1', public: true },
    },
    keys: { AKIDBENCH: { secretAccessKey: credentials.secretAccessKey } },
  });
  try {
    const key = path.basename(SOURCE);
    const count = () => s3.log.filter((e) => e.method !== 'OPTIONS').length;
    s3.log.length = 0;
    const pub = await walkTwoLevels({ kind: 'url', url: `${s3.url}/open/${key}` });
    const publicRequests = count();
    s3.log.length = 0;
    // The region is given, as a user who knows the bucket would: without it, S3's first answer
    // names the region and costs one more request (signedS3Fetch.test.ts covers that path).
    const priv = await walkTwoLevels({
      kind: 'url',
      url: `${s3.url}/lab/${key}`,
      s3: { ...credentials, region: 'eu-west-1' },
    });
    return {
      label: 'Private S3, signed (SigV4) vs a public bucket',
      baseline: { label: 'public', requests: publicRequests },
      other: { label: 'signed', requests: count() },
      sameTree: JSON.stringify(pub) === JSON.stringify(priv),
    };
  } finally {
    await s3.close();
  }
}

async function main(): Promise<void> {
  const markdownAt = process.argv.indexOf('--markdown');
  await fixtures();
  const pairs = [await familyPair(), await s3Pair()];
  const rows = pairs.map((p) => {
    const ratio = p.other.requests / p.baseline.requests;
    return [
      p.label,
      `${p.baseline.requests} (${p.baseline.label})`,
      `${p.other.requests} (${p.other.label})`,
      ratio.toFixed(2),
      ratio <= 1 && p.sameTree ? 'ok' : p.sameTree ? 'MISS' : 'MISS (trees differ)',
    ];
  });
  const table = markdownTable(
    ['Opening the synthetic session + 2 tree levels', 'Baseline requests', 'Requests', 'Ratio', ''],
    rows,
  );
  console.log(table);
  if (markdownAt > 0) writeFileSync(process.argv[markdownAt + 1], `${table}\n`);
}

await main();
