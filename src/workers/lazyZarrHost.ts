/**
 * The Zarr host (zarrHost.ts), loaded the first time a Zarr store or LINDI file is opened.
 * zarrita and the Zarr backend are about half of the fetcher worker's script: left out of it, the
 * worker evaluates less before it can take the page's first message (`prepare`, which starts an
 * HDF5 file's identity and opening reads), on a machine where the page and h5wasm's compile want
 * the same cores.
 */
import type { BlockLoader } from '../cache/BlockLoader';
import { readerMethods } from '../reader/methods';
import type { ZarrHostApi } from './zarrHost';

type Method = keyof ZarrHostApi;

/** The host's own methods besides the served reader methods (a test checks the list). */
const HOST_METHODS = ['open', 'abortCall', 'closeFile'] as const satisfies readonly Method[];

export function lazyZarrHost(getLoader: () => BlockLoader): ZarrHostApi {
  let host: Promise<ZarrHostApi> | null = null;
  const load = () =>
    (host ??= import('./zarrHost').then(({ createZarrHost }) => createZarrHost(getLoader)));
  const forward =
    (name: Method) =>
    async (...args: unknown[]) => {
      const loaded = await load();
      return (loaded[name] as (...a: unknown[]) => unknown)(...args);
    };
  // Plain methods, one per name (comlink and watchFatalErrors walk them). Before anything asked
  // for the host nothing is open on it, so aborting or closing has nothing to do.
  const idle = (name: Method) => {
    const later = forward(name);
    return (...args: unknown[]) => (host ? later(...args) : undefined);
  };
  const methods = [...readerMethods, ...HOST_METHODS].map((name) => [
    name,
    name === 'abortCall' || name === 'closeFile' ? idle(name) : forward(name),
  ]);
  return Object.fromEntries(methods) as ZarrHostApi;
}
