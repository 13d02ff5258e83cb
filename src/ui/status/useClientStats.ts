/**
 * The client's counters as React state, through useSyncExternalStore. Stats can change on every
 * block; notifications are coalesced to one per animation frame so the status bar never becomes
 * the bottleneck.
 */
import { useMemo, useSyncExternalStore } from 'react';
import type { ClientStats, ExplorerClient } from '../clientTypes';

function statsStore(client: ExplorerClient) {
  let latest: ClientStats = client.stats();
  return {
    getSnapshot: () => latest,
    subscribe(notify: () => void) {
      let frame = 0;
      const unsubscribe = client.subscribeStats((next) => {
        latest = next;
        if (frame) return;
        frame = requestAnimationFrame(() => {
          frame = 0;
          notify();
        });
      });
      return () => {
        unsubscribe();
        if (frame) cancelAnimationFrame(frame);
      };
    },
  };
}

export function useClientStats(client: ExplorerClient): ClientStats {
  const store = useMemo(() => statsStore(client), [client]);
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}
