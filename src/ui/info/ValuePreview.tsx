/**
 * The first values of a dataset: a bounded leading block chosen by previewSelection, read with one
 * readSlice. Datasets whose chunks are too big to decompress for a preview get a sentence instead.
 */
import { useEffect, useState } from 'react';
import type { DataReader, DatasetInfo, SliceResult } from '../../reader/contract';
import { previewSelection } from '../../reader/readTiled';
import { ErrorMessage } from '../errors/ErrorMessage';
import { formatCount } from '../format/bytes';
import { formatSelection } from '../format/values';
import { PreviewTable } from './PreviewTable';

export interface ValuePreviewProps {
  reader: DataReader;
  path: string;
  info: DatasetInfo;
  onNavigate?(path: string): void;
}

type PreviewState =
  | { key: string; status: 'loading' }
  | { key: string; status: 'loaded'; result: SliceResult }
  | { key: string; status: 'error'; error: unknown };

export function ValuePreview({ reader, path, info, onNavigate }: ValuePreviewProps) {
  const plan = previewSelection(info);
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<PreviewState | null>(null);
  const key = `${attempt}:${path}`;
  const selectionText = plan.ok ? formatSelection(plan.selection) : '';

  useEffect(() => {
    if (!plan.ok) return;
    let stale = false;
    reader.readSlice(path, plan.selection).then(
      (result) => !stale && setState({ key, status: 'loaded', result }),
      (error: unknown) => !stale && setState({ key, status: 'error', error }),
    );
    return () => {
      stale = true;
    };
    // The plan is derived from info; selectionText stands for it in the dependencies.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [reader, path, key, selectionText, plan.ok]);

  const current = state?.key === key ? state : { key, status: 'loading' as const };
  return (
    <section className="info-section" aria-labelledby="preview-heading">
      <h3 id="preview-heading">
        Preview{' '}
        {plan.ok && !plan.complete && (
          <span className="muted">
            — first {formatCount(plan.shape.reduce((a, b) => a * b, 1))} of{' '}
            {formatCount(info.elementCount)} elements, selection {selectionText}
          </span>
        )}
      </h3>
      {!plan.ok ? (
        <p className="notice">{plan.reason}</p>
      ) : current.status === 'loading' ? (
        <p className="muted">
          <span className="spinner spinner--small" /> Reading {selectionText}…
        </p>
      ) : current.status === 'error' ? (
        <ErrorMessage
          error={current.error}
          context="Preview failed"
          onRetry={() => setAttempt((n) => n + 1)}
        />
      ) : (
        <PreviewTable
          shape={dropMiddle(current.result.shape)}
          values={current.result.values}
          dtype={info.dtype}
          onNavigate={onNavigate}
        />
      )}
      {plan.ok && info.shape && info.shape.length > 2 && (
        <p className="muted">Dimensions between the first and the last are shown at index 0.</p>
      )}
    </section>
  );
}

/** The preview fixes middle dimensions at one index, so a table needs only first x last. */
function dropMiddle(shape: number[]): number[] {
  return shape.length > 2 ? [shape[0], shape[shape.length - 1]] : shape;
}
