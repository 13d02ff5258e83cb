/** The bottom line: network and cache counters, what is being read now, the bridge, progress. */
import type { BridgeMode, ClientStats } from '../clientTypes';
import { formatBytes, formatCount } from '../format/bytes';
import type { Activity } from './ActivityContext';

const BRIDGE_TEXT: Record<BridgeMode, { label: string; title: string }> = {
  'shared-memory': {
    label: 'Synchronous bridge (shared memory)',
    title: 'The HDF5 worker waits on SharedArrayBuffer while a fetcher worker loads blocks.',
  },
  'retry-on-miss': {
    label: 'Retry-on-miss bridge',
    title:
      'This page is not cross-origin isolated (or bridge=retry was asked for): a read of a missing block is retried once the block has arrived.',
  },
};

export interface StatusBarProps {
  stats: ClientStats;
  activity: Activity | null;
  onClearCache?(): void;
  /** Reopens the open file, reading its new version; absent when no file is open. */
  onLoadNewVersion?(): void;
}

export function StatusBar({ stats, activity, onClearCache, onLoadNewVersion }: StatusBarProps) {
  const bridge = BRIDGE_TEXT[stats.bridge];
  const percent =
    activity?.total && activity.done !== undefined
      ? Math.floor((activity.done / activity.total) * 100)
      : null;
  return (
    // Live figures: a picture of the view kept for the next visit leaves them out
    // (src/offline/viewSnapshot.ts), and their changes do not keep the view from settling.
    <footer className="status-bar" aria-label="Status" data-snapshot-skip="">
      <span data-stat="requests" title="Network requests started, retries included">
        {formatCount(stats.requests)} requests
        {stats.retries > 0 && ` (${formatCount(stats.retries)} retries)`}
      </span>
      <span data-stat="fetched" title="Bytes received from the network">
        {formatBytes(stats.bytesFetched)} fetched
      </span>
      <span data-stat="cache" title="Bytes served from IndexedDB + from memory">
        {formatBytes(stats.bytesFromPersistent + stats.bytesFromMemory)} from cache{' '}
        <span className="muted">
          ({formatBytes(stats.bytesFromPersistent)} stored, {formatBytes(stats.bytesFromMemory)}{' '}
          memory)
        </span>
      </span>
      <span className="status-bar__current" data-stat="current" aria-live="polite">
        {stats.current ?? (stats.inFlight > 0 ? `${stats.inFlight} in flight` : 'idle')}
      </span>
      {activity && (
        <span className="status-bar__activity">
          {activity.label}
          {percent !== null && (
            <>
              {' '}
              <progress value={percent} max={100} aria-label={activity.label} /> {percent}%
            </>
          )}
        </span>
      )}
      {stats.outOfDate && stats.outOfDate.length > 0 && (
        <span className="status-bar__out-of-date" role="status">
          <span
            className="status-bar__warning"
            title={stats.outOfDate.map((file) => file.detail).join('\n')}
          >
            ⚠ {stats.outOfDate.map((file) => file.name).join(', ')} changed on the server; what is
            shown was read before.
            {!onLoadNewVersion && ' Reload the page to read the new version.'}
          </span>
          {onLoadNewVersion && (
            <button type="button" className="button button--small" onClick={onLoadNewVersion}>
              Load the new version
            </button>
          )}
        </span>
      )}
      {stats.warnings && stats.warnings.length > 0 && (
        <span className="status-bar__warning" role="status" title={stats.warnings.join('\n')}>
          ⚠ {stats.warnings[stats.warnings.length - 1]}
        </span>
      )}
      <span className="status-bar__spacer" />
      <span data-stat="bridge" title={bridge.title}>
        {bridge.label}
      </span>
      {onClearCache && (
        <button type="button" className="link-button" onClick={onClearCache}>
          Clear cache
        </button>
      )}
    </footer>
  );
}
