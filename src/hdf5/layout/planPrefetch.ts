/**
 * One pass of the metadata prefetcher over the bytes in memory: from the superblock down to the
 * object at `path`, then that object's needs and, for a group, every child's header and needs.
 * What is not in memory is noted in `blocks` (the caller loads it all in one round and calls
 * again); siblings never wait for each other, so each round goes one level deeper everywhere.
 */
import type { FileBytes } from '../fileBytes';
import { NotCached, attempt, type CachedBlocks } from './cachedBlocks';
import { groupLinks, type GroupLinks } from './groupLinks';
import { MSG_SYMBOL_TABLE, readHeaderSoFar, type HeaderMessage } from './objectHeader';
import { rootHeaderAddress } from './superblock';
import { wantStorageTargets } from './storageTargets';

/** Children whose headers are asked for ahead: a wider group is left to h5wasm past this. */
export const MAX_PREFETCH_CHILDREN = 512;

/** How far the pass got; 'dense' and 'unreadable' mean h5wasm is left to find its own way. */
export type PlanOutcome = 'complete' | 'incomplete' | 'dense' | 'unreadable' | 'not-found';

export function planPrefetch(file: FileBytes, blocks: CachedBlocks, path: string): PlanOutcome {
  const found = attempt(() => resolve(file, path));
  if (found === undefined) return 'incomplete';
  if (typeof found === 'string') return found;
  const header = attempt(() => readHeaderSoFar(file, found));
  if (header === undefined) return 'incomplete';
  if (header === null) return 'unreadable';
  wantStorageTargets(file, blocks, header.messages);
  const links = attempt(() => linksOf(file, header));
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

/** The object header address at `path`, following hard links only. */
function resolve(file: FileBytes, path: string): number | Exclude<PlanOutcome, 'complete'> {
  let address = rootHeaderAddress(file);
  if (address === null) return 'unreadable';
  for (const name of path.split('/').filter(Boolean)) {
    const header = readHeaderSoFar(file, address);
    if (!header) return 'unreadable';
    const links = linksOf(file, header);
    if (!links) return 'not-found';
    if ('dense' in links) return 'dense';
    const link = links.links.find((l) => l.name === name);
    if (!link) return 'not-found';
    if (link.address === null) return 'unreadable'; // soft or external: left to h5wasm
    address = link.address;
  }
  return address;
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
