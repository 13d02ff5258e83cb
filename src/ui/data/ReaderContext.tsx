/**
 * The open file for every pane below it: its reader, a key that names it, and the cache of reads
 * that the data hooks share. Views take a `path` and narrow props; they get the reader from here,
 * never as a prop passed down.
 */
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { DataReader } from '../../reader/contract';
import { QueryCache } from './queryCache';

export interface ReaderContextValue {
  reader: DataReader;
  /** Names the open file; part of every cache key so two files never share results. */
  fileKey: string;
  cache: QueryCache;
}

const ReaderContext = createContext<ReaderContextValue | null>(null);

export function ReaderProvider({
  reader,
  fileKey,
  children,
}: {
  reader: DataReader;
  fileKey: string;
  children: ReactNode;
}) {
  const value = useMemo(() => ({ reader, fileKey, cache: new QueryCache() }), [reader, fileKey]);
  return <ReaderContext.Provider value={value}>{children}</ReaderContext.Provider>;
}

export function useReaderContext(): ReaderContextValue {
  const value = useContext(ReaderContext);
  if (!value) throw new Error('useReaderContext needs a ReaderProvider above it.');
  return value;
}

export function useReader(): DataReader {
  return useReaderContext().reader;
}
