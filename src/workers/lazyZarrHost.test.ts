/** The lazily loaded Zarr host has every method of the host itself, and forwards to it. */
import { describe, expect, it } from 'vitest';
import { BlockLoader } from '../cache/BlockLoader';
import { ExplorerError } from '../errors';
import { lazyZarrHost } from './lazyZarrHost';
import { createZarrHost } from './zarrHost';

describe('lazyZarrHost', () => {
  const loader = () => new BlockLoader({ persistent: null });

  it('has the same methods as the Zarr host', () => {
    const names = (host: object) => Object.keys(host).sort();
    expect(names(lazyZarrHost(loader))).toEqual(names(createZarrHost(loader)));
  });

  it('loads the host on first use and forwards the call to it', async () => {
    const host = lazyZarrHost(loader);
    expect(host.abortCall(1)).toBeUndefined();
    // A reader call on a store that was never opened: the host's own answer.
    const error = await host.getKind('never-opened', 2, '/').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExplorerError);
    expect((error as ExplorerError).message).toMatch(/no longer open/);
  });
});
