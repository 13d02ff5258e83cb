/**
 * Everything the info pane shows about one object: its kind (links followed), its attributes and,
 * for a dataset, its description. Results for a path that is no longer selected are dropped.
 */
import { useCallback, useEffect, useState } from 'react';
import type { AttributeInfo, DataReader, DatasetInfo } from '../../reader/contract';

export type ObjectKind = 'group' | 'dataset' | 'datatype';

export type ObjectInfo =
  | { status: 'loading' }
  | { status: 'missing' }
  | { status: 'error'; error: unknown }
  | {
      status: 'loaded';
      kind: ObjectKind;
      attributes: AttributeInfo[];
      dataset: DatasetInfo | null;
    };

export function useObjectInfo(
  reader: DataReader,
  path: string,
): { info: ObjectInfo; retry(): void } {
  const [state, setState] = useState<{ key: string; info: ObjectInfo }>({
    key: '',
    info: { status: 'loading' },
  });
  const [attempt, setAttempt] = useState(0);
  const key = `${attempt}:${path}`;

  useEffect(() => {
    let stale = false;
    const settle = (info: ObjectInfo) => {
      if (!stale) setState({ key, info });
    };
    (async () => {
      const kind = await reader.getKind(path);
      if (kind === null) return settle({ status: 'missing' });
      const [attributes, dataset] = await Promise.all([
        reader.getAttributes(path),
        kind === 'dataset' ? reader.describeDataset(path) : Promise.resolve(null),
      ]);
      settle({ status: 'loaded', kind, attributes, dataset });
    })().catch((error: unknown) => settle({ status: 'error', error }));
    return () => {
      stale = true;
    };
  }, [reader, path, key]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  // Until the effect for the current path settles, show loading rather than the previous object.
  return { info: state.key === key ? state.info : { status: 'loading' }, retry };
}
