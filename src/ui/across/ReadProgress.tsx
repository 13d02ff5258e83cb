/**
 * Progress of a read across files: files done of the total (a progress bar) and the bytes read
 * since the step began, from the loader's counters (network, and the caches). The counters are
 * the client's, shared by everything open; the difference from a snapshot taken when the step
 * began is this step's (nothing else reads while the across view is shown).
 */
import { formatBytes } from '../../common/formatBytes';
import type { ClientStats, ExplorerClient } from '../clientTypes';
import { useClientStats } from '../status/useClientStats';

export interface StepProgress {
  step: string;
  filesDone: number;
  filesTotal: number;
  /** The counters when the step began. */
  since: ClientStats;
}

export function ReadProgress(props: { client: ExplorerClient; progress: StepProgress }) {
  const { progress } = props;
  const now = useClientStats(props.client);
  const network = Math.max(0, now.bytesFetched - progress.since.bytesFetched);
  const cached = Math.max(
    0,
    now.bytesFromPersistent +
      now.bytesFromMemory -
      progress.since.bytesFromPersistent -
      progress.since.bytesFromMemory,
  );
  const requests = Math.max(0, now.requests - progress.since.requests);
  return (
    <div className="across__progress" role="status" aria-label="Progress">
      <progress max={progress.filesTotal || 1} value={progress.filesDone} aria-label="Files read" />
      <span>
        {progress.step}: {progress.filesDone} of {progress.filesTotal} files; {formatBytes(network)}{' '}
        read ({requests} {requests === 1 ? 'read' : 'reads'}), {formatBytes(cached)} from the cache…
      </span>
    </div>
  );
}
