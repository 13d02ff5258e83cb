/**
 * Imported first by main.tsx, for its side effect: the workers start (and with them the wasm
 * compile) before React and the UI modules are evaluated; a link's file starts loading too
 * (identity, opening blocks), so the UI's open finds its first bytes in flight or arrived.
 */
import { mark } from '../perf/marks';
import { startExplorerClientEarly } from './useExplorerClient';

mark('app-start');
startExplorerClientEarly();
