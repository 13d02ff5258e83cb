/**
 * Where the DANDI browser goes. It is built separately (src/ui/dandi); until its module exists the
 * slot shows a placeholder. import.meta.glob resolves to nothing when the file is absent, so the
 * app builds either way.
 */
import { lazy, Suspense, type ComponentType } from 'react';
import type { SourceDescriptor } from './sourceDescriptor';
import type { AppLocation } from './location';

export interface DandiBrowserProps {
  location: Extract<AppLocation, { view: 'dandi' }>;
  onNavigate(location: AppLocation): void;
  onOpenAsset(source: SourceDescriptor, displayName: string): void;
}

const modules = import.meta.glob<{ DandiBrowser: ComponentType<DandiBrowserProps> }>(
  '../ui/dandi/DandiBrowser.tsx',
);
const loadDandi = Object.values(modules)[0];
const LazyDandiBrowser = loadDandi
  ? lazy(() => loadDandi().then((m) => ({ default: m.DandiBrowser })))
  : null;

export function DandiSlot(props: DandiBrowserProps & { onHome(): void }) {
  const { onHome, ...browserProps } = props;
  if (!LazyDandiBrowser) {
    return (
      <main className="centered-panel">
        <h1>Dandiset {props.location.dandiset}</h1>
        <p>DANDI browsing is not available in this build yet.</p>
        <button type="button" className="button button--secondary" onClick={onHome}>
          Back to the start
        </button>
      </main>
    );
  }
  return (
    <Suspense fallback={<p className="centered-panel muted">Loading the DANDI browser…</p>}>
      <LazyDandiBrowser {...browserProps} />
    </Suspense>
  );
}
