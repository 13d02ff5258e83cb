/**
 * The specifications a file carries: which namespaces and versions it cached under
 * /specifications/<namespace>/<version>/, and the type hierarchy parsed from that cached JSON.
 * Reads only metadata and the JSON strings (pynwb writes them at the end of the file, where the
 * open has already loaded the tail).
 */
import type { DataReader } from '../../reader/contract';
import { readScalarString } from '../readSmall';
import { rootAttributes } from '../rootAttributes';
import { unwrapString } from '../unwrap';
import { compareVersions } from './versions';

export interface CachedNamespace {
  version: string;
  /** Type name -> parent type name ('' for a root base). */
  parents: Map<string, string>;
  /** Namespaces this one includes, in the order its namespace file lists them. */
  includes: string[];
}

export interface FileSpecs {
  /** Root nwb_version (1-element arrays unwrapped), null when absent. */
  nwbVersion: string | null;
  /** Namespace -> the version cached in the file. */
  versions: Map<string, string>;
  /** Namespaces read from the file's cache; the bundled tables answer for the others. */
  cached: Map<string, CachedNamespace>;
}

const SPEC_ROOT = '/specifications';

export async function loadFileSpecs(reader: DataReader): Promise<FileSpecs> {
  const [rootAttrs, versions] = await Promise.all([
    rootAttributes(reader).catch(() => []),
    listCachedVersions(reader),
  ]);
  const nwbVersion = unwrapString(rootAttrs.find((a) => a.name === 'nwb_version')?.value);
  const cached = new Map<string, CachedNamespace>();
  // The cached specs win where present: "2.1.0" exists both with the common types inside core and
  // with them split out into hdmf-common, and only the file says which it was written with.
  const loaded = await Promise.all(
    [...versions].map(([ns, v]) => readCachedNamespace(reader, ns, v).catch(() => null)),
  );
  for (const entry of loaded) if (entry) cached.set(entry[0], entry[1]);
  return { nwbVersion, versions, cached };
}

/** namespace -> newest version cached; empty when the file has no /specifications. */
async function listCachedVersions(reader: DataReader): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if ((await reader.getKind(SPEC_ROOT).catch(() => null)) !== 'group') return out;
  const namespaces = await reader.listChildren(SPEC_ROOT);
  const lists = await Promise.all(
    namespaces.map((ns) => reader.listChildren(ns.path).catch(() => [])),
  );
  namespaces.forEach((ns, i) => {
    const versions = lists[i].map((c) => c.name).sort(compareVersions);
    if (versions.length > 0) out.set(ns.name, versions[versions.length - 1]);
  });
  return out;
}

async function readCachedNamespace(
  reader: DataReader,
  namespace: string,
  version: string,
): Promise<[string, CachedNamespace]> {
  const folder = `${SPEC_ROOT}/${namespace}/${version}`;
  const sources = (await reader.listChildren(folder)).filter((c) => c.kind === 'dataset');
  const texts = await Promise.all(
    sources.map((s) => readScalarString(reader, s.path).catch(() => null)),
  );
  const parents = new Map<string, string>();
  let includes: string[] = [];
  sources.forEach((source, i) => {
    const json = parseJson(texts[i]);
    if (json === undefined) return;
    if (source.name === 'namespace') includes = namespaceIncludes(json, namespace);
    else collectDefinitions(json, parents);
  });
  return [namespace, { version, parents, includes }];
}

function parseJson(text: string | null): unknown {
  if (text === null) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

type SpecNode = Record<string, unknown>;

function isNode(value: unknown): value is SpecNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every type definition in a spec tree, nested groups and datasets included. */
export function collectDefinitions(spec: unknown, into: Map<string, string>): void {
  if (Array.isArray(spec)) {
    for (const item of spec) collectDefinitions(item, into);
    return;
  }
  if (!isNode(spec)) return;
  const name = spec.neurodata_type_def ?? spec.data_type_def;
  if (typeof name === 'string' && name !== '') {
    const parent = spec.neurodata_type_inc ?? spec.data_type_inc;
    into.set(name, typeof parent === 'string' ? parent : '');
  }
  collectDefinitions(spec.groups, into);
  collectDefinitions(spec.datasets, into);
}

function namespaceIncludes(json: unknown, namespace: string): string[] {
  if (!isNode(json) || !Array.isArray(json.namespaces)) return [];
  const own = json.namespaces.find((ns) => isNode(ns) && ns.name === namespace);
  if (!isNode(own) || !Array.isArray(own.schema)) return [];
  return own.schema
    .map((item) => (isNode(item) && typeof item.namespace === 'string' ? item.namespace : null))
    .filter((ns): ns is string => ns !== null);
}
