/**
 * What the benchmark reads, and how it measures one phase.
 *
 * The workload is what a user does first in the explorer: open the file and paint the first tree
 * (the root's children with their neurodata_type and namespace), then expand five groups (each
 * expansion lists the children with the same projected attributes and shows the group's own
 * attributes in the info pane). The same objects are read by every contestant (ours, naive, h5py).
 */
import h5wasmNode from 'h5wasm/node';
import type { DataReader } from '../src/reader/contract';

/** Attributes projected onto each child in a listing, as the tree pane asks for them. */
export const TREE_ATTRS = ['neurodata_type', 'namespace'];

/** How many groups the benchmark expands after the first tree. */
export const EXPANSIONS = 5;

/** Counters of the range server, read before and after a phase. */
export interface Counters {
  requests: number;
  bytes: number;
  /** The Range header of every request so far (null when none), oldest first. */
  ranges?: (string | null)[];
}

export interface PhaseResult {
  label: string;
  requests: number;
  bytes: number;
  ms: number;
  /** Range headers of this phase's requests, when the counters provide them. */
  ranges?: (string | null)[];
}

export interface WorkloadResult {
  open: PhaseResult;
  expansions: PhaseResult[];
  /** Children seen per listing (root first), so contestants can be checked against each other. */
  childCounts: number[];
}

/** Runs one phase and reports the server's counters it moved and its wall time. */
export async function measure(
  label: string,
  counters: () => Counters,
  fn: () => Promise<void>,
): Promise<PhaseResult> {
  const before = counters();
  const started = performance.now();
  await fn();
  const ms = performance.now() - started;
  const after = counters();
  return {
    label,
    requests: after.requests - before.requests,
    bytes: after.bytes - before.bytes,
    ms,
    ranges: after.ranges?.slice(before.ranges?.length ?? 0),
  };
}

/**
 * Picks the groups to expand, from the file on local disk (not through the server, so choosing
 * costs nothing that is measured): breadth-first in name order, skipping links, /specifications
 * and groups with no dataset anywhere below them. Those would flatter the figures (an empty
 * /analysis or /stimulus lists nothing), and the cached schema is machinery a user browsing a
 * session does not start with.
 */
function hasDatasetBelow(file: InstanceType<typeof h5wasmNode.File>, path: string): boolean {
  const group = file.get(path);
  if (!(group instanceof h5wasmNode.Group)) return false;
  for (const name of group.keys()) {
    const childPath = `${path}/${name}`;
    if (group.get_link(childPath)) continue;
    const child = file.get(childPath);
    if (child instanceof h5wasmNode.Dataset) return true;
    if (child instanceof h5wasmNode.Group && hasDatasetBelow(file, childPath)) return true;
  }
  return false;
}

export async function pickGroups(localPath: string, count = EXPANSIONS): Promise<string[]> {
  await h5wasmNode.ready;
  const file = new h5wasmNode.File(localPath, 'r');
  try {
    const order: string[] = [];
    const queue = ['/'];
    while (queue.length > 0 && order.length < count) {
      const parent = queue.shift() ?? '/';
      const group = parent === '/' ? file : file.get(parent);
      if (!(group instanceof h5wasmNode.Group)) continue;
      for (const name of [...group.keys()].sort()) {
        const path = parent === '/' ? `/${name}` : `${parent}/${name}`;
        if (path === '/specifications') continue;
        // A soft link to a group is shown in the tree but is not a place to expand.
        if (group.get_link(path)) continue;
        const child = file.get(path);
        if (!(child instanceof h5wasmNode.Group) || !hasDatasetBelow(file, path)) continue;
        queue.push(path);
        order.push(path);
      }
    }
    return order.slice(0, count);
  } finally {
    file.close();
  }
}

/** The workload on our reader: open (by the caller's function), first tree, then expansions. */
export async function runOnReader(
  open: () => Promise<DataReader>,
  groups: string[],
  counters: () => Counters,
  attrs: string[] | undefined = TREE_ATTRS,
): Promise<{ result: WorkloadResult; reader: DataReader }> {
  const childCounts: number[] = [];
  let reader: DataReader | null = null;
  const openPhase = await measure('open + first tree', counters, async () => {
    reader = await open();
    childCounts.push((await reader.listChildren('/', { attrs })).length);
  });
  if (reader === null) throw new Error('the reader did not open');
  const opened: DataReader = reader;
  const expansions: PhaseResult[] = [];
  for (const path of groups) {
    expansions.push(
      await measure(path, counters, async () => {
        // The tree pane lists the children and the info pane shows the group's attributes.
        // One after the other: the conservative order (a concurrent pair could share a fetch).
        const children = await opened.listChildren(path, { attrs });
        await opened.getAttributes(path);
        childCounts.push(children.length);
      }),
    );
  }
  return { result: { open: openPhase, expansions, childCounts }, reader: opened };
}

export function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] ?? 0)
    : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

export function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
