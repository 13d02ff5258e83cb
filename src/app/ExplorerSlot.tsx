/**
 * Where an open file's view goes. It is loaded on demand, so the opening screen's script stays
 * small: loading starts as soon as a file starts opening (loadExplorerView), and until it is
 * there the opening view stays up, as it would while the file opens.
 */
import { lazy, Suspense, type ReactNode } from 'react';
import type { ExplorerViewProps } from '../ui/explorer/ExplorerView';

let loading: Promise<typeof import('../ui/explorer/ExplorerView')> | null = null;

/** Starts loading the file view's code (once); opening a file calls it so both run together. */
export function loadExplorerView() {
  loading ??= import('../ui/explorer/ExplorerView');
  return loading;
}

const ExplorerView = lazy(() => loadExplorerView().then((m) => ({ default: m.ExplorerView })));

export function ExplorerSlot({ fallback, ...props }: ExplorerViewProps & { fallback: ReactNode }) {
  return (
    <Suspense fallback={fallback}>
      <ExplorerView {...props} />
    </Suspense>
  );
}
