/**
 * Test stores: v2 stores written by zarr-python (an independent writer: one array per codec),
 * and a v3 store written with zarrita plus a sharded array built by hand from the spec.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import FileSystemStore from '@zarrita/storage/fs';
import * as zarr from 'zarrita';

const GENERATED = path.resolve(__dirname, '../../../fixtures/generated');

/** The zarr-python codec store (written once, then reused). */
export function codecStoreV2(): string {
  const dir = path.join(GENERATED, 'zarr-codecs-v2');
  const store = path.join(dir, 'codecs.zarr');
  if (!existsSync(path.join(store, '.zmetadata'))) {
    mkdirSync(dir, { recursive: true });
    const script = path.resolve(__dirname, '../../../scripts/zarr/write_codec_stores.py');
    execFileSync('/usr/bin/python3', [script, dir], { stdio: 'inherit' });
  }
  return store;
}

/** A v3 store: zarrita-written arrays (bytes, blosc, zstd codecs) and a hand-built sharded array. */
export async function codecStoreV3(): Promise<string> {
  const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'zarr-v3-')), 'v3.zarr');
  mkdirSync(dir);
  const store = new FileSystemStore(dir);
  const root = await zarr.create(store, {
    attributes: { title: 'v3 store', neurodata_type: 'NWBFile' },
  });
  const values = Float64Array.from({ length: 60 }, (_, i) => i * 0.5);
  for (const [name, codecs] of [
    ['plain', []],
    [
      'blosc',
      [
        {
          name: 'blosc',
          configuration: { cname: 'lz4', clevel: 5, shuffle: 'shuffle', typesize: 8, blocksize: 0 },
        },
      ],
    ],
    ['zstd', [{ name: 'zstd', configuration: { level: 3, checksum: false } }]],
  ] as const) {
    const arr = await zarr.create(root.resolve(name), {
      shape: [10, 6],
      chunkShape: [4, 4],
      dtype: 'float64',
      codecs: codecs as unknown as zarr.CodecMetadata[],
    });
    await zarr.set(arr, null, { data: values, shape: [10, 6], stride: [6, 1] });
  }
  writeShardedArray(path.join(dir, 'sharded'));
  return dir;
}

/**
 * A 1-D int32 array of 24 elements (value = index * 3): shards of 12 holding 3 chunks of 4,
 * each shard's chunks stored raw, followed by the index (offset, nbytes as little-endian
 * uint64 pairs; no checksum), as the sharding_indexed codec specifies.
 */
function writeShardedArray(dir: string): void {
  mkdirSync(path.join(dir, 'c'), { recursive: true });
  const meta = {
    zarr_format: 3,
    node_type: 'array',
    shape: [24],
    data_type: 'int32',
    chunk_grid: { name: 'regular', configuration: { chunk_shape: [12] } },
    chunk_key_encoding: { name: 'default', configuration: { separator: '/' } },
    fill_value: 0,
    codecs: [
      {
        name: 'sharding_indexed',
        configuration: {
          chunk_shape: [4],
          codecs: [{ name: 'bytes', configuration: { endian: 'little' } }],
          index_codecs: [{ name: 'bytes', configuration: { endian: 'little' } }],
          index_location: 'end',
        },
      },
    ],
    attributes: { description: 'sharded' },
  };
  writeFileSync(path.join(dir, 'zarr.json'), JSON.stringify(meta));
  for (let shard = 0; shard < 2; shard++) {
    const chunks = 3;
    const body = new Uint8Array(chunks * 16 + chunks * 16);
    const view = new DataView(body.buffer);
    for (let c = 0; c < chunks; c++) {
      for (let i = 0; i < 4; i++) {
        // Chunks written in reverse order, so the index (not the position) must be followed.
        const slot = chunks - 1 - c;
        view.setInt32(slot * 16 + i * 4, (shard * 12 + c * 4 + i) * 3, true);
      }
      const slot = chunks - 1 - c;
      view.setBigUint64(chunks * 16 + c * 16, BigInt(slot * 16), true);
      view.setBigUint64(chunks * 16 + c * 16 + 8, 16n, true);
    }
    writeFileSync(path.join(dir, 'c', String(shard)), body);
  }
}
