/**
 * The first values of a dataset: a bounded leading block chosen by previewSelection, read with one
 * readSlice. Datasets whose chunks are too big to decompress for a preview get a sentence instead.
 */
import type { DatasetInfo } from '../../reader/contract';
import { previewSelection } from '../../reader/readTiled';
import { knownNow } from '../data/readerQueries';
import { useReaderQuery } from '../data/useReaderQuery';
import { ErrorMessage } from '../errors/ErrorMessage';
import { formatCount } from '../format/bytes';
import { formatSelection } from '../format/values';
import { PreviewTable } from './PreviewTable';

export interface ValuePreviewProps {
  path: string;
  info: DatasetInfo;
  onNavigate?(path: string): void;
}

export function ValuePreview({ path, info, onNavigate }: ValuePreviewProps) {
  const plan = previewSelection(info);
  const selectionText = plan.ok ? formatSelection(plan.selection) : '';
  const selection = plan.ok ? plan.selection : [];
  const current = useReaderQuery(
    plan.ok ? `preview:${path}:${selectionText}` : null,
    (reader, signal) => reader.readSlice(path, selection, { signal }),
    // A return visit's kept preview paints with the rest of the pane.
    knownNow('readSlice', [path, selection]),
  );
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
      ) : current.status === 'loading' || current.status === 'idle' ? (
        <p className="muted">
          <span className="spinner spinner--small" /> Reading {selectionText}…
        </p>
      ) : current.status === 'error' ? (
        <ErrorMessage error={current.error} context="Preview failed" onRetry={current.retry} />
      ) : (
        <PreviewTable
          shape={dropMiddle(current.data.shape)}
          values={current.data.values}
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
