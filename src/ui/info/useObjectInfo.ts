/**
 * Everything the info pane shows about one object: its kind (links followed), its attributes and,
 * for a dataset, its description. Each is one shared query (ui/data), so a view that asks for the
 * same attributes or description gets them from the cache, and leaving the object aborts its reads.
 */
import { useCallback } from 'react';
import type { AttributeInfo, DatasetInfo } from '../../reader/contract';
import type { ExplorerError } from '../../errors';
import type { AsyncState } from '../data/useAsync';
import { useAttributes, useDatasetInfo, useObjectKind } from '../data/readerQueries';

export type ObjectKind = 'group' | 'dataset' | 'datatype';

export type ObjectInfo =
  | { status: 'loading' }
  | { status: 'missing' }
  | { status: 'error'; error: ExplorerError }
  | {
      status: 'loaded';
      kind: ObjectKind;
      attributes: AttributeInfo[];
      dataset: DatasetInfo | null;
    };

export function useObjectInfo(path: string): { info: ObjectInfo; retry(): void } {
  const kind = useObjectKind(path);
  const known = kind.status === 'ok' ? kind.data : undefined;
  // The attributes and the description wait for the kind: a missing object has neither.
  const attributes = useAttributes(known ? path : null);
  const dataset = useDatasetInfo(known === 'dataset' ? path : null);

  const { retry: retryKind } = kind;
  const { retry: retryAttributes } = attributes;
  const { retry: retryDataset } = dataset;
  const failedKind = kind.status === 'error';
  const failedAttributes = attributes.status === 'error';
  const failedDataset = dataset.status === 'error';
  // Retry asks again only for what failed; what was read stays in the cache.
  const retry = useCallback(() => {
    if (failedKind) retryKind();
    if (failedAttributes) retryAttributes();
    if (failedDataset) retryDataset();
  }, [failedKind, failedAttributes, failedDataset, retryKind, retryAttributes, retryDataset]);

  return { info: combineObjectInfo(kind, attributes, dataset), retry };
}

/** The three reads as one state: an error first, then missing, loading, loaded. */
export function combineObjectInfo(
  kind: AsyncState<ObjectKind | null>,
  attributes: AsyncState<AttributeInfo[]>,
  dataset: AsyncState<DatasetInfo>,
): ObjectInfo {
  for (const part of [kind, attributes, dataset]) {
    if (part.status === 'error') return { status: 'error', error: part.error };
  }
  if (kind.status !== 'ok') return { status: 'loading' };
  if (kind.data === null) return { status: 'missing' };
  if (attributes.status !== 'ok') return { status: 'loading' };
  if (kind.data !== 'dataset') {
    return { status: 'loaded', kind: kind.data, attributes: attributes.data, dataset: null };
  }
  if (dataset.status !== 'ok') return { status: 'loading' };
  return { status: 'loaded', kind: kind.data, attributes: attributes.data, dataset: dataset.data };
}
