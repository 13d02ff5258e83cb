/**
 * The metadata parser against h5py on every HDF5 file we have: for each group reachable by hard
 * links, the link names the parser finds equal h5py's (src/testing/h5py_groups.py). Where the
 * parser declines (dense link storage), the prefetch plan says so and the reader still lists
 * the group through h5wasm, equal to h5py.
 */
import { execFileSync } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DEBIAN_PYTHON,
  findHdf5Files,
  openLocalReader,
  runPythonJson,
} from '../../testing/localFiles';
import { FileBytes } from '../fileBytes';
import { CachedBlocks, type PeekBlock } from './cachedBlocks';
import { groupLinks, isGroupHeader, symbolTableLinks } from './groupLinks';
import { MSG_SYMBOL_TABLE, findMessage, readObjectHeader } from './objectHeader';
import { planPrefetch } from './planPrefetch';
import { openingBlocks } from '../openingBlocks';
import { rootHeaderAddress, rootSymbolTable, type SymbolTableAddresses } from './superblock';

const SCRIPT = path.resolve(__dirname, '../../testing/h5py_groups.py');
const MAKE_LATEST = path.resolve(__dirname, '../../testing/h5py_latest_groups.py');
const GENERATED = path.resolve(__dirname, '../../../fixtures/generated');

type Expected = Record<string, { path: string; names: string[] }>;

/** The shared test files and the generated ones (the synthetic session among them). */
function hdf5Files(): string[] {
  const generated = existsSync(GENERATED)
    ? readdirSync(GENERATED)
        .filter((n) => /\.(nwb|h5)$/.test(n))
        .map((n) => path.join(GENERATED, n))
    : [];
  return [...findHdf5Files(), ...generated];
}

/** Every byte of a local file, as blocks from disk: a parse here never meets NotCached. */
function diskBlocks(fd: number, size: number): CachedBlocks {
  return new CachedBlocks(diskPeek(fd, size), 64 * 1024, size);
}

/** Blocks of 64 KiB read from disk on first use. */
function diskPeek(fd: number, size: number): PeekBlock {
  const blockSize = 64 * 1024;
  const cache = new Map<number, Uint8Array>();
  return (index) => {
    let block = cache.get(index);
    if (!block) {
      const length = Math.min(blockSize, size - index * blockSize);
      if (length <= 0) return undefined;
      block = new Uint8Array(length);
      readSync(fd, block, 0, length, index * blockSize);
      cache.set(index, block);
    }
    return block;
  };
}

/** Groups by object header address, as the parser sees them; 'dense' where it declines. */
function parsedGroups(file: FileBytes): Map<number, { path: string; names: string[] | 'dense' }> {
  const out = new Map<number, { path: string; names: string[] | 'dense' }>();
  const visit = (address: number, at: string) => {
    if (out.has(address)) return;
    const messages = readObjectHeader(file, address);
    if (!messages || !isGroupHeader(messages)) return;
    const links = groupLinks(file, messages);
    if (!links) return;
    if ('dense' in links) {
      out.set(address, { path: at, names: 'dense' });
      return;
    }
    out.set(address, { path: at, names: links.links.map((l) => l.name).sort() });
    for (const link of links.links) {
      if (link.address !== null)
        visit(link.address, at === '/' ? `/${link.name}` : `${at}/${link.name}`);
    }
  };
  visit(rootHeaderAddress(file)!, '/');
  return out;
}

/**
 * Groups by path as found through the symbol tables their parents' entries cache (the
 * superblock's for the root), without their own headers; only caches that agree with the
 * group's header are followed (matnwb writes some for groups stored as link messages).
 */
function groupsByCachedTables(file: FileBytes): Map<string, string[]> {
  const { offsetSize } = file.geometry();
  const out = new Map<string, string[]>();
  const visit = (address: number, table: SymbolTableAddresses, at: string) => {
    const stab = findMessage(readObjectHeader(file, address) ?? [], MSG_SYMBOL_TABLE);
    const valid =
      stab && stab.uint(offsetSize) === table.btree && stab.uint(offsetSize) === table.heap;
    if (!valid || out.has(at)) return;
    const links = symbolTableLinks(file, table.btree, table.heap);
    out.set(at, links.map((l) => l.name).sort());
    for (const link of links) {
      const child = at === '/' ? `/${link.name}` : `${at}/${link.name}`;
      if (link.table && link.address !== null) visit(link.address, link.table, child);
    }
  };
  const root = rootSymbolTable(file);
  if (root) visit(rootHeaderAddress(file)!, root, '/');
  return out;
}

