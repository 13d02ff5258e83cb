/** The generic dataset view: layout and sizes, a bounded preview, and the large-read action. */
import { DatasetSummary } from '../info/DatasetSummary';
import { ReadAllAction } from '../info/ReadAllAction';
import { ValuePreview } from '../info/ValuePreview';
import type { ViewProps } from './registry';

export function DatasetView({ reader, path, info, onNavigate, cancelReads }: ViewProps) {
  if (!info) return null;
  return (
    <>
      <DatasetSummary info={info} />
      <ValuePreview reader={reader} path={path} info={info} onNavigate={onNavigate} />
      <ReadAllAction reader={reader} path={path} info={info} cancelReads={cancelReads} />
    </>
  );
}
