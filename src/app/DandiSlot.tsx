/**
 * Where the DANDI browser goes. It is built separately (src/ui/dandi) and loaded on demand, so the
 * opening screen and the explorer do not pay for it.
 */
import { lazy, Suspense } from 'react';
import type { DandiBrowserProps } from '../ui/dandi/DandiBrowser';
import type { DandiUrlOpeningProps } from '../ui/dandi/DandiUrlOpening';

const DandiBrowser = lazy(() =>
  import('../ui/dandi/DandiBrowser').then((m) => ({ default: m.DandiBrowser })),
);
const DandiUrlOpening = lazy(() =>
  import('../ui/dandi/DandiUrlOpening').then((m) => ({ default: m.DandiUrlOpening })),
);

export function DandiSlot(props: DandiBrowserProps) {
  return (
    <Suspense fallback={<p className="centered-panel muted">Loading the DANDI browser…</p>}>
      <DandiBrowser {...props} />
    </Suspense>
  );
}

/** A file URL that is a DANDI asset, resolved through the archive before it is opened. */
export function DandiUrlSlot(props: DandiUrlOpeningProps) {
  return (
    <Suspense fallback={<p className="centered-panel muted">Loading the DANDI browser…</p>}>
      <DandiUrlOpening {...props} />
    </Suspense>
  );
}
