import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectFormat, formatOfHead } from './detectFormat';

const TESTDATA = path.resolve(__dirname, '../../../shared/testdata');

function headOf(file: string, bytes = 64 * 1024): Uint8Array {
  return new Uint8Array(readFileSync(file).subarray(0, bytes));
}

/** Every file under a folder with one of these endings (Zarr folders left out). */
function filesEnding(dir: string, endings: string[]): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (name.endsWith('.zarr')) continue;
    if (statSync(full).isDirectory()) out.push(...filesEnding(full, endings));
    else if (endings.some((e) => name.endsWith(e))) out.push(full);
  }
  return out;
}

describe('formatOfHead', () => {
  it('finds the HDF5 signature in every real HDF5 file, whatever its name', () => {
    const files = filesEnding(TESTDATA, ['.nwb', '.h5', '.hdf5', '.he5']).filter(
      (f) => statSync(f).size > 8,
    );
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) {
      const head = headOf(file);
      // Independent of our parser: HDF5's signature bytes, as the spec spells them.
      const hasSignature = Buffer.from(head.subarray(0, 8)).equals(
        Buffer.from('\x89HDF\r\n\x1a\n', 'latin1'),
      );
      if (hasSignature) expect(formatOfHead(head), file).toBe('hdf5');
    }
  });

  it('finds the signature after a user block, and only at the allowed offsets', () => {
    const signature = Buffer.from('\x89HDF\r\n\x1a\n', 'latin1');
    const at = (offset: number) => {
      const bytes = new Uint8Array(4096);
      bytes.set(signature, offset);
      return bytes;
    };
    expect(formatOfHead(at(512))).toBe('hdf5');
    expect(formatOfHead(at(2048))).toBe('hdf5');
    expect(formatOfHead(at(100))).toBeNull();
  });

  it('tells Zarr metadata and LINDI JSON apart, and text from both', () => {
    const zgroup = readFileSync(path.join(TESTDATA, 'hdmf-zarr/ecephys_tutorial.nwb.zarr/.zgroup'));
    expect(formatOfHead(new Uint8Array(zgroup))).toBe('zarr');
    const lindi = new TextEncoder().encode(
      '{\n "generationMetadata": {}, "refs": {".zgroup": {}}}',
    );
    expect(formatOfHead(lindi)).toBe('lindi');
    expect(formatOfHead(new TextEncoder().encode('# README\nnot data'))).toBeNull();
    expect(formatOfHead(new Uint8Array(0))).toBeNull();
  });
});

describe('detectFormat', () => {
  it('asks the store only when the head says nothing', async () => {
    const asked: string[] = [];
    const storeHas = async (key: string) => {
      asked.push(key);
      return key === '.zgroup';
    };
    const hdf5Head = headOf(filesEnding(TESTDATA, ['.nwb'])[0]);
    expect(await detectFormat({ head: async () => hdf5Head, storeHas })).toBe('hdf5');
    expect(asked).toEqual([]);
    expect(await detectFormat({ head: async () => null, storeHas })).toBe('zarr');
    expect(await detectFormat({ head: async () => null, storeHas: async () => false })).toBeNull();
  });
});
