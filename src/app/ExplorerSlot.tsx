/**
 * Where an open file's view goes. It is loaded on demand, so the opening screen's script stays
 * small: loading starts as soon as a file starts opening (loadExplorerView), and until it is
 * there the opening view stays up, as it would while the file opens.
 *
 * Not React.lazy under Suspense: a lazy component suspends on its first render even when its code
 * is already loaded, and React 19 holds a suspended boundary's content back until 300 ms after
 * its fallback showed. A link's file view, whose code loads while the file opens, would paint
 * up to 0.3 s late for nothing. Here a loaded view renders at once, and one still loading is a
 * plain state update away.
 */
import { useEffect, useState, type ReactNode } from 'react';
import type { ExplorerViewProps } from '../ui/explorer/ExplorerView';
import { explorerViewModule, loadExplorerView } from './explorerViewLoader';

export function ExplorerSlot({ fallback, ...props }: ExplorerViewProps & { fallback: ReactNode }) {
  const [view, setView] = useState(explorerViewModule);
  const [failed, setFailed] = useState<unknown>(null);
  useEffect(() => {
    if (view) return;
    let left = false;
    loadExplorerView().then(
      (m) => !left && setView(m),
      (error: unknown) => !left && setFailed(error ?? new Error('The file view did not load.')),
    );
    return () => {
      left = true;
    };
  }, [view]);
  // A chunk that failed to load goes to the nearest error boundary, as React.lazy's would.
  if (failed) throw failed;
  if (!view) return <>{fallback}</>;
  const { ExplorerView } = view;
  return <ExplorerView {...props} />;
}
