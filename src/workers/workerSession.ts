/**
 * One generation of the workers: the reading worker (h5wasm), and in shared-memory mode the
 * fetcher worker beside it, wired together and subscribed to the loader's counters. The client
 * starts a new session when one dies (a wasm trap, an exception nothing caught) and reopens its
 * files there; a session never comes back to life.
 */
import { proxy, transfer, wrap, type Remote } from 'comlink';
import type { LoaderStats } from '../cache/types';
import { ExplorerError } from '../errors';
import { createSharedBuffers } from '../hdf5/sharedMemoryProtocol';
import { mark } from '../perf/marks';
import type { BridgeMode } from './ExplorerClient';
import type { FetcherWorkerApi } from './fetcher.worker';
import type { LoaderApi } from './loaderService';
import type { ReaderHostApi } from './readerHost';
import type { ZarrHostApi } from './zarrHost';

export interface WorkerSession {
  host: Remote<ReaderHostApi & { zarr: ZarrHostApi }>;
  /** The block loader: the fetcher worker, or the reading worker itself (retry-on-miss). */
  loader: Remote<LoaderApi>;
  fetcher: Remote<FetcherWorkerApi> | null;
  /** Where Zarr stores and LINDI files are read: beside the loader. */
  zarr: Remote<ZarrHostApi>;
  /** Resolves when the workers are wired and h5wasm is loaded. */
  ready: Promise<void>;
  /** The URL its loader started on by itself, under EARLY_OPEN_ID (an adopted fetcher). */
  earlyOpened: string | null;
  /** Rejects with the reason when a worker of this session dies; never resolves. */
  death: Promise<never>;
  /** Set once a worker died. */
  deathReason: ExplorerError | null;
  terminate(): void;
}

export interface SessionHooks {
  onStats(stats: LoaderStats): void;
  onDeath(reason: ExplorerError): void;
  /**
   * A worker of that name already started (by index.html, for a link), to use instead of a new
   * one; null: none.
   */
  adoptWorker?(name: WorkerName): AdoptedWorker | null;
}

/** The session's workers, by the name each runs under. */
export type WorkerName = 'reader' | 'fetcher';

export interface AdoptedWorker {
  worker: Worker;
  /** The URL the worker prepared as it started, under EARLY_OPEN_ID (earlyOpen.ts); null: none. */
  opened: string | null;
}

export function startWorkerSession(bridge: BridgeMode, hooks: SessionHooks): WorkerSession {
  const readerWorker =
    hooks.adoptWorker?.('reader')?.worker ??
    new Worker(new URL('./reader.worker.ts', import.meta.url), {
      type: 'module',
      name: 'reader',
    });
  const host = wrap<ReaderHostApi & { zarr: ZarrHostApi }>(readerWorker);
  const workers: Worker[] = [readerWorker];
  let fetcher: Remote<FetcherWorkerApi> | null = null;
  let earlyOpened: string | null = null;
  if (bridge === 'shared-memory') {
    const adopted = hooks.adoptWorker?.('fetcher');
    earlyOpened = adopted?.opened ?? null;
    const fetcherWorker =
      adopted?.worker ??
      new Worker(new URL('./fetcher.worker.ts', import.meta.url), {
        type: 'module',
        name: 'fetcher',
      });
    workers.push(fetcherWorker);
    fetcher = wrap<FetcherWorkerApi>(fetcherWorker);
  }
  const loader: Remote<LoaderApi> = fetcher ?? host;

  let rejectOnDeath: (error: ExplorerError) => void = () => {};
  const death = new Promise<never>((_, reject) => {
    rejectOnDeath = reject;
  });
  death.catch(() => {});

  const session: WorkerSession = {
    host,
    loader,
    fetcher,
    // comlink types a nested object as a promise of it, but reaching through it gives a proxy
    // whose calls run in the worker.
    zarr: (fetcher ? fetcher.zarr : host.zarr) as unknown as Remote<ZarrHostApi>,
    ready: Promise.resolve(),
    earlyOpened,
    death,
    deathReason: null,
    terminate: () => workers.forEach((w) => w.terminate()),
  };

  const onWorkerError = (event: ErrorEvent | MessageEvent) => {
    if (session.deathReason) return;
    const detail = 'message' in event && typeof event.message === 'string' ? event.message : '';
    // The page's console already has it; the app handles it (a restart) rather than the browser.
    event.preventDefault();
    session.deathReason = new ExplorerError(
      'internal',
      `A reading worker stopped${detail ? ` (${detail})` : ''}.`,
    );
    session.terminate();
    rejectOnDeath(session.deathReason);
    hooks.onDeath(session.deathReason);
  };
  for (const worker of workers) {
    worker.addEventListener('error', onWorkerError);
    worker.addEventListener('messageerror', onWorkerError);
  }

  session.ready = (async () => {
    mark('client-start');
    let initialised: Promise<void>;
    if (fetcher) {
      const buffers = createSharedBuffers();
      const channel = new MessageChannel();
      // comlink transfers only what is marked on a top-level argument: mark the whole config.
      await fetcher.attach(transfer(channel.port1, [channel.port1]), buffers);
      initialised = host.init(
        transfer({ mode: 'shared-memory', buffers, port: channel.port2 }, [channel.port2]),
      );
    } else {
      // The reading worker sets its loader up before it awaits h5wasm: stats can subscribe now.
      initialised = host.init({ mode: 'retry-on-miss' });
    }
    // Subscribed before h5wasm is ready: the loader starts on a file meanwhile (prepare).
    await loader.subscribeStats(proxy(hooks.onStats));
    await initialised;
    mark('client-ready');
  })();
  return session;
}
