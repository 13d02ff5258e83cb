/**
 * Shown while an asset named in the address bar is being resolved (a shared link, or a click),
 * and when it cannot be opened: a Zarr store (support is coming), an unknown asset, no access.
 */
import { sourceOrThrow, type ResolvedAsset } from '../../dandi';
import type { AsyncState } from '../data/useAsync';
import { ErrorMessage } from '../errors/ErrorMessage';

export interface AssetOpeningProps {
  name: string;
  state: AsyncState<ResolvedAsset>;
  onRetry(): void;
  onBack(): void;
}

export function AssetOpening({ name, state, onRetry, onBack }: AssetOpeningProps) {
  let body;
  if (state.status === 'error') {
    body = <ErrorMessage error={state.error} context={`Opening ${name}`} onRetry={onRetry} />;
  } else if (state.status === 'ok' && state.data.kind === 'zarr') {
    let message = '';
    try {
      sourceOrThrow(state.data);
    } catch (e) {
      message = e instanceof Error ? e.message : String(e);
    }
    body = (
      <div className="notice" role="status" data-testid="dandi-zarr-notice">
        <p>{message}</p>
        <p className="muted">
          Store: <code>{state.data.storeUrl}</code>
        </p>
      </div>
    );
  } else {
    body = (
      <p className="muted" role="status">
        Opening {name}…
      </p>
    );
  }
  return (
    <section className="dandi-opening" aria-label="Opening asset">
      {body}
      <button type="button" className="button button--secondary" onClick={onBack}>
        Back to the files
      </button>
    </section>
  );
}
