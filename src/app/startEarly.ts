/**
 * Imported first by main.tsx, for its side effect: the workers start (and with them the wasm
 * compile) before React and the UI modules are evaluated.
 */
import { mark } from '../perf/marks';
import { startExplorerClientEarly } from './useExplorerClient';

mark('app-start');
startExplorerClientEarly();
