/**
 * Where the across-files view goes: loaded on demand (with DuckDB later still, on the first
 * query), so the opening screen's script does not grow. Files open through the app's client.
 */
import { lazy, Suspense, useCallback } from 'react';
import type { AppLocation } from '../links/location';
import type { SourceDescriptor } from '../links/sourceDescriptor';
import type { ExplorerClient } from '../workers/ExplorerClient';

const AcrossView = lazy(() => import('../ui/across').then((m) => ({ default: m.AcrossView })));

export function AcrossSlot(props: {
  client: ExplorerClient;
  location: Extract<AppLocation, { view: 'across' }>;
  apiBase: string | undefined;
  onNavigate(location: AppLocation, options?: { replace?: boolean }): void;
}) {
  const { client } = props;
  const openSource = useCallback(
    async (source: SourceDescriptor, signal?: AbortSignal) =>
      (await client.open(source, signal ? { signal } : {})).reader,
    [client],
  );
  return (
    <Suspense fallback={<p className="centered-panel muted">Loading the across-files view…</p>}>
      <AcrossView
        location={props.location}
        apiBase={props.apiBase}
        onNavigate={props.onNavigate}
        openSource={openSource}
        client={client}
      />
    </Suspense>
  );
}
