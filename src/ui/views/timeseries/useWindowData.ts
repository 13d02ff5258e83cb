/**
 * The data under a window, loaded whenever the window, the channels or the width change. A new
 * window aborts the read of the previous one (its signal reaches the worker), the last drawn data
 * stays on screen until the new one arrives, and an envelope in progress is drawn as it fills.
 * Finished results are kept in the open file's query cache, so going back to a window is instant.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { asExplorerError, isCancelled, type ExplorerError } from '../../../errors';
import { useReaderContext } from '../../data/ReaderContext';
import { loadWindow, type WindowData, type WindowRequest } from './loadWindow';

export interface WindowState {
  data: WindowData | null;
  loading: boolean;
  /** Fraction done of the read in flight (envelopes report it; raw reads are one step). */
  progress: number | null;
  error: ExplorerError | null;
  cancelled: boolean;
  cancel(): void;
  retry(): void;
}

export function requestKey(request: WindowRequest): string {
  const w = request.window ? `${request.window[0]}:${request.window[1]}` : 'all';
  const c = request.columns ? `${request.columns.start}-${request.columns.stop}` : 'all';
  return `window:${request.desc.path}:${w}:${c}:${request.bins}`;
}

export function useWindowData(request: WindowRequest | null): WindowState {
  const { reader, cache } = useReaderContext();
  const [data, setData] = useState<WindowData | null>(null);
  const [loading, setLoading] = useState(false);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<ExplorerError | null>(null);
  const [cancelled, setCancelled] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const controller = useRef<AbortController | null>(null);
  const key = request ? requestKey(request) : null;
  const requestRef = useRef(request);
  useEffect(() => {
    requestRef.current = request;
  });

  useEffect(() => {
    const current = requestRef.current;
    if (key === null || current === null) return;
    const hit = cache.peek(key);
    if (hit) {
      setData(hit.value as WindowData);
      setLoading(false);
      setProgress(null);
      setError(null);
      return;
    }
    const ac = new AbortController();
    controller.current = ac;
    setLoading(true);
    setProgress(0);
    setError(null);
    setCancelled(false);
    cache
      .run(
        key,
        (signal) =>
          loadWindow(reader, current, {
            signal,
            onPartial: (partial) => {
              if (ac.signal.aborted) return;
              setData(partial);
              setProgress(partial.done);
            },
          }),
        ac.signal,
      )
      .then(
        (result) => {
          if (ac.signal.aborted) return;
          setData(result);
          setLoading(false);
          setProgress(null);
        },
        (e: unknown) => {
          if (isCancelled(e) && ac.signal.aborted) return;
          setLoading(false);
          setProgress(null);
          if (isCancelled(e)) setCancelled(true);
          else setError(asExplorerError(e));
        },
      );
    return () => ac.abort();
  }, [key, reader, cache, attempt]);

  const cancel = useCallback(() => {
    controller.current?.abort();
    setLoading(false);
    setProgress(null);
    setCancelled(true);
  }, []);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);

  return { data, loading, progress, error, cancelled, cancel, retry };
}
