/** A dataset's layout: shape, dtype, chunking, filters, and its size stored and in memory. */
import type { DatasetInfo } from '../../reader/contract';
import { formatBytes, formatCount } from '../format/bytes';
import { formatShape } from '../format/values';

/** HDF5's H5S_UNLIMITED is 2^64 - 1; a backend may pass it through instead of null. */
function isUnlimited(m: number | null): boolean {
  return m === null || m < 0 || m >= Number.MAX_SAFE_INTEGER;
}

export function DatasetSummary({ info }: { info: DatasetInfo }) {
  const ratio =
    info.storedBytes !== null && info.storedBytes > 0 && info.filters.length > 0
      ? info.memoryBytes / info.storedBytes
      : null;
  const maxshape =
    info.maxshape &&
    info.shape &&
    info.maxshape.some((m, i) => isUnlimited(m) || m !== info.shape?.[i])
      ? `(${info.maxshape.map((m) => (isUnlimited(m) ? 'unlimited' : formatCount(m as number))).join(' × ')})`
      : null;
  return (
    <section className="info-section" aria-labelledby="dataset-heading">
      <h3 id="dataset-heading">Dataset</h3>
      <dl className="summary-list">
        <dt>Shape</dt>
        <dd>
          {formatShape(info.shape)}
          {info.shape && info.shape.length > 0 && (
            <span className="muted"> — {formatCount(info.elementCount)} elements</span>
          )}
        </dd>
        {maxshape && (
          <>
            <dt>Max shape</dt>
            <dd>{maxshape}</dd>
          </>
        )}
        <dt>Type</dt>
        <dd>
          {info.dtype.description}
          <span className="muted">
            {' '}
            ({info.dtype.size} byte{info.dtype.size === 1 ? '' : 's'} each
            {info.dtype.littleEndian === false ? ', big-endian' : ''})
          </span>
        </dd>
        <dt>Layout</dt>
        <dd>{info.chunks ? `chunked ${formatShape(info.chunks)}` : 'contiguous or compact'}</dd>
        <dt>Filters</dt>
        <dd>
          {info.filters.length ? info.filters.map((f) => `${f.name} (${f.id})`).join(', ') : 'none'}
        </dd>
        <dt>Stored size</dt>
        <dd>
          {formatBytes(info.storedBytes)}
          {ratio !== null && <span className="muted"> — compressed {ratio.toFixed(1)}×</span>}
        </dd>
        <dt>In memory</dt>
        <dd>{formatBytes(info.memoryBytes)}</dd>
      </dl>
    </section>
  );
}
