/**
 * Imported first by main.tsx, for its side effect: the workers start (and with them the wasm
 * compile) before React and the UI modules are evaluated; a link's file starts loading too
 * (identity, opening blocks), so the UI's open finds its first bytes in flight or arrived, and
 * so does the file view's code.
 */
import { mark } from '../perf/marks';
import { loadExplorerView } from './explorerViewLoader';
import { startExplorerClientEarly } from './useExplorerClient';

mark('app-start');
// A link to a file: the file view's code loads now too, not when the app first renders.
if (startExplorerClientEarly().fileLink) void loadExplorerView();
