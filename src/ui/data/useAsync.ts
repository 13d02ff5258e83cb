/**
 * One async load per key: re-runs when the key changes or on retry, aborts the previous run, and
 * never shows a result under a key it was not loaded for. A null key means "not yet" (a
 * prerequisite is missing), which is neither loading nor an error.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { asExplorerError, type ExplorerError } from '../../errors';

export type AsyncState<T> =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'ok'; data: T }
  | { status: 'error'; error: ExplorerError };

type Settled<T> = { ok: true; data: T } | { ok: false; error: ExplorerError };

export function useAsync<T>(
  key: string | null,
  load: (signal: AbortSignal) => Promise<T>,
): AsyncState<T> & { retry(): void } {
  const [attempt, setAttempt] = useState(0);
  const [settled, setSettled] = useState<{
    key: string;
    attempt: number;
    result: Settled<T>;
  } | null>(null);
  // The latest closure, so callers can pass inline functions without re-running the load.
  const loadRef = useRef(load);
  useEffect(() => {
    loadRef.current = load;
  });

  useEffect(() => {
    if (key === null) return;
    const ac = new AbortController();
    loadRef.current(ac.signal).then(
      (data) => {
        if (!ac.signal.aborted) setSettled({ key, attempt, result: { ok: true, data } });
      },
      (error: unknown) => {
        if (ac.signal.aborted) return;
        setSettled({ key, attempt, result: { ok: false, error: asExplorerError(error) } });
      },
    );
    return () => ac.abort();
  }, [key, attempt]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);

  // One object per state, so a pane may put the query in a memo's dependencies: a new object on
  // every render made memoised plots redraw on every render.
  const current =
    key !== null && settled?.key === key && settled.attempt === attempt ? settled : null;
  return useMemo((): AsyncState<T> & { retry(): void } => {
    if (key === null) return { status: 'idle', retry };
    if (!current) return { status: 'loading', retry };
    return current.result.ok
      ? { status: 'ok', data: current.result.data, retry }
      : { status: 'error', error: current.result.error, retry };
  }, [key, current, retry]);
}
