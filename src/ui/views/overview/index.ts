import { isA } from '../../../nwb/types';
import type { ViewDefinition } from '../types';
import { lazyView } from '../lazyView';

export const sessionOverviewView: ViewDefinition = {
  id: 'session-overview',
  label: 'Session',
  canShow: (ctx) => isA(ctx.nwbType, 'NWBFile'),
  component: lazyView(() => import('./SessionOverview').then((m) => m.SessionOverview)),
};
