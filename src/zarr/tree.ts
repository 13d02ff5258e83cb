/**
 * The node tree of a store: what is at a path (group or array, with its attributes) and what a
 * group's children are. With a key listing (consolidated metadata, a LINDI file, a local folder)
 * children come from the listing at no cost; without one (a plain HTTP store) they are probed by
 * the names the NWB schema and the parents' attributes give (nwbNames.ts).
 */
import { parseAttributes } from './jsonFloats';
import { candidateChildNames } from './nwbNames';
import { keyOf, parseJsonBytes, type ZarrStore } from './store';

export type Attrs = Record<string, unknown>;

export interface NodeMeta {
  kind: 'group' | 'array';
  attrs: Attrs;
  /** Attributes whose JSON wrote integral numbers as floats (describe them as float64). */
  floats?: Set<string>;
  /** Raw array metadata: the .zarray document (v2) or zarr.json (v3). */
  array?: Record<string, unknown>;
}

export type ZarrVersion = 2 | 3;

export class ZarrTree {
  private readonly nodes = new Map<string, Promise<NodeMeta | null>>();
  private readonly listings = new Map<string, Promise<string[]>>();
  /** Paths seen in links and references: their names are children worth probing. */
  private readonly referenced = new Set<string>();
  /** Requests a probed listing asked for, for the summary's cost note. */
  probes = 0;

  constructor(
    readonly store: ZarrStore,
    readonly version: ZarrVersion,
  ) {}

  get listable(): boolean {
    return this.store.keys !== null;
  }

  node(path: string, signal?: AbortSignal): Promise<NodeMeta | null> {
    const p = normalizePath(path);
    let found = this.nodes.get(p);
    if (!found) {
      found = this.loadNode(p, signal);
      this.nodes.set(p, found);
      // A cancelled or failed load must not stay cached.
      found.catch(() => this.nodes.delete(p));
    }
    return found;
  }

  /** Names of the child nodes of a group, sorted. */
  children(path: string, signal?: AbortSignal): Promise<string[]> {
    const p = normalizePath(path);
    let found = this.listings.get(p);
    if (!found) {
      found = this.loadChildren(p, signal);
      this.listings.set(p, found);
      found.catch(() => this.listings.delete(p));
    }
    return found;
  }

  /** Records a path a link or reference points at, so probing can find it. */
  noteReferenced(path: string): void {
    const p = normalizePath(path);
    if (p !== '/') this.referenced.add(p);
  }

  private async loadNode(path: string, signal?: AbortSignal): Promise<NodeMeta | null> {
    const get = (name: string) => this.getJson(keyOf(path, name), signal);
    if (this.version === 3) {
      const doc = await get('zarr.json');
      if (!doc) return null;
      const attrs = (doc.attributes as Attrs | undefined) ?? {};
      return doc.node_type === 'array'
        ? { kind: 'array', attrs, array: doc }
        : { kind: 'group', attrs };
    }
    const [zarray, zgroup, zattrs] = await Promise.all([
      get('.zarray'),
      get('.zgroup'),
      this.store.get(keyOf(path, '.zattrs'), { signal }),
    ]);
    const { attrs, floats } = zattrs
      ? parseAttributes(new TextDecoder().decode(zattrs))
      : { attrs: {}, floats: new Set<string>() };
    if (zarray) return { kind: 'array', attrs, floats, array: zarray };
    if (zgroup) return { kind: 'group', attrs, floats };
    return null;
  }

  private async getJson(
    key: string,
    signal?: AbortSignal,
  ): Promise<Record<string, unknown> | null> {
    const bytes = await this.store.get(key, { signal });
    if (!bytes) return null;
    const doc = parseJsonBytes(bytes);
    return doc && typeof doc === 'object' ? (doc as Record<string, unknown>) : null;
  }

  private async loadChildren(path: string, signal?: AbortSignal): Promise<string[]> {
    const keys = this.store.keys;
    if (keys) return listFromKeys(keys, path, this.version);
    const meta = await this.node(path, signal);
    if (meta?.kind !== 'group') return [];
    const { named, conventional } = candidateChildNames(path, meta.attrs);
    const names = new Set(named);
    const prefix = path === '/' ? '/' : `${path}/`;
    for (const ref of this.referenced) {
      if (ref.startsWith(prefix)) names.add(ref.slice(prefix.length).split('/')[0]);
    }
    const cheap = conventional.filter((n) => !names.has(n));
    const perNode = this.version === 3 ? 1 : 3;
    this.probes += names.size * perNode + cheap.length;
    const probe = async (name: string, attrsFirst: boolean) => {
      const child = joinPath(path, name);
      // Typed (free-named) objects always carry attributes: one request rules a name out.
      if (attrsFirst && this.version === 2) {
        const attrs = await this.store.get(keyOf(child, '.zattrs'), { signal });
        if (!attrs) return null;
      }
      return (await this.node(child, signal)) ? name : null;
    };
    const found = await Promise.all([
      ...[...names].map((n) => probe(n, false)),
      ...cheap.map((n) => probe(n, true)),
    ]);
    return found.filter((n): n is string => n !== null).sort();
  }
}

/** Child node names under a path, from a complete key listing. */
export function listFromKeys(
  keys: ReadonlySet<string>,
  path: string,
  version: ZarrVersion,
): string[] {
  const prefix = path === '/' ? '' : `${path.slice(1)}/`;
  const markers = version === 3 ? ['zarr.json'] : ['.zgroup', '.zarray'];
  const names = new Set<string>();
  for (const key of keys) {
    if (!key.startsWith(prefix)) continue;
    const rest = key.slice(prefix.length).split('/');
    if (rest.length === 2 && markers.includes(rest[1]) && rest[0] !== '') names.add(rest[0]);
  }
  return [...names].sort();
}

export function normalizePath(path: string): string {
  const parts = path.split('/').filter((s) => s !== '' && s !== '.');
  return '/' + parts.join('/');
}

export function joinPath(parent: string, name: string): string {
  return parent === '/' ? `/${name}` : `${parent}/${name}`;
}
