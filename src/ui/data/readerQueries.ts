/** The reads nearly every pane needs, under one key each so panes share them. */
import type { AttributeInfo, ChildEntry, DatasetInfo, DataReader } from '../../reader/contract';
import { NEURODATA_ATTRS } from '../../nwb/attrs';
import type { ReaderMethod } from '../../reader/methods';
import { answerNow } from '../../reader/storedAnswers';
import type { AsyncState } from './useAsync';
import { useReaderQuery } from './useReaderQuery';

type Query<T> = AsyncState<T> & { retry(): void };

/**
 * The answer to this call that the reader can tell at once (a return visit's kept answers), for
 * useReaderQuery's `now`: the info pane's first render shows the object, not a loading frame and
 * a render per answer after it.
 */
export function knownNow<T>(
  method: ReaderMethod,
  args: readonly unknown[],
): (reader: DataReader) => { value: T } | undefined {
  return (reader) => answerNow(reader, method, args) as { value: T } | undefined;
}

export function useObjectKind(path: string | null): Query<'group' | 'dataset' | 'datatype' | null> {
  return useReaderQuery(
    path === null ? null : `kind:${path}`,
    (reader, signal) => reader.getKind(path as string, { signal }),
    knownNow('getKind', [path]),
  );
}

export function useAttributes(path: string | null): Query<AttributeInfo[]> {
  return useReaderQuery(
    path === null ? null : `attrs:${path}`,
    (reader, signal) => reader.getAttributes(path as string, { signal }),
    knownNow('getAttributes', [path]),
  );
}

export function useDatasetInfo(path: string | null): Query<DatasetInfo> {
  return useReaderQuery(
    path === null ? null : `info:${path}`,
    (reader, signal) => reader.describeDataset(path as string, { signal }),
    knownNow('describeDataset', [path]),
  );
}

/** A group's children as the tree lists them: with the NWB type attributes of each child. */
export const childrenKey = (path: string) => `children:${path}`;

export function listChildrenWithTypes(
  path: string,
): (reader: DataReader, signal: AbortSignal) => Promise<ChildEntry[]> {
  return (reader, signal) => reader.listChildren(path, { attrs: [...NEURODATA_ATTRS], signal });
}

/**
 * A group's children as `listChildrenWithTypes` reads them, when the reader knows them at once (a
 * return visit's kept answers): the tree's first render can show them.
 */
export function childrenKnownNow(reader: DataReader, path: string): ChildEntry[] | undefined {
  const known = knownNow<ChildEntry[]>('listChildren', [path, { attrs: [...NEURODATA_ATTRS] }]);
  return known(reader)?.value;
}
