/**
 * Which views can show the selected object, in order. The info pane asks the registry and renders
 * every view whose canShow accepts the object. NWB-specific views (tables, time series) register
 * here later, ahead of the generic ones.
 */
import type { ComponentType } from 'react';
import type { AttributeInfo, DataReader, DatasetInfo } from '../../reader/contract';
import type { ObjectKind } from '../info/useObjectInfo';
import { AttributesView } from './AttributesView';
import { DatasetSummaryView, DatasetValuesView } from './DatasetView';

export interface ViewContext {
  neurodataType?: string;
  kind: ObjectKind;
  info?: DatasetInfo;
}

export interface ViewProps {
  reader: DataReader;
  path: string;
  kind: ObjectKind;
  attributes: AttributeInfo[];
  info?: DatasetInfo;
  neurodataType?: string;
  /** Select another object (an object reference was clicked). */
  onNavigate(path: string): void;
  /** Aborts this file's network reads (a cancelled long read). */
  cancelReads(): void;
}

export interface ViewDefinition {
  id: string;
  label: string;
  canShow(ctx: ViewContext): boolean;
  component: ComponentType<ViewProps>;
}

const isDataset = (ctx: ViewContext) => ctx.kind === 'dataset' && ctx.info !== undefined;

/** Order matters: views render top to bottom in this order. */
export const views: ViewDefinition[] = [
  { id: 'dataset-summary', label: 'Dataset', canShow: isDataset, component: DatasetSummaryView },
  { id: 'attributes', label: 'Attributes', canShow: () => true, component: AttributesView },
  { id: 'dataset-values', label: 'Values', canShow: isDataset, component: DatasetValuesView },
];

export function viewsFor(ctx: ViewContext): ViewDefinition[] {
  return views.filter((view) => view.canShow(ctx));
}
