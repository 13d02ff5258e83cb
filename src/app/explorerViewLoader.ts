/**
 * Loading the file view's code, in a module with no React in it: startEarly.ts starts it for a
 * link before the UI's modules are evaluated, and ExplorerSlot renders what it loaded.
 */
import { mark } from '../perf/marks';

type ExplorerViewModule = typeof import('../ui/explorer/ExplorerView');

let loading: Promise<ExplorerViewModule> | null = null;
let loaded: ExplorerViewModule | null = null;

/** Starts loading the file view's code (once); opening a file calls it so both run together. */
export function loadExplorerView(): Promise<ExplorerViewModule> {
  loading ??= import('../ui/explorer/ExplorerView').then((m) => {
    mark('explorer-view:loaded');
    loaded = m;
    return m;
  });
  return loading;
}

/** The file view's code once it is there (an open file then renders it at once), else null. */
export function explorerViewModule(): ExplorerViewModule | null {
  return loaded;
}
