/**
 * An error that knows what to undo before its pane's Retry renders again. React.lazy keeps a
 * failed load for good, so a view whose code did not load (ui/views/lazyView.tsx) would fail again
 * on every Retry; its error carries the reset, and PaneBoundary's Retry calls it first.
 */
const UNDO = Symbol('undo before retry');

type Undoable = Error & { [UNDO]?: () => void };

export function undoableError<E extends Error>(error: E, undo: () => void): E {
  (error as Undoable)[UNDO] = undo;
  return error;
}

/** Runs the error's undo, if it has one (once). */
export function undoBeforeRetry(error: unknown): void {
  if (!(error instanceof Error)) return;
  const undo = (error as Undoable)[UNDO];
  delete (error as Undoable)[UNDO];
  undo?.();
}
