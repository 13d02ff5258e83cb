/** A file that could not be opened: the reason, Retry (or Reopen), and a way back. */
import { ErrorMessage } from '../errors/ErrorMessage';

export function OpenFailedView({
  name,
  error,
  onRetry,
  onBack,
}: {
  name: string;
  error: unknown;
  onRetry(): void;
  onBack(): void;
}) {
  return (
    <main className="centered-panel">
      <ErrorMessage error={error} context={`Could not open ${name}`} onRetry={onRetry} />
      <button type="button" className="button button--secondary" onClick={onBack}>
        Back to the start
      </button>
    </main>
  );
}
