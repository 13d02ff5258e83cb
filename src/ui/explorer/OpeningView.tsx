/** While a file opens: what is being read, and a way out. */
import type { ClientStats } from '../clientTypes';
import { formatBytes } from '../format/bytes';

export function OpeningView({
  name,
  stats,
  onCancel,
}: {
  name: string;
  stats: ClientStats;
  onCancel(): void;
}) {
  return (
    <main className="centered-panel" aria-busy="true">
      <div className="spinner" aria-hidden="true" />
      <h1>Opening {name}…</h1>
      <p className="muted" aria-live="polite">
        {stats.current ?? 'Reading the file header'}
        {stats.bytesFetched > 0 && ` — ${formatBytes(stats.bytesFetched)} fetched so far`}
      </p>
      <button type="button" className="button button--secondary" onClick={onCancel}>
        Cancel
      </button>
    </main>
  );
}
