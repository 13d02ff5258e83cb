/**
 * Where the DANDI browser goes. It is built separately (src/ui/dandi) and loaded on demand, so the
 * opening screen and the explorer do not pay for it.
 */
import { lazy, Suspense } from 'react';
import type { DandiBrowserProps } from '../ui/dandi/DandiBrowser';

const DandiBrowser = lazy(() =>
  import('../ui/dandi/DandiBrowser').then((m) => ({ default: m.DandiBrowser })),
);

export function DandiSlot(props: DandiBrowserProps) {
  return (
    <Suspense fallback={<p className="centered-panel muted">Loading the DANDI browser…</p>}>
      <DandiBrowser {...props} />
    </Suspense>
  );
}
