/**
 * One failure, explained from its ExplorerError code, with Retry (or Reopen) where it can help.
 * A file that changed is cured only by reopening the whole file: where the app says how
 * (ReopenFileContext), the button loads the new version instead of retrying the read.
 */
import { useContext } from 'react';
import { asExplorerError } from '../../errors';
import { ERROR_TEXT } from './errorText';
import { ReopenFileContext } from './ReopenFileContext';

export interface ErrorMessageProps {
  error: unknown;
  /** What was being done, e.g. "Opening sample.nwb" or "Listing /acquisition". */
  context?: string;
  onRetry?: () => void;
  /** Compact form for inline use (a tree node). */
  inline?: boolean;
}

export function ErrorMessage({ error, context, onRetry, inline }: ErrorMessageProps) {
  const e = asExplorerError(error);
  const text = ERROR_TEXT[e.code] ?? ERROR_TEXT.internal;
  const reopenFile = useContext(ReopenFileContext);
  const className = [
    'error-message',
    inline ? 'error-message--inline' : '',
    text.warning ? 'error-message--warning' : '',
  ]
    .filter(Boolean)
    .join(' ');
  // The library's own message adds detail (a status code, a filter name) unless it says nothing new.
  const same = (a: string, b: string) =>
    a.replace(/[.\s]+$/, '').toLowerCase() === b.replace(/[.\s]+$/, '').toLowerCase();
  const detail = e.message && !same(e.message, text.title) ? e.message : null;
  return (
    <div className={className} role={text.warning ? 'status' : 'alert'} data-error-code={e.code}>
      <strong className="error-message__title">
        {context ? `${context}: ` : ''}
        {text.title}
      </strong>
      {detail && <span className="error-message__detail"> {detail}</span>}
      {!inline && text.hint && <p className="error-message__hint">{text.hint}</p>}
      {text.reopen && reopenFile ? (
        <button type="button" className="button button--small" onClick={reopenFile}>
          Load the new version
        </button>
      ) : (
        onRetry &&
        text.retry && (
          <button type="button" className="button button--small" onClick={onRetry}>
            {text.reopen ? 'Reopen' : 'Retry'}
          </button>
        )
      )}
    </div>
  );
}
