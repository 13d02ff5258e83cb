/**
 * Opens a Zarr store or a LINDI file as a ZarrReader: builds the store stack
 * (objects through the block loader -> consolidated metadata overlay -> memory cache), finds the
 * Zarr version and whether metadata is consolidated, and says what a missing `.zmetadata` costs.
 *
 * Opening order keeps the consolidated case at one request: `.zmetadata` first; only without it
 * `zarr.json` and `.zgroup` (in parallel).
 */
import { BlobSource, type NamedBlob } from '../bytes/BlobSource';
import type { ByteSource, OpenSource } from '../bytes/ByteSource';
import { HttpRangeSource } from '../bytes/HttpRangeSource';
import type { BlockLoader } from '../cache/BlockLoader';
import { ExplorerError } from '../errors';
import type { FileSummary } from '../reader/contract';
import { HttpObjectSource } from './HttpObjectSource';
import { metadataDoc, parseTaggingFloats } from './jsonFloats';
import { LindiStore, isLindiDocument } from './lindiStore';
import { LoaderStore, readRange } from './loaderStore';
import { withMemoryCache, withOverlay } from './memoryCache';
import { parseJsonBytes, utf8 } from './store';
import { ZarrTree, type ZarrVersion } from './tree';
import { ZarrReader } from './ZarrReader';

/** Objects kept decoded-ready in memory per open store. */
const MEMORY_BYTES = 64 * 1024 * 1024;

export type ZarrFormat = 'zarr' | 'lindi';

/** What a Zarr store or LINDI file can come from (a family of HDF5 members cannot). */
type StoreSource = Exclude<OpenSource, { kind: 'family' }>;

export interface OpenedZarr {
  reader: ZarrReader;
  summary: FileSummary;
  close(): void;
}

export interface OpenZarrOptions {
  fetch?: typeof fetch;
  /** Cancels the opening reads. */
  signal?: AbortSignal;
}

export async function openZarr(
  loader: BlockLoader,
  fileId: string,
  descriptor: OpenSource,
  format: ZarrFormat,
  options: OpenZarrOptions = {},
): Promise<OpenedZarr> {
  if (descriptor.kind === 'family') {
    throw new ExplorerError('unsupported', 'HDF5 family members are not a Zarr store.');
  }
  if (format === 'lindi') return openLindi(loader, fileId, descriptor, options);
  const base = baseStore(loader, fileId, descriptor, options);
  const { tree, consolidated } = await findRoot(base, options.signal);
  const name = displayNameOf(descriptor);
  const warnings: string[] = [];
  if (!consolidated && descriptor.kind === 'url') {
    warnings.push(
      'This Zarr store has no consolidated metadata (.zmetadata): its tree is found by probing ' +
        'the names the NWB schema and attributes give, about 3 requests per name and a few ' +
        'dozen per group, and objects with other names are not shown. Consolidating the store ' +
        '(zarr.consolidate_metadata) makes it open in one request.',
    );
  }
  const summary: FileSummary = {
    format: 'zarr',
    name,
    size: null,
    ...(warnings.length ? { warnings } : {}),
  };
  return {
    reader: new ZarrReader(tree, summary),
    summary,
    close: () => base.close(),
  };
}

async function findRoot(
  base: LoaderStore,
  signal?: AbortSignal,
): Promise<{ tree: ZarrTree; consolidated: boolean }> {
  const cached = withMemoryCache(base, MEMORY_BYTES);
  const zmetadata = await cached.get('.zmetadata', { signal });
  if (zmetadata) {
    const docs = new Map<string, Uint8Array>();
    const text = new TextDecoder().decode(zmetadata);
    const meta =
      (parseTaggingFloats(text) as { metadata?: Record<string, unknown> }).metadata ?? {};
    for (const [key, doc] of Object.entries(meta)) docs.set(key, metadataDoc(key, doc));
    const keys = base.keys ?? new Set(docs.keys());
    return { tree: new ZarrTree(withOverlay(cached, docs, keys), 2), consolidated: true };
  }
  const [v3, v2] = await Promise.all([
    cached.get('zarr.json', { signal }),
    cached.get('.zgroup', { signal }),
  ]);
  if (v3) {
    const root = parseJsonBytes(v3) as {
      consolidated_metadata?: { metadata?: Record<string, unknown> };
    };
    const inner = root.consolidated_metadata?.metadata;
    if (inner) {
      const docs = new Map<string, Uint8Array>([['zarr.json', v3]]);
      for (const [path, doc] of Object.entries(inner))
        docs.set(`${path}/zarr.json`, utf8(JSON.stringify(doc)));
      const keys = base.keys ?? new Set(docs.keys());
      return { tree: new ZarrTree(withOverlay(cached, docs, keys), 3), consolidated: true };
    }
    return { tree: new ZarrTree(cached, 3), consolidated: false };
  }
  if (v2) return { tree: new ZarrTree(cached, 2 satisfies ZarrVersion), consolidated: false };
  throw new ExplorerError(
    'not-hdf5',
    'This is neither an HDF5 file nor a Zarr store (no .zgroup, zarr.json or .zmetadata).',
  );
}

