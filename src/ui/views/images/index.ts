/**
 * The frame viewer: Image datasets, the Image datasets of an Images group are shown one by one
 * when selected, ImageSeries (TwoPhotonSeries...) groups, and the image masks of a
 * PlaneSegmentation.
 */
import { isImageMask } from '../../../nwb/frames';
import { isA } from '../../../nwb/types';
import type { ViewContext, ViewDefinition } from '../types';
import { lazyView } from '../lazyView';

function showsFrames(ctx: ViewContext): boolean {
  if (ctx.kind === 'group') return isA(ctx.nwbType, 'ImageSeries');
  if (ctx.kind !== 'dataset' || !ctx.info) return false;
  const dims = ctx.info.shape?.length ?? 0;
  if (isA(ctx.nwbType, 'Image')) return dims >= 2;
  return isImageMask(ctx.info.path) && dims === 3;
}

export const frameView: ViewDefinition = {
  id: 'frames',
  label: 'Frames',
  canShow: showsFrames,
  component: lazyView(() => import('./FrameViewer').then((m) => m.FrameView)),
};
