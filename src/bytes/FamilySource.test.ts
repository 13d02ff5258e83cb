import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRangeServer, type RangeServer } from '../../servers/range-server';
import { BlockLoader } from '../cache/BlockLoader';
import { MemoryBlockCache } from '../cache/MemoryBlockCache';
import { openHdf5Reader } from '../hdf5/openHdf5Reader';
import type { DataReader } from '../reader/contract';
import type { ByteSource, SourceDescriptor } from './ByteSource';
import { createSource } from './createSource';
import { FAMILY_DIR, familyFixtures, type FamilyFixture } from './family/familyFixtures';
import { parseFamilySuperblock } from './family/familySuperblock';
import { familyDisplayName, findFamilies, memberName } from './family/memberNames';

let server: RangeServer;
let fixtures: FamilyFixture[];

beforeAll(async () => {
  fixtures = familyFixtures();
  server = await startRangeServer({ root: FAMILY_DIR });
});
afterAll(() => server.close());

function localFiles(fixture: FamilyFixture): File[] {
  return fixture.members.map(
    (name) => new File([readFileSync(path.join(FAMILY_DIR, name))], name, { lastModified: 1 }),
  );
}

function descriptors(fixture: FamilyFixture): [string, SourceDescriptor][] {
  return [
    ['HTTP members', { kind: 'family', pattern: `${server.url}/${fixture.pattern}` }],
    ['dropped members', { kind: 'family', pattern: fixture.pattern, files: localFiles(fixture) }],
  ];
}

/** Reads the whole source in pieces of an awkward size, so many reads straddle two members. */
async function readAll(source: ByteSource, size: number): Promise<Uint8Array> {
  const out = new Uint8Array(size);
  const step = 40_000;
  for (let at = 0; at < size; at += step) {
    const { data } = await source.read({ start: at, end: Math.min(size, at + step) });
    out.set(data, at);
  }
  return out;
}

describe('FamilySource', () => {
  it('presents exactly the bytes of h5repart -family_to_sec2', async () => {
    for (const fixture of fixtures) {
      expect(fixture.members.length).toBeGreaterThan(1);
      const expected = new Uint8Array(readFileSync(path.join(FAMILY_DIR, fixture.single)));
      for (const [how, descriptor] of descriptors(fixture)) {
        const source = createSource(descriptor);
        const identity = await source.identify();
        expect(identity.size, `${fixture.pattern} via ${how}`).toBe(expected.length);
        const primed = source.takePrimed?.();
        expect(primed?.data).toEqual(expected.subarray(0, primed?.data.length));
        const actual = await readAll(source, identity.size);
        expect(Buffer.compare(actual, expected), `${fixture.pattern} via ${how}`).toBe(0);
      }
    }
  });

  it('opens in h5wasm as the same file as the single copy', async () => {
    const walk = async (reader: DataReader) => {
      const out: string[] = [];
      const queue = ['/'];
      while (queue.length) {
        const group = queue.shift()!;
        for (const child of await reader.listChildren(group)) {
          out.push(`${child.path} ${child.kind}`);
          if (child.kind === 'group') queue.push(child.path);
        }
      }
      return out;
    };
    const open = (descriptor: SourceDescriptor) =>
      openHdf5Reader({
        descriptor,
        loader: new BlockLoader({ persistent: null }),
        memory: new MemoryBlockCache(16 * 1024 * 1024),
      });
    const fixture = fixtures[0];
    const family = await open({ kind: 'family', pattern: `${server.url}/${fixture.pattern}` });
    const single = await open({ kind: 'url', url: `${server.url}/${fixture.single}` });
    const familyTree = await walk(family);
    expect(familyTree.length).toBeGreaterThan(10);
    expect(familyTree).toEqual(await walk(single));
    const data = '/acquisition/ElectricalSeries/data';
    const info = await family.describeDataset(data);
    const selection = info.shape!.map((n) => ({ start: 0, stop: Math.min(n, 50) }));
    expect((await family.readSlice(data, selection)).values).toEqual(
      (await single.readSlice(data, selection)).values,
    );
    expect((await family.summary()).name).toBe(fixture.pattern);
  });

  it('says plainly when a file is not a family, or a member is missing', async () => {
    const single = new Uint8Array(readFileSync(path.join(FAMILY_DIR, fixtures[0].single)));
    const parsed = parseFamilySuperblock(single.subarray(0, 4096));
    expect(parsed).toEqual({ ok: false, reason: expect.stringMatching(/single HDF5 file/) });
    expect(parseFamilySuperblock(new Uint8Array(64))).toMatchObject({ ok: false });

    const fixture = fixtures[0];
    const files = localFiles(fixture).slice(0, -1);
    const source = createSource({ kind: 'family', pattern: fixture.pattern, files });
    const size = (await source.identify()).size;
    await expect(source.read({ start: size - 10, end: size })).rejects.toThrow(
      /was not among the dropped files/,
    );
  });
});

describe('family member names', () => {
  it('formats printf patterns and finds families among names', () => {
    expect(memberName('s%d.h5', 12)).toBe('s12.h5');
    expect(memberName('s-%06d.nwb', 7)).toBe('s-000007.nwb');
    expect(familyDisplayName('http://h/a%20b/s%25x-%06d.nwb')).toBe('s%x-%06d.nwb');
    expect(
      findFamilies(['a-000001.nwb', 'a-000000.nwb', 'b0.h5', 'b1.h5', 'b2.h5', 'c1.h5', 'x.nwb']),
    ).toEqual([
      { pattern: 'a-%06d.nwb', members: ['a-000000.nwb', 'a-000001.nwb'] },
      { pattern: 'b%d.h5', members: ['b0.h5', 'b1.h5', 'b2.h5'] },
    ]);
  });
});
