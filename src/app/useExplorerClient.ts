/**
 * The ExplorerClient (its workers) lives as long as the page: one per bridge mode, created on first
 * use. Keeping it outside React means StrictMode's double mount cannot dispose the workers under a
 * component that still uses them, and a re-render never starts new workers.
 */
import { createExplorerClient } from '../workers/createExplorerClient';
import type { BridgeMode, ExplorerClient } from '../workers/ExplorerClient';

const clients = new Map<BridgeMode | 'auto', ExplorerClient>();

export function useExplorerClient(forceBridge: BridgeMode | undefined): ExplorerClient {
  const key = forceBridge ?? 'auto';
  let client = clients.get(key);
  if (!client) {
    client = createExplorerClient(forceBridge ? { forceBridge } : undefined);
    clients.set(key, client);
  }
  return client;
}
