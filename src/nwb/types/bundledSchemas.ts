/**
 * The type hierarchies bundled with the app (core, hdmf-common, hdmf-experimental, every released
 * version), generated into bundledSchemas.generated.ts by scripts/generate-nwb-type-table.py.
 */
import { BUNDLED_SCHEMAS } from './bundledSchemas.generated';
import { pickVersion } from './versions';

/**
 * Per type: its parent ('' for a root base) when the same in every version, else the history
 * `[parent, fromVersionIndex][]`, where a null parent means "not defined here from that version".
 */
export type ParentHistory = string | [string | null, number][];

export interface BundledNamespace {
  /** Ascending. */
  versions: string[];
  types: Record<string, ParentHistory>;
}

export type BundledSchemas = Record<string, BundledNamespace>;

export const BUNDLED_NAMESPACES = Object.keys(BUNDLED_SCHEMAS);

export function isBundledNamespace(namespace: string): boolean {
  return Object.hasOwn(BUNDLED_SCHEMAS, namespace);
}

/** True when the bundle holds this exact version of the namespace. */
export function hasBundledVersion(namespace: string, version: string): boolean {
  return isBundledNamespace(namespace) && BUNDLED_SCHEMAS[namespace].versions.includes(version);
}

/**
 * The parent of `name` in a bundled namespace at (or nearest below) `version`: '' for a root base,
 * undefined when the namespace does not define the type in that version.
 */
export function bundledParent(
  namespace: string,
  version: string | null,
  name: string,
): string | undefined {
  if (!isBundledNamespace(namespace)) return undefined;
  const ns = BUNDLED_SCHEMAS[namespace];
  if (!Object.hasOwn(ns.types, name)) return undefined;
  const history = ns.types[name];
  if (typeof history === 'string') return history;
  const index = pickVersion(ns.versions, version);
  let parent: string | null = null;
  for (const [p, from] of history) if (from <= index) parent = p;
  return parent ?? undefined;
}
