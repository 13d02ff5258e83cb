/**
 * "Read all" for a dataset: reads the first N rows (all by default) in tiles with progress and a
 * Cancel button, asking first when the read is large. The result is summarised, not rendered whole.
 * Cancel aborts this read's own signal, which reaches the tile in flight: other reads of the same
 * file (the tree, a preview) go on.
 */
import { useEffect, useRef, useState } from 'react';
import type { DatasetInfo, SliceResult } from '../../reader/contract';
import { readTiled } from '../../reader/readTiled';
import { isCancelled } from '../../errors';
import { useReader } from '../data/ReaderContext';
import { ErrorMessage } from '../errors/ErrorMessage';
import { formatBytes, formatCount } from '../format/bytes';
import { formatNumber } from '../format/values';
import { useReportActivity } from '../status/ActivityContext';
import { summarizeValues } from './readSummary';

export interface ReadAllActionProps {
  path: string;
  info: DatasetInfo;
}

/** Reads above this ask for confirmation first. */
export const CONFIRM_BYTES = 100 * 1024 * 1024;
/** Reads above this are refused: a browser tab cannot hold them reliably. */
export const MAX_READ_BYTES = 2 * 1024 * 1024 * 1024;

type ReadState =
  | { status: 'idle' }
  | { status: 'confirm' }
  | { status: 'reading'; done: number; total: number }
  | { status: 'done'; result: SliceResult; ms: number }
  | { status: 'cancelled'; done: number; total: number }
  | { status: 'error'; error: unknown };

export function ReadAllAction({ path, info }: ReadAllActionProps) {
  const reader = useReader();
  const shape = info.shape;
  const totalRows = shape && shape.length > 0 ? shape[0] : 1;
  const [rows, setRows] = useState(totalRows);
  const [state, setState] = useState<ReadState>({ status: 'idle' });
  const controller = useRef<AbortController | null>(null);
  const report = useReportActivity();

  // Leaving the dataset (or unmounting) abandons a read in progress.
  useEffect(
    () => () => {
      controller.current?.abort();
      report(null);
    },
    [report],
  );

  if (!shape || info.elementCount === 0) return null;
  const rowElements = shape.slice(1).reduce((a, b) => a * b, 1);
  const elements = shape.length === 0 ? 1 : rows * rowElements;
  const bytes = elements * info.dtype.size;
  const tooLarge = bytes > MAX_READ_BYTES;
  const label = rows === totalRows ? 'Read all' : `Read ${formatCount(elements)} elements`;

  const start = async () => {
    const abort = new AbortController();
    controller.current = abort;
    const began = performance.now();
    setState({ status: 'reading', done: 0, total: elements });
    const progress = { done: 0 };
    const selection = shape.map((n, d) => ({ start: 0, stop: d === 0 ? rows : n }));
    try {
      const result = await readTiled(reader, path, selection, info.dtype.size, {
        signal: abort.signal,
        onProgress: (done, total) => {
          progress.done = done;
          setState({ status: 'reading', done, total });
          report({ label: `Reading ${path}`, done, total });
        },
      });
      setState({ status: 'done', result, ms: performance.now() - began });
    } catch (error) {
      // Cancelling is the user's choice, not a failure: say how far the read got.
      if (isCancelled(error))
        setState({ status: 'cancelled', done: progress.done, total: elements });
      else setState({ status: 'error', error });
    } finally {
      report(null);
      controller.current = null;
    }
  };

  // The signal reaches the tile in flight: its own blocks stop loading, other reads go on.
  const cancel = () => controller.current?.abort();

  return (
    <section className="info-section" aria-labelledby="read-heading">
      <h3 id="read-heading">Read values</h3>
      <div className="read-all">
        {shape.length > 0 && (
          <label>
            Rows{' '}
            <input
              type="number"
              min={1}
              max={totalRows}
              value={rows}
              onChange={(e) =>
                setRows(Math.max(1, Math.min(totalRows, Math.floor(Number(e.target.value) || 1))))
              }
              disabled={state.status === 'reading'}
            />{' '}
            of {formatCount(totalRows)}
          </label>
        )}
        <span className="muted">
          {formatCount(elements)} elements, {formatBytes(bytes)} in memory
        </span>
        {state.status !== 'reading' && state.status !== 'confirm' && (
          <button
            type="button"
            className="button"
            disabled={tooLarge}
            onClick={() => (bytes > CONFIRM_BYTES ? setState({ status: 'confirm' }) : void start())}
          >
            {label}
          </button>
        )}
      </div>
      {tooLarge && (
        <p className="notice">
          {formatBytes(bytes)} is more than a browser tab can hold safely (
          {formatBytes(MAX_READ_BYTES)}
          ); choose fewer rows.
        </p>
      )}
      {state.status === 'confirm' && (
        <div className="confirm" role="alertdialog" aria-label="Confirm large read">
          <p>
            This reads {formatBytes(bytes)} into memory
            {info.storedBytes ? ` (up to ${formatBytes(info.storedBytes)} over the network)` : ''}.
            Continue?
          </p>
          <button type="button" className="button" onClick={() => void start()}>
            Read {formatBytes(bytes)}
          </button>{' '}
          <button
            type="button"
            className="button button--secondary"
            onClick={() => setState({ status: 'idle' })}
          >
            Cancel
          </button>
        </div>
      )}
      {state.status === 'reading' && (
        <div className="progress-row">
          <progress value={state.done} max={state.total || 1} aria-label="Read progress" />
          <span>
            {formatCount(state.done)} / {formatCount(state.total)}
          </span>
          <button type="button" className="button button--secondary" onClick={cancel}>
            Cancel
          </button>
        </div>
      )}
      {state.status === 'cancelled' && (
        <p className="muted" role="status">
          Read cancelled after {formatCount(state.done)} of {formatCount(state.total)} elements.
        </p>
      )}
      {state.status === 'error' && (
        <ErrorMessage error={state.error} context="Read failed" onRetry={() => void start()} />
      )}
      {state.status === 'done' && <ReadResult result={state.result} ms={state.ms} />}
    </section>
  );
}

function ReadResult({ result, ms }: { result: SliceResult; ms: number }) {
  const summary = summarizeValues(result.values);
  return (
    <p className="read-result" role="status">
      Read {formatCount(result.values.length)} elements in {(ms / 1000).toFixed(2)} s.
      {summary && summary.min !== null && summary.max !== null && (
        <>
          {' '}
          Min {formatNumber(summary.min)}, max {formatNumber(summary.max)}
          {summary.mean !== null && <>, mean {formatNumber(summary.mean)}</>}
          {summary.nanCount > 0 && <>, {formatCount(summary.nanCount)} NaN</>}.
        </>
      )}
    </p>
  );
}
