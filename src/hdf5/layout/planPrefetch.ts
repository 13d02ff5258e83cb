/**
 * One pass of the metadata prefetcher over the bytes in memory: from the superblock down to the
 * object at `path`, then that object's needs and, for a group, every child's header and needs.
 * What is not in memory is noted in `blocks` (the caller loads it all in one round and calls
 * again); siblings never wait for each other, so each round goes one level deeper everywhere.
 */
import type { FileBytes } from '../fileBytes';
import { NotCached, attempt, type CachedBlocks } from './cachedBlocks';
import { groupLinks, symbolTableLinks, type GroupLink, type GroupLinks } from './groupLinks';
import { MSG_SYMBOL_TABLE, readHeaderSoFar, type HeaderMessage } from './objectHeader';
import { rootHeaderAddress, rootSymbolTable } from './superblock';
import { wantStorageTargets } from './storageTargets';

/** Children whose headers are asked for ahead: a wider group is left to h5wasm past this. */
export const MAX_PREFETCH_CHILDREN = 512;

/** How far the pass got; 'dense' and 'unreadable' mean h5wasm is left to find its own way. */
export type PlanOutcome = 'complete' | 'incomplete' | 'dense' | 'unreadable' | 'not-found';

export function planPrefetch(file: FileBytes, blocks: CachedBlocks, path: string): PlanOutcome {
  const found = attempt(() => resolve(file, path));
  if (found === undefined) return 'incomplete';
  if (typeof found === 'string') return found;
  // A symbol table group whose parent cached its B-tree and heap: its links are read while its
  // header (which h5wasm needs too) loads, not after it.
  const header = attempt(() => readHeaderSoFar(file, found.address));
  if (header === null) return 'unreadable';
  if (header === undefined && !found.table) return 'incomplete';
  if (header) wantStorageTargets(file, blocks, header.messages);
  const links = attempt(() => linksAt(file, found, header).links);
  if (links === undefined) return 'incomplete';
  if (links === null) return 'complete'; // a dataset: its own needs are noted
  if ('dense' in links) return 'dense';
  for (const link of links.links.slice(0, MAX_PREFETCH_CHILDREN)) {
    const child = link.address;
    if (child === null) continue;
    attempt(() => {
      const childHeader = readHeaderSoFar(file, child);
      if (childHeader) wantStorageTargets(file, blocks, childHeader.messages);
    });
  }
  return blocks.missing.size > 0 ? 'incomplete' : 'complete';
}

/** An object on the way down a path: its header, and its links' storage when cached. */
type Located = Pick<GroupLink, 'table'> & { address: number };

/**
 * The object at `path`, following hard links only. Symbol table groups go by the B-tree and
 * heap their parent's entry caches (the superblock's for the root), without their headers: the
 * root's header may be a chain of continuation blocks, each found only from the one before.
 */
function resolve(file: FileBytes, path: string): Located | Exclude<PlanOutcome, 'complete'> {
  const root = rootHeaderAddress(file);
  if (root === null) return 'unreadable';
  let located: Located = { address: root, ...withTable(rootSymbolTable(file)) };
  for (const name of path.split('/').filter(Boolean)) {
    // Read (or noted) either way: HDF5 opens every group on the path by its header.
    const header = attempt(() => readHeaderSoFar(file, located.address));
    if (header === null) return 'unreadable';
    const { links, hint } = linksAt(file, located, header);
    if (!links) return 'not-found';
    if ('dense' in links) return 'dense';
    const link = links.links.find((l) => l.name === name);
    // A cached table may be stale (matnwb files cache tables of groups stored otherwise): only
    // the header says a name is missing.
    if (!link && hint) throw new NotCached();
    if (!link) return 'not-found';
    if (link.address === null) return 'unreadable'; // soft or external: left to h5wasm
    located = { address: link.address, ...withTable(link.table) };
  }
  return located;
}

function withTable(table: GroupLink['table'] | null): Pick<GroupLink, 'table'> {
  return table ? { table } : {};
}

/**
 * A group's links from its header as read so far; while the header is not there, from the
 * symbol table its parent's entry caches (`hint`: a cache HDF5 does not promise to keep true).
 */
function linksAt(
  file: FileBytes,
  located: Located,
  header: { messages: HeaderMessage[]; complete: boolean } | undefined,
): { links: GroupLinks | null; hint: boolean } {
  const fromHeader = header && attempt(() => linksOf(file, header));
  if (fromHeader !== undefined) return { links: fromHeader, hint: false };
  const table = located.table;
  if (!table) throw new NotCached();
  let links: GroupLinks;
  try {
    links = { links: symbolTableLinks(file, table.btree, table.heap) };
  } catch (error) {
    // A stale table pointing at no B-tree: wait for the header.
    throw error instanceof NotCached ? error : new NotCached();
  }
  return { links, hint: true };
}

/**
 * A group's links from its header as read so far: a symbol table message is enough; link
 * messages may continue in a block not yet in memory, so those need the whole header.
 */
function linksOf(
  file: FileBytes,
  header: { messages: HeaderMessage[]; complete: boolean },
): GroupLinks | null {
  const hasSymbolTable = header.messages.some((m) => m.type === MSG_SYMBOL_TABLE);
  if (!header.complete && !hasSymbolTable) throw new NotCached();
  return groupLinks(file, header.messages);
}
