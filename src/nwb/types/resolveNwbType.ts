/**
 * Which neurodata type an object is, with its ancestry. The type's name and namespace come from
 * the object's attributes (neurodata_type/namespace; NWB 1.x: the `ancestry` attribute); the
 * hierarchy comes from the specifications cached in the file where present (extensions included),
 * else from the bundled core/hdmf-common schemas at the file's version (NWB 2.0b files cache
 * none). Everything is cached per reader.
 */
import type { AttributeInfo, DataReader, ReadOptions } from '../../reader/contract';
import { unwrapString, unwrapStringList } from '../unwrap';
import { BUNDLED_NAMESPACES, bundledParent, isBundledNamespace } from './bundledSchemas';
import { loadFileSpecs, type FileSpecs } from './fileSpecs';
import { memoPerReader, untilAborted } from './memo';
import type { NwbType } from './NwbType';

/** Longest ancestry followed; a cycle in a broken spec stops here. */
const MAX_DEPTH = 32;

function fileSpecs(reader: DataReader, options?: ReadOptions): Promise<FileSpecs> {
  // Shared by every caller on this file; one caller leaving does not cancel it for the others.
  return untilAborted(
    memoPerReader(reader, 'nwb-file-specs', () => loadFileSpecs(reader)),
    options?.signal,
  );
}

interface Found {
  parent: string;
  namespace: string;
}

/** Namespaces to look a type up in, the hinted one and what it includes first. */
function searchOrder(specs: FileSpecs, hint: string): string[] {
  const order = [hint, ...(specs.cached.get(hint)?.includes ?? [])];
  order.push(...specs.cached.keys(), ...BUNDLED_NAMESPACES);
  return [...new Set(order.filter((ns) => ns !== ''))];
}

function lookUp(specs: FileSpecs, name: string, hint: string): Found | undefined {
  for (const namespace of searchOrder(specs, hint)) {
    const cached = specs.cached.get(namespace);
    if (cached) {
      const parent = cached.parents.get(name);
      if (parent !== undefined) return { parent, namespace };
      continue;
    }
    if (!isBundledNamespace(namespace)) continue;
    const version =
      specs.versions.get(namespace) ?? (namespace === 'core' ? specs.nwbVersion : null);
    const parent = bundledParent(namespace, version, name);
    if (parent !== undefined) return { parent, namespace };
  }
  return undefined;
}

/** The type named `name` in `namespace` ('' when unknown), with its ancestry in this file. */
export function typeFromSpecs(specs: FileSpecs, name: string, namespace: string): NwbType {
  const first = lookUp(specs, name, namespace);
  if (!first) return { name, namespace, ancestry: [name], known: false };
  const ancestry = [name];
  let found: Found | undefined = first;
  while (found && found.parent !== '' && ancestry.length < MAX_DEPTH) {
    if (ancestry.includes(found.parent)) break;
    ancestry.push(found.parent);
    found = lookUp(specs, found.parent, found.namespace);
  }
  return { name, namespace: namespace || first.namespace, ancestry, known: true };
}

/** Resolves a type by name and namespace (e.g. as projected onto a tree listing). */
export async function resolveNwbTypeName(
  reader: DataReader,
  name: string,
  namespace: string | null,
  options?: ReadOptions,
): Promise<NwbType> {
  return typeFromSpecs(await fileSpecs(reader, options), name, namespace ?? '');
}

/** Resolves the type an object's attributes name; null when they name none. */
export async function resolveNwbTypeFromAttributes(
  reader: DataReader,
  attributes: AttributeInfo[],
  options?: ReadOptions,
): Promise<NwbType | null> {
  const attr = (name: string) => attributes.find((a) => a.name === name)?.value;
  const legacyAncestry = unwrapStringList(attr('ancestry') ?? null);
  const name = unwrapString(attr('neurodata_type'));
  if (legacyAncestry && legacyAncestry.length > 0) {
    // NWB 1.x lists the ancestry root first; the object's own type is the last entry.
    const ancestry = [...legacyAncestry].reverse();
    return { name: ancestry[0], namespace: 'core', ancestry, known: true, legacy: true };
  }
  if (name === null || name === '') return null;
  return resolveNwbTypeName(reader, name, unwrapString(attr('namespace')), options);
}

/**
 * Resolves the type of the object at `path` from its neurodata_type/namespace attributes
 * (legacy: NWB 1.x ancestry/neurodata_type conventions), using the file's cached specifications
 * (/specifications/<ns>/<version>/) where present, else the bundled core/hdmf-common schemas.
 * Cached per reader.
 */
export function resolveNwbType(
  reader: DataReader,
  path: string,
  options?: ReadOptions,
): Promise<NwbType | null> {
  return untilAborted(
    memoPerReader(reader, `nwb-type:${path}`, async () =>
      resolveNwbTypeFromAttributes(reader, await reader.getAttributes(path)),
    ),
    options?.signal,
  );
}
