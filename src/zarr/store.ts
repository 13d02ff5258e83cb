/**
 * The store contract the Zarr backend reads through: zarrita's `get`/`getRange` (a Readable),
 * plus what we know about the key set. Stores compose as wrappers (see loaderStore.ts,
 * lindiStore.ts, memoryCache.ts, overlay.ts).
 */

export interface GetOptions {
  signal?: AbortSignal;
}

export type RangeQuery = { offset: number; length: number } | { suffixLength: number };

export interface ZarrStore {
  get(key: string, options?: GetOptions): Promise<Uint8Array | undefined>;
  getRange?(key: string, range: RangeQuery, options?: GetOptions): Promise<Uint8Array | undefined>;
  /**
   * Every key of the store when it is known without requests (a local folder, a LINDI file,
   * consolidated metadata); null when the store can only be probed key by key (plain HTTP).
   */
  readonly keys: ReadonlySet<string> | null;
}

/** Store keys never start with '/': "/a/b" + ".zattrs" -> "a/b/.zattrs". */
export function keyOf(path: string, name: string): string {
  const p = path.replace(/^\/+|\/+$/g, '');
  return p ? `${p}/${name}` : name;
}

export function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

export function parseJsonBytes(bytes: Uint8Array): unknown {
  return JSON.parse(new TextDecoder().decode(bytes));
}