function baseStore(
  loader: BlockLoader,
  fileId: string,
  descriptor: StoreSource,
  options: OpenZarrOptions,
): LoaderStore {
  if (descriptor.kind === 'folder') {
    const files = new Map(descriptor.files.map((f) => [f.path, f.file]));
    return new LoaderStore(loader, fileId, {
      keys: new Set(files.keys()),
      sourceFor: (key) => {
        const file = files.get(key);
        return file ? new BlobSource(renamed(file, `${descriptor.name}/${key}`)) : null;
      },
    });
  }
  if (descriptor.kind === 'file') {
    throw new ExplorerError(
      'not-hdf5',
      'A single file is not a Zarr store; drop the whole .zarr folder.',
    );
  }
  const root = descriptor.url.endsWith('/') ? descriptor.url : `${descriptor.url}/`;
  return new LoaderStore(loader, fileId, {
    keys: null,
    sourceFor: (key) =>
      new HttpObjectSource({
        url: root + key.split('/').map(encodeURIComponent).join('/'),
        headers: descriptor.headers,
        headersOrigin: descriptor.headersOrigin,
        displayName: key,
        fetch: options.fetch,
      }),
  });
}

async function openLindi(
  loader: BlockLoader,
  fileId: string,
  descriptor: StoreSource,
  options: OpenZarrOptions,
): Promise<OpenedZarr> {
  if (descriptor.kind === 'folder')
    throw new ExplorerError('unsupported', 'A folder is not a LINDI file.');
  const source: ByteSource =
    descriptor.kind === 'url'
      ? new HttpObjectSource({
          url: descriptor.url,
          headers: descriptor.headers,
          headersOrigin: descriptor.headersOrigin,
          displayName: displayNameOf(descriptor),
          fetch: options.fetch,
        })
      : new BlobSource(descriptor.file);
  const docId = `${fileId}\u0001lindi`;
  const identity = await loader.open(docId, source, options.signal);
  const bytes = await readRange(loader, docId, 0, identity.size, options.signal);
  let doc: unknown;
  try {
    doc = parseTaggingFloats(new TextDecoder().decode(bytes));
  } catch {
    doc = null;
  }
  if (!isLindiDocument(doc)) {
    throw new ExplorerError(
      'not-hdf5',
      `${displayNameOf(descriptor)} is not a LINDI file (no "refs").`,
    );
  }
  const baseUrl = descriptor.kind === 'url' ? descriptor.url : undefined;
  const lindi = new LindiStore(doc, loader, fileId, (url) =>
    referencedSource(url, baseUrl, descriptor),
  );
  const tree = new ZarrTree(withMemoryCache(lindi, MEMORY_BYTES), 2);
  const summary: FileSummary = { format: 'lindi', name: displayNameOf(descriptor), size: null };
  return {
    reader: new ZarrReader(tree, summary),
    summary,
    close: () => {
      lindi.close();
      loader.close(docId);
    },
  };
}

/** A file a LINDI file points into: a URL (relative ones against the LINDI file's URL). */
function referencedSource(
  url: string,
  baseUrl: string | undefined,
  parent: OpenSource,
): ByteSource {
  let absolute: string;
  try {
    absolute = new URL(url, baseUrl).href;
  } catch {
    throw new ExplorerError(
      'not-found',
      `The LINDI file points at ${url}, which cannot be located.`,
    );
  }
  const sameOrigin =
    parent.kind === 'url' && new URL(parent.url).origin === new URL(absolute).origin;
  return new HttpRangeSource({
    url: absolute,
    headers: sameOrigin && parent.kind === 'url' ? parent.headers : undefined,
    headersOrigin: sameOrigin && parent.kind === 'url' ? parent.headersOrigin : undefined,
  });
}

function renamed(file: NamedBlob, name: string): NamedBlob {
  return Object.assign(file.slice(0, file.size, file.type), {
    name,
    lastModified: file.lastModified,
  }) as NamedBlob;
}

function displayNameOf(descriptor: StoreSource): string {
  if (descriptor.kind === 'folder') return descriptor.name;
  if (descriptor.kind === 'file') return descriptor.file.name ?? 'local file';
  try {
    const parts = new URL(descriptor.url).pathname.split('/').filter(Boolean);
    return decodeURIComponent(parts[parts.length - 1] ?? descriptor.url);
  } catch {
    return descriptor.url;
  }
}
