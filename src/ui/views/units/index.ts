/** The units pane: a spike raster for any Units table (or extension of it). */
import { isA } from '../../../nwb/types';
import type { ViewDefinition } from '../types';
import { lazyView } from '../lazyView';

export const rasterView: ViewDefinition = {
  id: 'spike-raster',
  label: 'Spike raster',
  canShow: (ctx) => ctx.kind === 'group' && isA(ctx.nwbType, 'Units'),
  component: lazyView(() => import('./RasterView').then((m) => m.RasterView)),
};
