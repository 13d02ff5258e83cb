/**
 * Every object of a file that names a neurodata type, found by listing groups level by level with
 * the type attributes projected onto each listing (one call per group, no per-object attribute
 * reads). Groups of a level are listed together, so the walk costs one round per depth. It does
 * not descend into the cached specifications or into tables and images (their children are parts,
 * not objects); it does descend into time series (DecompositionSeries holds a bands table).
 */
import type { ChildEntry, DataReader, ReadOptions } from '../../reader/contract';
import { LEGACY_NEURODATA_ATTRS, NEURODATA_ATTRS } from '../attrs';
import { isA, resolveNwbTypeName, type NwbType } from '../types';
import { unwrapString, unwrapStringList } from '../unwrap';

export interface TypedObject {
  path: string;
  name: string;
  kind: 'group' | 'dataset';
  type: NwbType;
}

const PROJECTED = [...new Set<string>([...NEURODATA_ATTRS, ...LEGACY_NEURODATA_ATTRS])];
const SKIP = new Set(['/specifications']);
/** Types whose insides are parts of the object, not objects of their own to list. */
const LEAVES = ['DynamicTable', 'Image'];

async function typeOf(
  reader: DataReader,
  entry: ChildEntry,
  options?: ReadOptions,
): Promise<NwbType | null> {
  const attrs = entry.attrs ?? {};
  const legacy = unwrapStringList(attrs.ancestry ?? null);
  if (legacy && legacy.length > 0) {
    const ancestry = [...legacy].reverse();
    return { name: ancestry[0], namespace: 'core', ancestry, known: true, legacy: true };
  }
  const name = unwrapString(attrs.neurodata_type);
  if (!name) return null;
  return resolveNwbTypeName(reader, name, unwrapString(attrs.namespace), options);
}

function kindOf(entry: ChildEntry): 'group' | 'dataset' | null {
  if (entry.kind === 'group' || entry.kind === 'dataset') return entry.kind;
  const target = entry.link?.targetKind;
  return target === 'group' || target === 'dataset' ? target : null;
}

export interface WalkOptions extends ReadOptions {
  maxGroups?: number;
  /** Sees every listing the walk makes, so a caller needing a group's children asks no more. */
  onListing?(path: string, children: ChildEntry[]): void;
}

export async function walkTypedObjects(
  reader: DataReader,
  options?: WalkOptions,
): Promise<TypedObject[]> {
  const out: TypedObject[] = [];
  const seen = new Set<string>(['/']);
  let level = ['/'];
  let listed = 0;
  const maxGroups = options?.maxGroups ?? 5000;
  // Only the signal goes to the reader: a callback cannot cross a worker boundary.
  const read: ReadOptions = options?.signal ? { signal: options.signal } : {};
  while (level.length > 0 && listed < maxGroups) {
    listed += level.length;
    const listings = await Promise.all(
      level.map((path) =>
        reader.listChildren(path, { ...read, attrs: PROJECTED }).then(
          (children) => {
            options?.onListing?.(path, children);
            return children;
          },
          (error: unknown) => {
            if (options?.signal?.aborted) throw error;
            return [] as ChildEntry[];
          },
        ),
      ),
    );
    const next: string[] = [];
    const entries = listings.flat();
    const types = await Promise.all(entries.map((e) => typeOf(reader, e, read)));
    entries.forEach((entry, i) => {
      const kind = kindOf(entry);
      // A soft link is the same object seen twice (the tree shows both; the overview once).
      if (kind === null || entry.kind === 'soft-link' || SKIP.has(entry.path)) return;
      const type = types[i];
      if (type) out.push({ path: entry.path, name: entry.name, kind, type });
      const leaf = type !== null && LEAVES.some((base) => isA(type, base));
      if (kind === 'group' && !leaf && !seen.has(entry.path)) {
        seen.add(entry.path);
        next.push(entry.path);
      }
    });
    level = next;
  }
  return out;
}
