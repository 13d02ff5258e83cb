/**
 * The Zarr backend's side of a worker: file id -> an open ZarrReader (a Zarr store or a LINDI
 * file), served with the same per-file, per-call functions as the HDF5 reader host (derived from
 * src/reader/methods.ts, so a new contract method needs nothing here).
 *
 * It lives where the block loader lives, so Zarr objects share the loader's persistent cache and
 * its counters: in the fetcher worker in shared-memory mode, in the reading worker otherwise.
 * Zarr needs no synchronous bridge: every read is async.
 */
import type { OpenSource, SourceDescriptor } from '../bytes/ByteSource';
import { HttpRangeSource } from '../bytes/HttpRangeSource';
import type { BlockLoader } from '../cache/BlockLoader';
import { ExplorerError, asExplorerError } from '../errors';
import type { FileSummary } from '../reader/contract';
import { looksLikeJson } from '../zarr/detect';
import { openZarr, type OpenedZarr, type ZarrFormat } from '../zarr/openZarr';
import { createCallRegistry, serveReaderMethods } from './servedCalls';

export function createZarrHost(getLoader: () => BlockLoader) {
  const stores = new Map<string, OpenedZarr>();
  const calls = createCallRegistry();
  const withCall = calls.withCall;

  const storeOf = (fileId: string): OpenedZarr => {
    const found = stores.get(fileId);
    if (!found) throw new ExplorerError('internal', 'This store is no longer open; open it again.');
    return found;
  };
  const served = serveReaderMethods((fileId) => storeOf(fileId).reader, withCall);

  /** 'auto': a Zarr store, else a LINDI file; 'not-hdf5' when it is neither. */
  const openAny = async (
    fileId: string,
    source: OpenSource,
    format: ZarrFormat | 'auto',
    signal: AbortSignal,
  ): Promise<OpenedZarr> => {
    const loader = getLoader();
    if (format !== 'auto') return openZarr(loader, fileId, source, format, { signal });
    try {
      return await openZarr(loader, fileId, source, 'zarr', { signal });
    } catch (zarrError) {
      if (asExplorerError(zarrError).code !== 'not-hdf5' || source.kind === 'folder') {
        throw zarrError;
      }
      // Only a JSON file is worth reading whole as a LINDI file (never a large binary).
      if (!looksLikeJson(await headOf(source))) throw zarrError;
      return openZarr(loader, fileId, source, 'lindi', { signal });
    }
  };

  return {
    ...served,
    open(
      fileId: string,
      callId: number,
      source: OpenSource,
      format: ZarrFormat | 'auto',
    ): Promise<FileSummary> {
      return withCall(callId, async (signal) => {
        const opened = await openAny(fileId, source, format, signal);
        stores.set(fileId, opened);
        return opened.summary;
      });
    },
    abortCall(callId: number): void {
      calls.abortCall(callId);
    },
    closeFile(fileId: string): void {
      stores.get(fileId)?.close();
      stores.delete(fileId);
    },
  };
}

export type ZarrHostApi = ReturnType<typeof createZarrHost>;

/** The first bytes of a file (one small range request for a URL). */
async function headOf(source: SourceDescriptor): Promise<Uint8Array> {
  if (source.kind === 'file') return new Uint8Array(await source.file.slice(0, 64).arrayBuffer());
  if (source.kind === 'family') return new Uint8Array(0);
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
