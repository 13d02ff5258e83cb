/** The time-series pane for a TimeSeries group of any subtype (frames of image series excepted). */
import { isA } from '../../../nwb/types';
import type { ViewContext, ViewDefinition } from '../types';
import { lazyView } from '../lazyView';

export function showsAsTimeSeries(ctx: ViewContext): boolean {
  return ctx.kind === 'group' && isA(ctx.nwbType, 'TimeSeries') && !isA(ctx.nwbType, 'ImageSeries');
}

export const timeSeriesView: ViewDefinition = {
  id: 'time-series',
  label: 'Time series',
  canShow: showsAsTimeSeries,
  component: lazyView(() => import('./TimeSeriesView').then((m) => m.TimeSeriesView)),
};
