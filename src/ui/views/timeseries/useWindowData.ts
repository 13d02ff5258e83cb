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

interface Loaded {
  /** The request this state belongs to (data may still be the previous window's). */
  key: string | null;
  data: WindowData | null;
  settled: boolean;
  progress: number | null;
  error: ExplorerError | null;
  cancelled: boolean;
}

const INITIAL: Loaded = {
  key: null,
  data: null,
  settled: false,
  progress: null,
  error: null,
  cancelled: false,
};

export function useWindowData(request: WindowRequest | null): WindowState {
  const { reader, cache } = useReaderContext();
  const [state, setState] = useState<Loaded>(INITIAL);
  const [attempt, setAttempt] = useState(0);
  const controller = useRef<AbortController | null>(null);
  const key = request ? requestKey(request) : null;
  const requestRef = useRef(request);
  useEffect(() => {
    requestRef.current = request;
  });

  useEffect(() => {
    const current = requestRef.current;
    if (key === null || current === null || cache.peek(key)) return;
    const ac = new AbortController();
    controller.current = ac;
    cache
      .run(
        key,
        (signal) =>
          loadWindow(reader, current, {
            signal,
            onPartial: (partial) => {
              if (ac.signal.aborted) return;
              setState({ ...INITIAL, key, data: partial, progress: partial.done });
            },
          }),
        ac.signal,
      )
      .then(
        (data) => {
          if (!ac.signal.aborted) setState({ ...INITIAL, key, data, settled: true });
        },
        (e: unknown) => {
          if (ac.signal.aborted) return;
          const cancelled = isCancelled(e);
          setState((prev) => ({
            ...INITIAL,
            key,
            data: prev.data,
            settled: true,
            cancelled,
            error: cancelled ? null : asExplorerError(e),
          }));
        },
      );
    return () => ac.abort();
  }, [key, reader, cache, attempt]);

  const cancel = useCallback(() => {
    controller.current?.abort();
    setState((prev) => ({ ...prev, key, settled: true, progress: null, cancelled: true }));
  }, [key]);
  const retry = useCallback(() => {
    setState((prev) => ({ ...prev, settled: false, cancelled: false, error: null }));
    setAttempt((n) => n + 1);
  }, []);

  const hit = key !== null ? cache.peek(key) : undefined;
  if (hit) {
    const data = hit.value as WindowData;
    return { data, loading: false, progress: null, error: null, cancelled: false, cancel, retry };
  }
  const current = state.key === key;
  return {
    data: state.data,
    loading: key !== null && !(current && state.settled),
    progress: current ? state.progress : 0,
    error: current ? state.error : null,
    cancelled: current && state.cancelled,
    cancel,
    retry,
  };
}
