/**
 * A link's file, started by the fetcher worker itself as soon as it runs. index.html starts the
 * worker for a link (scripts/vite-early-workers.ts) and names the file in the worker's name,
 * after `#open=`. A message would not do: Chromium holds messages posted to a worker that has not
 * started yet until the page's main thread is free again, which on a first visit is after the
 * app's script has run and React has rendered (measured: the worker ran at 0.5 s, the page's
 * `prepare` reached it at 0.65-0.8 s). Nor would the worker's address: served by the app-shell
 * service worker, a script's address loses its fragment. The client takes the prepared file over
 * when the app opens the same source, and asks for it again then (createExplorerClient.ts), which
 * does nothing when it was started here.
 */
import type { SourceDescriptor } from '../bytes/ByteSource';

/** The id the early-opened file is prepared under; the client's own ids never take this form. */
export const EARLY_OPEN_ID = 'early-open';

/** What follows the worker's own name and names the file, as index.html writes it. */
const MARKER = '#open=';

/** The source named in a worker's name (`fetcher#open=<encoded URL>`), or null. */
export function earlyOpenIn(workerName: string): SourceDescriptor | null {
  const at = workerName.indexOf(MARKER);
  if (at < 0) return null;
  let url: string;
  try {
    url = decodeURIComponent(workerName.slice(at + MARKER.length));
  } catch {
    return null;
  }
  return /^https?:\/\//i.test(url) ? { kind: 'url', url } : null;
}
