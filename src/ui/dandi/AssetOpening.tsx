/**
 * Shown while an asset named in the address bar is being resolved (a shared link, or a click),
 * and when it cannot be: an unknown asset, no access, the API down.
 */
import type { ResolvedAsset } from '../../dandi';
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
