/**
 * One pass of the metadata prefetcher over the bytes in memory: from the superblock down to the
 * object at `path`, then that object's needs and, for a group, every child's header and needs.
 * What is not in memory is noted in `blocks` (the caller loads it all in one round and calls
 * again); siblings never wait for each other, so each round goes one level deeper everywhere.
 */
import type { FileBytes } from '../fileBytes';
import { attempt, type CachedBlocks } from './cachedBlocks';
import { groupLinks } from './groupLinks';
import { readObjectHeader } from './objectHeader';
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
  const messages = attempt(() => readObjectHeader(file, found));
  if (messages === undefined) return 'incomplete';
  if (messages === null) return 'unreadable';
  wantStorageTargets(file, blocks, messages);
  const links = attempt(() => groupLinks(file, messages));
  if (links === undefined) return 'incomplete';
  if (links === null) return 'complete'; // a dataset: its own needs are noted
  if ('dense' in links) return 'dense';
  for (const link of links.links.slice(0, MAX_PREFETCH_CHILDREN)) {
    const child = link.address;
    if (child === null) continue;
    attempt(() => {
      const header = readObjectHeader(file, child);
      if (header) wantStorageTargets(file, blocks, header);
    });
  }
  return blocks.missing.size > 0 ? 'incomplete' : 'complete';
}

/** The object header address at `path`, following hard links only. */
function resolve(file: FileBytes, path: string): number | Exclude<PlanOutcome, 'complete'> {
  let address = rootHeaderAddress(file);
  if (address === null) return 'unreadable';
  for (const name of path.split('/').filter(Boolean)) {
    const messages = readObjectHeader(file, address);
    if (!messages) return 'unreadable';
    const links = groupLinks(file, messages);
    if (!links) return 'not-found';
    if ('dense' in links) return 'dense';
    const link = links.links.find((l) => l.name === name);
    if (!link) return 'not-found';
    if (link.address === null) return 'unreadable'; // soft or external: left to h5wasm
    address = link.address;
  }
  return address;
}
