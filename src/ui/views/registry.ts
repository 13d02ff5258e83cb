/**
 * Which views can show the selected object, in order. The info pane asks the registry and renders
 * every view whose canShow accepts the object. NWB-specific views (tables, time series) register
 * here later, ahead of the generic ones.
 */
import type { ViewContext, ViewDefinition } from './types';
import { AttributesView } from './AttributesView';
import { DatasetSummaryView, DatasetValuesView } from './DatasetView';
import { sessionOverviewView } from './overview';
import { tableView } from './table';
import { timeSeriesView } from './timeseries';
import { rasterView } from './units';
import { frameView } from './images';

export type { ViewContext, ViewDefinition, ViewProps } from './types';

const isDataset = (ctx: ViewContext) => ctx.kind === 'dataset' && ctx.info !== undefined;

/** Order matters: views render top to bottom in this order. */
export const views: ViewDefinition[] = [
  sessionOverviewView,
  tableView,
  timeSeriesView,
  rasterView,
  frameView,
  { id: 'dataset-summary', label: 'Dataset', canShow: isDataset, component: DatasetSummaryView },
  { id: 'attributes', label: 'Attributes', canShow: () => true, component: AttributesView },
  { id: 'dataset-values', label: 'Values', canShow: isDataset, component: DatasetValuesView },
];

export function viewsFor(ctx: ViewContext): ViewDefinition[] {
  return views.filter((view) => view.canShow(ctx));
}
