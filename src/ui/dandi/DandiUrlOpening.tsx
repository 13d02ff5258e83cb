/**
 * A file URL that is a DANDI asset (an API download or asset URL, as neurosift links carry them,
 * or an S3 blob of the archive's bucket), resolved through the archive before the reader opens
 * it: the asset's metadata gives its size and S3 URL in one request, and says whether it is
 * embargoed (then it is read through the API's download redirect, with the key). See
 * src/dandi/urlTarget.ts for why a plain read fails on the real archive.
 */
import { useEffect, useMemo, useRef } from 'react';
import type { SourceDescriptor } from '../../links/sourceDescriptor';
import { dandiUrlTarget, resolveBlobUrl, sourceOf } from '../../dandi';
import { useAsync } from '../data/useAsync';
import { ErrorMessage } from '../errors/ErrorMessage';
import { ApiKeyForm } from './ApiKeyForm';
import { baseName } from './assetKinds';
import { StaleKeyNotice } from './StaleKeyNotice';
import { dandiClientFor, resolveApiBase, useApiKey } from './useDandiClient';
import './dandi.css';

export interface DandiUrlOpeningProps {
  url: string;
  onOpenAsset(source: SourceDescriptor, displayName: string): void;
  onBack(): void;
}

interface Opened {
  source: SourceDescriptor;
  name: string;
}

export function DandiUrlOpening({ url, onOpenAsset, onBack }: DandiUrlOpeningProps) {
  const target = useMemo(() => dandiUrlTarget(url), [url]);
  // An API URL names its archive; the key of that archive is the one sent (to it alone).
  const apiBase = target?.kind === 'asset' ? target.apiBase : resolveApiBase(undefined);
  const client = dandiClientFor(apiBase);
  const apiKey = useApiKey(apiBase);

  const state = useAsync<Opened>(target ? `${url}|${apiKey.stamp}` : null, async (signal) => {
    if (!target) throw new Error('unreachable: no target');
    if (target.kind === 'blob') {
      return { source: await resolveBlobUrl(target.url, { signal }), name: target.blobId };
    }
    const scope = target.dandiset
      ? { dandiset: target.dandiset, ...(target.version ? { version: target.version } : {}) }
      : {};
    const resolved = await client.resolveAsset({ assetId: target.assetId, path: '' }, scope, {
      signal,
    });
    return { source: sourceOf(resolved), name: resolved.asset.path || target.assetId };
  });

  const opened = state.status === 'ok' ? state.data : null;
  const handedOver = useRef<Opened | null>(null);
  useEffect(() => {
    if (!opened || handedOver.current === opened) return;
    handedOver.current = opened;
    onOpenAsset(opened.source, opened.name);
  }, [opened, onOpenAsset]);

  const apiHost = new URL(apiBase).host;
  let body;
  if (state.status === 'error' && state.error.code === 'forbidden' && target?.kind === 'asset') {
    body = <ApiKeyForm apiKey={apiKey} apiHost={apiHost} message={state.error.message} />;
  } else if (state.status === 'error') {
    body = (
      <ErrorMessage
        error={state.error}
        context={`Opening ${baseName(url)}`}
        onRetry={state.retry}
      />
    );
  } else {
    body = (
      <p className="muted" role="status">
        Asking {target?.kind === 'blob' ? new URL(url).host : apiHost} where the bytes of this DANDI
        asset are…
      </p>
    );
  }
  return (
    <main className="dandi-page" data-testid="dandi-url-opening">
      <StaleKeyNotice apiKey={apiKey} apiHost={apiHost} />
      {body}
      <button type="button" className="button button--secondary" onClick={onBack}>
        Back to the start
      </button>
    </main>
  );
}
