/**
 * The Zarr backend's worker API: one function per request, each naming the open store by id.
 * It runs in the worker that owns the block loader (the fetcher worker in shared-memory mode, the
 * HDF5 worker otherwise), so Zarr objects share the loader's cache and counters. Zarr needs no
 * synchronous bridge: every read is async.
 */
import { transfer } from 'comlink';
import type { OpenSource, SourceDescriptor } from '../bytes/ByteSource';
import { HttpRangeSource } from '../bytes/HttpRangeSource';
import type { BlockLoader } from '../cache/BlockLoader';
import { ExplorerError, asExplorerError } from '../errors';
import type {
  AttributeInfo,
  ChildEntry,
  DatasetInfo,
  FileSummary,
  Selection,
  SliceResult,
} from '../reader/contract';
import { looksLikeJson } from '../zarr/detect';
import { openZarr, type OpenedZarr, type ZarrFormat } from '../zarr/openZarr';

export interface ZarrHostApi {
  /** 'auto' tries a Zarr store, then a LINDI file; fails with 'not-hdf5' when it is neither. */
  zarrOpen(fileId: string, source: OpenSource, format: ZarrFormat | 'auto'): Promise<FileSummary>;
  zarrListChildren(
    fileId: string,
    path: string,
    options?: { attrs?: string[] },
  ): Promise<ChildEntry[]>;
  zarrGetAttributes(fileId: string, path: string): Promise<AttributeInfo[]>;
  zarrGetKind(fileId: string, path: string): Promise<'group' | 'dataset' | 'datatype' | null>;
  zarrDescribeDataset(fileId: string, path: string): Promise<DatasetInfo>;
  zarrReadSlice(fileId: string, path: string, selection: Selection): Promise<SliceResult>;
  /** Aborts the store's reads in progress (later calls go on). */
  zarrCancel(fileId: string): void;
  zarrClose(fileId: string): void;
}

interface Open {
  store: OpenedZarr;
  controller: AbortController;
}

export function createZarrHostApi(getLoader: () => BlockLoader): ZarrHostApi {
  const open = new Map<string, Open>();
  const find = (fileId: string): Open => {
    const found = open.get(fileId);
    if (!found) throw new ExplorerError('internal', 'This store is no longer open; open it again.');
    return found;
  };
  const withStore = <T>(fileId: string, work: (o: Open, signal: AbortSignal) => Promise<T>) => {
    const o = find(fileId);
    return work(o, o.controller.signal);
  };

  const openOne = async (fileId: string, source: OpenSource, format: ZarrFormat | 'auto') => {
    const loader = getLoader();
    if (format !== 'auto') return openZarr(loader, fileId, source, format);
    try {
      return await openZarr(loader, fileId, source, 'zarr');
    } catch (zarrError) {
      if (asExplorerError(zarrError).code !== 'not-hdf5' || source.kind === 'folder')
        throw zarrError;
      // Only a JSON file is worth reading whole as a LINDI file (never a large binary).
      if (!looksLikeJson(await headOf(source))) throw zarrError;
      return openZarr(loader, fileId, source, 'lindi');
    }
  };

  return {
    async zarrOpen(fileId, source, format) {
      const store = await openOne(fileId, source, format);
      open.set(fileId, { store, controller: new AbortController() });
      return store.summary;
    },
    zarrListChildren: (fileId, path, options) =>
      withStore(fileId, (o, signal) => o.store.reader.listChildren(path, { ...options, signal })),
    zarrGetAttributes: (fileId, path) =>
      withStore(fileId, (o, signal) => o.store.reader.getAttributes(path, { signal })),
    zarrGetKind: (fileId, path) =>
      withStore(fileId, (o, signal) => o.store.reader.getKind(path, { signal })),
    zarrDescribeDataset: (fileId, path) =>
      withStore(fileId, (o, signal) => o.store.reader.describeDataset(path, { signal })),
    zarrReadSlice: (fileId, path, selection) =>
      withStore(fileId, async (o, signal) => {
        const result = await o.store.reader.readSlice(path, selection, { signal });
        const values = result.values;
        if (!ArrayBuffer.isView(values)) return result;
        const owned =
          values.byteOffset === 0 && values.byteLength === values.buffer.byteLength
            ? values
            : values.slice();
        return transfer({ shape: result.shape, values: owned }, [owned.buffer as ArrayBuffer]);
      }),
    zarrCancel(fileId) {
      const o = open.get(fileId);
      if (!o) return;
      o.controller.abort();
      o.controller = new AbortController();
    },
    zarrClose(fileId) {
      const o = open.get(fileId);
      if (!o) return;
      o.controller.abort();
      o.store.close();
      open.delete(fileId);
    },
  };
}

/** The first bytes of a file (one small range request for a URL). */
async function headOf(source: SourceDescriptor): Promise<Uint8Array> {
  if (source.kind === 'file') return new Uint8Array(await source.file.slice(0, 64).arrayBuffer());
  const http = new HttpRangeSource({
    url: source.url,
    headers: source.headers,
    headersOrigin: source.headersOrigin,
    probeBytes: 64,
  });
  try {
    await http.identify();
    return http.takePrimed()?.data ?? new Uint8Array(0);
  } catch {
    return new Uint8Array(0);
  }
}
