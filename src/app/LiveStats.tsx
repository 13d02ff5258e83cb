/**
 * The two views that show the client's counters, each subscribed to them itself: a change of the
 * counters (several a second while a file loads) re-renders the status line or the opening view
 * alone, not the app and the open file's panes under it.
 */
import type { ExplorerClient } from '../ui/clientTypes';
import { OpeningView } from '../ui/explorer/OpeningView';
import type { Activity } from '../ui/status/ActivityContext';
import { StatusBar } from '../ui/status/StatusBar';
import { useClientStats } from '../ui/status/useClientStats';

export function LiveOpeningView({
  client,
  name,
  onCancel,
}: {
  client: ExplorerClient;
  name: string;
  onCancel(): void;
}) {
  const stats = useClientStats(client);
  return <OpeningView name={name} stats={stats} onCancel={onCancel} />;
}

export function LiveStatusBar({
  client,
  activity,
  onClearCache,
  onLoadNewVersion,
}: {
  client: ExplorerClient;
  activity: Activity | null;
  onClearCache(): void;
  onLoadNewVersion?(): void;
}) {
  const stats = useClientStats(client);
  return (
    <StatusBar
      stats={stats}
      activity={activity}
      onClearCache={onClearCache}
      onLoadNewVersion={onLoadNewVersion}
    />
  );
}
