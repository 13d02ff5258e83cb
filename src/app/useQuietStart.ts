/**
 * A link's first moments on a return visit: while the page looks for the answers kept from an
 * earlier visit of the file (useExplorerClient.ts `keptAnswersLook`), the app shows an empty shell
 * instead of the opening view. When they are found the file opens from them at once, and the
 * opening view would be rendered, styled, laid out and painted only to be replaced a moment later,
 * on the main thread that the file view's code, the look's own answer (IndexedDB answers in a
 * task on that thread) and the file view's first render are waiting for.
 *
 * Bounded: when nothing was kept (a first visit), or at the latest MAX_QUIET_MS after the app
 * started, the opening view shows as before.
 */
import { useEffect, useState } from 'react';
import { keptAnswersLook } from './useExplorerClient';

const MAX_QUIET_MS = 400;

/**
 * Whether to show the empty shell now: `waiting` says the opening view (or nothing) would show,
 * `fileUrl` is the link's file. Only the file the page was started on is ever quiet.
 */
export function useQuietStart(fileUrl: string | null, waiting: boolean): boolean {
  const [start] = useState(() => ({
    url: fileUrl,
    look: fileUrl === null ? null : keptAnswersLook(fileUrl),
    deadline: performance.now() + MAX_QUIET_MS,
  }));
  const [over, setOver] = useState(start.look === null);
  const quiet = !over && waiting && fileUrl === start.url;
  useEffect(() => {
    if (!quiet || !start.look) return;
    let left = false;
    const end = () => {
      if (!left) setOver(true);
    };
    const timer = setTimeout(end, Math.max(0, start.deadline - performance.now()));
    void start.look.then((found) => {
      if (!found) end();
    });
    return () => {
      left = true;
      clearTimeout(timer);
    };
  }, [quiet, start]);
  return quiet;
}
