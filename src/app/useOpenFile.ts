/**
 * Opens one source with the client and tracks it: opening (cancellable), open, or failed (with a
 * retry). Opening another source, or unmounting, cancels the open in progress and closes the file.
 *
 * Not `useAsync`: its result is a resource. A file that arrives after its request was left must be
 * closed, not dropped, and Cancel must show at once while the worker is still winding down.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { ExplorerError } from '../errors';
import type { ExplorerClient, OpenedFile } from '../workers/ExplorerClient';
import type { SourceDescriptor } from '../links/sourceDescriptor';

/** A source to open, with a key that identifies it (a new key means a new file). */
export interface OpenRequest {
  key: string;
  source: SourceDescriptor;
  displayName: string;
}

export type OpenState =
  | { status: 'idle' }
  | { status: 'opening'; request: OpenRequest; cancel(): void }
  | { status: 'open'; request: OpenRequest; file: OpenedFile }
  | { status: 'error'; request: OpenRequest; error: unknown };

type Outcome = { status: 'open'; file: OpenedFile } | { status: 'error'; error: unknown };

export function useOpenFile(
  client: ExplorerClient,
  request: OpenRequest | null,
): { state: OpenState; retry(): void } {
  const [attempt, setAttempt] = useState(0);
  // The outcome of one run (request x attempt); a run that is not current is shown as opening.
  const [result, setResult] = useState<{ run: string; outcome: Outcome } | null>(null);
  const controller = useRef<AbortController | null>(null);
  const run = request ? `${request.key}#${attempt}` : null;

  useEffect(() => {
    if (!request || run === null) return;
    const abort = new AbortController();
    controller.current = abort;
    let opened: OpenedFile | null = null;
    let stale = false;
    client.open(request.source, { signal: abort.signal }).then(
      (file) => {
        opened = file;
        // A file that arrives after Cancel (or after the user moved on) is closed unseen.
        if (stale || abort.signal.aborted) void file.reader.close().catch(() => undefined);
        else setResult({ run, outcome: { status: 'open', file } });
      },
      (error: unknown) => {
        if (!stale && !abort.signal.aborted)
          setResult({ run, outcome: { status: 'error', error } });
      },
    );
    return () => {
      stale = true;
      abort.abort();
      // Closing is best effort: a worker that already dropped the file has nothing to close.
      if (opened) void opened.reader.close().catch(() => undefined);
    };
  }, [client, request, run]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  // Cancel shows at once: the worker's own cancellation can take a moment to come back.
  const cancel = useCallback(() => {
    controller.current?.abort();
    if (run !== null) {
      const error = new ExplorerError('cancelled', 'Opening was cancelled.');
      setResult({ run, outcome: { status: 'error', error } });
    }
  }, [run]);

  let state: OpenState;
  if (!request) state = { status: 'idle' };
  else if (result && result.run === run) state = { ...result.outcome, request };
  else state = { status: 'opening', request, cancel };
  return { state, retry };
}