/**
 * The prefetch plan for `at` run as the reader runs it: from the opening blocks, loading what
 * each pass notes, until a pass notes nothing. Returns its last outcome and the rounds taken.
 */
function prefetchFromOpening(
  disk: PeekBlock,
  size: number,
  at: string,
): { outcome: string; rounds: number } {
  const loaded = new Set(openingBlocks(size));
  for (let rounds = 0; rounds < 16; rounds++) {
    const blocks = new CachedBlocks((i) => (loaded.has(i) ? disk(i) : undefined), 64 * 1024, size);
    const outcome = planPrefetch(new FileBytes(blocks.readAt), blocks, at);
    if (blocks.missing.size === 0) return { outcome, rounds };
    for (const i of blocks.missing) loaded.add(i);
  }
  return { outcome: 'too many rounds', rounds: 16 };
}

/** The parser's groups of one file against h5py's. */
async function checkAgainstH5py(
  name: string,
): Promise<{ declined: string[]; parsed: number; cached: number }> {
  const expected = runPythonJson<Expected>(SCRIPT, [name]);
  const fd = openSync(name, 'r');
  try {
    const size = statSync(name).size;
    const blocks = diskBlocks(fd, size);
    const file = new FileBytes(blocks.readAt);
    const parsed = parsedGroups(file);
    // The shortcut the prefetch takes down a path agrees with h5py too.
    const byPath = new Map(Object.values(expected).map((g) => [g.path, g.names]));
    for (const [at, names] of groupsByCachedTables(file)) {
      expect(names, `${at} through its cached symbol table`).toEqual(byPath.get(at));
    }
    const declined: string[] = [];
    for (const [address, group] of parsed) {
      const theirs = expected[String(address)];
      expect(theirs, `a group at ${group.path} that h5py does not see`).toBeDefined();
      if (group.names === 'dense') {
        declined.push(theirs.path);
        // A group the parser declines makes the prefetch give up, not guess...
        expect(planPrefetch(file, blocks, theirs.path)).toBe('dense');
      } else {
        // ...every other group has h5py's link names, and the prefetch finds it from the
        // opening blocks (a stale cached symbol table on the way does not stop it)...
        expect(group.names, theirs.path).toEqual(theirs.names);
        expect(
          prefetchFromOpening(diskPeek(fd, size), size, theirs.path).outcome,
          theirs.path,
        ).toBe('complete');
      }
    }
    // ...and the groups not reached lie below a declined one.
    const unreached = Object.entries(expected).filter(([a]) => !parsed.has(Number(a)));
    for (const [, group] of unreached) {
      const under = declined.some((d) => d === '/' || group.path.startsWith(`${d}/`));
      expect(under, `${group.path} not reached`).toBe(true);
    }
    if (declined.length > 0) {
      // The fallback: h5wasm lists those groups itself, as h5py does.
      const reader = await openLocalReader(name);
      for (const at of declined) {
        const names = (await reader.listChildren(at)).map((c) => c.name).sort();
        expect(names, at).toEqual(
          expected[Object.keys(expected).find((k) => expected[k].path === at)!].names,
        );
      }
      await reader.close();
    }
    return { declined, parsed: parsed.size, cached: groupsByCachedTables(file).size };
  } finally {
    closeSync(fd);
  }
}

describe.skipIf(!DEBIAN_PYTHON)('HDF5 group links parsed from the bytes, against h5py', () => {
  for (const name of hdf5Files()) {
    it(
      path.relative(path.resolve(__dirname, '../../../..'), name),
      () => checkAgainstH5py(name),
      120_000,
    );
  }

  it('the synthetic session: every group found through cached symbol tables', async () => {
    const name = path.join(GENERATED, 'synthetic_session.nwb');
    if (!existsSync(name)) return;
    const { parsed, cached } = await checkAgainstH5py(name);
    expect(cached).toBe(parsed);
  }, 120_000);

  it('a file in the newest format: compact link messages, and a dense group declined', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'nwbx-layout-'));
    const name = path.join(dir, 'latest.h5');
    try {
      execFileSync(DEBIAN_PYTHON!, [MAKE_LATEST, name]);
      const { declined, parsed } = await checkAgainstH5py(name);
      // Root, units, processing, processing/behavior, acquisition (declined: 20 links).
      expect(declined).toEqual(['/acquisition']);
      expect(parsed).toBe(5);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
