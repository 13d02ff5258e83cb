/** NWB meaning for the panes, read through the one data hook (cached per reader and path). */
import { resolveNwbType, type NwbType } from '../../nwb/types';
import type { AsyncState } from './useAsync';
import { useReaderQuery } from './useReaderQuery';

/** The neurodata type of the object at `path` (null when it names none). */
export function useNwbType(path: string | null): AsyncState<NwbType | null> & { retry(): void } {
  return useReaderQuery(path === null ? null : `nwb-type:${path}`, (reader, signal) =>
    resolveNwbType(reader, path as string, { signal }),
  );
}
