/**
 * The one seam between the panes and the workers: the types of the client handle the app gives
 * the panes (an opened file, its counters, the bridge mode). Types only: the UI never starts or
 * calls a worker itself (eslint.config.js refuses any other import of src/workers from src/ui).
 */
export type {
  BridgeMode,
  ClientStats,
  ExplorerClient,
  OpenedFile,
} from '../workers/ExplorerClient';
