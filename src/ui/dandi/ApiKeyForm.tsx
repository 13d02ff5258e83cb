/**
 * Where the user pastes a DANDI API key for an embargoed dandiset. The key stays in memory for
 * this tab unless "remember" is ticked; it is sent to the DANDI API only, never to storage
 * buckets or other hosts.
 */
import { useState, type FormEvent } from 'react';
import type { ApiKeyState } from './useDandiClient';

export interface ApiKeyFormProps {
  apiKey: ApiKeyState;
  /** Host of the API the key is for (shown so the user knows where it goes). */
  apiHost: string;
  /** What the server said: a key is needed, or the key was refused. */
  message: string;
}

export function ApiKeyForm({ apiKey, apiHost, message }: ApiKeyFormProps) {
  const [text, setText] = useState('');
  const [remember, setRemember] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (text.trim()) apiKey.set(text, remember);
    setText('');
  };

  return (
    <section className="card dandi-key" aria-labelledby="dandi-key-title">
      <h2 id="dandi-key-title">An API key is needed</h2>
      <p role="alert" className="error-text" data-testid="dandi-auth-message">
        {message}
      </p>
      <p className="muted">
        Find your key on your DANDI account page. It is sent only to {apiHost}, kept in memory for
        this tab, and stored in this browser only if you tick “remember”.
      </p>
      <form onSubmit={submit} className="inline-form">
        <input
          type="password"
          autoComplete="off"
          spellCheck={false}
          placeholder="DANDI API key"
          aria-label="DANDI API key"
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <label className="dandi-key__remember">
          <input
            type="checkbox"
            checked={remember}
            onChange={(e) => setRemember(e.target.checked)}
          />{' '}
          remember
        </label>
        <button type="submit" className="button" disabled={!text.trim()}>
          Use key
        </button>
      </form>
      {apiKey.key && (
        <p className="muted">
          A key is set{apiKey.remembered ? ' and remembered' : ''}.{' '}
          <button type="button" className="link-button" onClick={apiKey.clear}>
            Forget it
          </button>
        </p>
      )}
    </section>
  );
}
