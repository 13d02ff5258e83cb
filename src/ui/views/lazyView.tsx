/**
 * A view whose code loads when it is first shown (the info pane shows a line meanwhile, from its
 * Suspense). The file view's own chunk then holds the tree, the info pane and the generic views
 * only, so the first tree does not wait for every NWB view (and the table library) to load,
 * compile and evaluate. A load that fails (the network is down, or the app was updated on the
 * server and the old file is gone) fails the view's pane, whose Retry loads it again.
 */
import { lazy, type ComponentType } from 'react';
import { asExplorerError, ExplorerError } from '../../errors';
import { undoableError } from '../errors/undoableError';
import type { ViewProps } from './types';

export function lazyView(load: () => Promise<ComponentType<ViewProps>>): ComponentType<ViewProps> {
  const fresh = () =>
    lazy(() =>
      load().then(
        (component) => ({ default: component }),
        (cause: unknown) => {
          const error = new ExplorerError(
            'network',
            `This view's code did not load (${asExplorerError(cause).message}). ` +
              'Retry, or reload the page if the app was updated meanwhile.',
            { cause },
          );
          // Kept failed until the pane's Retry: a new load then, not one per render.
          throw undoableError(error, () => (View = fresh()));
        },
      ),
    );
  let View = fresh();
  return function LazyView(props: ViewProps) {
    return <View {...props} />;
  };
}
