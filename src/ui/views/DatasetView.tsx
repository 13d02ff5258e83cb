/** The generic dataset views: layout and sizes; then the values (bounded preview, large reads). */
import { DatasetSummary } from '../info/DatasetSummary';
import { ReadAllAction } from '../info/ReadAllAction';
import { ValuePreview } from '../info/ValuePreview';
import type { ViewProps } from './types';

export function DatasetSummaryView({ info }: ViewProps) {
  return info ? <DatasetSummary info={info} /> : null;
}

export function DatasetValuesView({ path, info, onNavigate }: ViewProps) {
  if (!info) return null;
  return (
    <>
      <ValuePreview path={path} info={info} onNavigate={onNavigate} />
      <ReadAllAction path={path} info={info} />
    </>
  );
}
