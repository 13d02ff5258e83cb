/**
 * Keys for a private S3 (or S3-compatible) bucket, folded under the URL field. Nothing here is
 * sent anywhere: the keys go with the open request to the worker, which signs requests to the
 * bucket's endpoint only. They are kept for this tab, or on this device when "remember" is ticked.
 */
import { useState } from 'react';
import type { S3Credentials } from '../../links/sourceDescriptor';

export interface S3KeysValue {
  keys: S3Credentials;
  /** S3-compatible endpoint (path-style buckets); empty for AWS. */
  endpoint: string;
  remember: boolean;
}

export function S3KeysFields({ onChange }: { onChange(value: S3KeysValue | null): void }) {
  const [value, setValue] = useState<S3KeysValue>({
    keys: { accessKeyId: '', secretAccessKey: '' },
    endpoint: '',
    remember: false,
  });
  const update = (next: S3KeysValue) => {
    setValue(next);
    const complete = next.keys.accessKeyId.trim() && next.keys.secretAccessKey.trim();
    onChange(complete ? next : null);
  };
  const key = (name: keyof S3Credentials) => (text: string) =>
    update({ ...value, keys: { ...value.keys, [name]: text.trim() || undefined } });

  return (
    <details className="s3-keys">
      <summary>Private S3 bucket…</summary>
      <div className="s3-keys__grid">
        <label>
          Access key ID
          <input
            type="text"
            autoComplete="off"
            value={value.keys.accessKeyId ?? ''}
            onChange={(e) => key('accessKeyId')(e.target.value)}
          />
        </label>
        <label>
          Secret access key
          <input
            type="password"
            autoComplete="off"
            value={value.keys.secretAccessKey ?? ''}
            onChange={(e) => key('secretAccessKey')(e.target.value)}
          />
        </label>
        <label>
          Session token (temporary keys)
          <input
            type="password"
            autoComplete="off"
            value={value.keys.sessionToken ?? ''}
            onChange={(e) => key('sessionToken')(e.target.value)}
          />
        </label>
        <label>
          Region (found by itself when empty)
          <input
            type="text"
            placeholder="us-east-1"
            value={value.keys.region ?? ''}
            onChange={(e) => key('region')(e.target.value)}
          />
        </label>
        <label>
          Endpoint (S3-compatible services)
          <input
            type="text"
            inputMode="url"
            placeholder="https://s3.example.org"
            value={value.endpoint}
            onChange={(e) => update({ ...value, endpoint: e.target.value.trim() })}
          />
        </label>
        <label className="s3-keys__check">
          <input
            type="checkbox"
            checked={value.keys.requesterPays ?? false}
            onChange={(e) =>
              update({ ...value, keys: { ...value.keys, requesterPays: e.target.checked } })
            }
          />
          Requester pays (I pay for the transfer)
        </label>
        <label className="s3-keys__check">
          <input
            type="checkbox"
            checked={value.remember}
            onChange={(e) => update({ ...value, remember: e.target.checked })}
          />
          Remember these keys on this device
        </label>
      </div>
      <p className="muted">
        Keys are sent only to the bucket&apos;s endpoint, as request signatures; the address bar
        never holds them.
      </p>
    </details>
  );
}
