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

/** The text fields of a key set, in the order a cloud console shows them. */
const KEY_FIELDS: { name: TextKey; label: string; secret?: boolean; placeholder?: string }[] = [
  { name: 'accessKeyId', label: 'Access key ID' },
  { name: 'secretAccessKey', label: 'Secret access key', secret: true },
  { name: 'sessionToken', label: 'Session token (temporary keys)', secret: true },
  { name: 'region', label: 'Region (found by itself when empty)', placeholder: 'us-east-1' },
];

type TextKey = 'accessKeyId' | 'secretAccessKey' | 'sessionToken' | 'region';

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
  const key = (name: TextKey) => (text: string) =>
    update({ ...value, keys: { ...value.keys, [name]: text.trim() || undefined } });

  return (
    <details className="s3-keys">
      <summary>Private S3 bucket…</summary>
      <div className="s3-keys__grid">
        {KEY_FIELDS.map((field) => (
          <label key={field.name}>
            {field.label}
            <input
              type={field.secret ? 'password' : 'text'}
              autoComplete="off"
              placeholder={field.placeholder}
              value={value.keys[field.name] ?? ''}
              onChange={(e) => key(field.name)(e.target.value)}
            />
          </label>
        ))}
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
