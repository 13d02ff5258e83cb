/**
 * Our Blosc-LZ4 decoder against c-blosc (numcodecs from Debian's python3-numcodecs): chunks that
 * numcodecs compressed (every compressor, shuffle mode, element size, block layout; random data
 * stored uncompressed, long runs with overlapping matches) and real chunks of Zarr stores, each
 * compared with numcodecs' own decompression. Chunks it does not handle must give null (they go
 * to numcodecs), never wrong bytes.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codecStoreV2 } from '../testing/codecStores';
import { TUTORIAL_ZARR } from '../testing/openers';
import { BloscCodec } from './bloscCodec';
import { decodeBlosc } from './decodeBlosc';
import { decodeLz4Block } from './lz4Block';

interface Case {
  name: string;
  cname: string;
  shuffle: string | number;
  real: boolean;
}

const ROOT = path.resolve(__dirname, '../../..');
const SYNTHETIC_LFP = path.join(
  ROOT,
  'fixtures/generated/zarr-bench/synthetic_session.nwb.zarr/processing/ecephys/LFP/ElectricalSeries/data',
);
let dir: string;
let cases: Case[];

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'blosc-cases-'));
  // Real chunks: the hdmf-zarr tutorial, our zarr-python codec store, and the synthetic
  // session's LFP when the Zarr benchmark has written it.
  const stores = [TUTORIAL_ZARR, codecStoreV2()];
  if (existsSync(SYNTHETIC_LFP)) stores.push(SYNTHETIC_LFP);
  execFileSync('/usr/bin/python3', [
    path.join(ROOT, 'scripts/zarr/blosc_cases.py'),
    dir,
    ...stores,
  ]);
  cases = JSON.parse(readFileSync(path.join(dir, 'cases.json'), 'utf8')) as Case[];
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const load = (c: Case) => ({
  compressed: new Uint8Array(readFileSync(path.join(dir, `${c.name}.blosc`))),
  expected: readFileSync(path.join(dir, `${c.name}.raw`)),
});
const same = (a: Uint8Array, b: Uint8Array) =>
  Buffer.from(a.buffer, a.byteOffset, a.length).equals(b);

describe('decodeBlosc', () => {
  it('decodes every LZ4 chunk numcodecs made as numcodecs does', () => {
    const lz4 = cases.filter(
      (c) => !c.real && (c.cname === 'lz4' || c.cname === 'lz4hc') && c.shuffle !== 'bitshuffle',
    );
    expect(lz4.length).toBeGreaterThan(300);
    const wrong = lz4.filter((c) => {
      const { compressed, expected } = load(c);
      const got = decodeBlosc(compressed);
      return !got || !same(got, expected);
    });
    expect(wrong.map((c) => c.name)).toEqual([]);
  });

  it('decodes real LZ4 chunks of Zarr stores as numcodecs does', () => {
    const real = cases.filter((c) => c.real && c.cname === 'lz4');
    expect(real.length).toBeGreaterThanOrEqual(30);
    for (const c of real) {
      const { compressed, expected } = load(c);
      const got = decodeBlosc(compressed);
      expect(got, c.name).not.toBeNull();
      expect(same(got!, expected), c.name).toBe(true);
    }
  });

  it('hands other compressors and bit shuffle over (null) unless stored uncompressed', () => {
    const others = cases.filter(
      (c) => !c.real && (!c.cname.startsWith('lz4') || c.shuffle === 'bitshuffle'),
    );
    expect(others.length).toBeGreaterThan(50);
    for (const c of others) {
      const { compressed, expected } = load(c);
      const got = decodeBlosc(compressed);
      const stored = (compressed[2] & 0x02) !== 0; // Blosc's "copied uncompressed" flag
      if (stored) expect(got && same(got, expected), c.name).toBe(true);
      else expect(got, c.name).toBeNull();
    }
  });

  it('gives null, not wrong bytes, for a damaged chunk', () => {
    const c = cases.find((x) => x.name.startsWith('lz4_i2_smooth_shuffle_12001'))!;
    const { compressed } = load(c);
    const truncated = compressed.slice(0, compressed.length - 40);
    expect(decodeBlosc(truncated)).toBeNull();
    const bent = compressed.slice();
    bent[compressed.length - 30] ^= 0xff; // a sequence length or offset goes wrong
    const got = decodeBlosc(bent);
    if (got) expect(same(got, load(c).expected)).toBe(false);
  });
});

describe('BloscCodec', () => {
  it('decodes what our decoder hands over through numcodecs', async () => {
    const c = cases.find((x) => x.name.startsWith('zstd_i4_smooth_shuffle_12001'))!;
    const { compressed, expected } = load(c);
    expect(decodeBlosc(compressed)).toBeNull();
    const codec = BloscCodec.fromConfig({ cname: 'zstd', clevel: 5, shuffle: 1, blocksize: 0 }, {});
    expect(same(await codec.decode(compressed), expected)).toBe(true);
  });
});

describe('decodeLz4Block', () => {
  it('copies overlapping matches byte by byte (a run from one literal)', () => {
    // token: 1 literal, match length 15 + 5 extra + 4 = 24, offset 1 -> 25 bytes of 'a'.
    const block = new Uint8Array([0x1f, 97, 1, 0, 5, 0x00]);
    const out = new Uint8Array(25);
    // The final sequence must carry literals: a zero-literal token at the end is still valid.
    expect(decodeLz4Block(block, 0, block.length, out, 0, 25)).toBe(true);
    expect(new TextDecoder().decode(out)).toBe('a'.repeat(25));
  });

  it('refuses an offset before the start of the output', () => {
    const block = new Uint8Array([0x10, 97, 2, 0, 0x00]);
    expect(decodeLz4Block(block, 0, block.length, new Uint8Array(5), 0, 5)).toBe(false);
  });
});
