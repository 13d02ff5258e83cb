import { isA } from '../../../nwb/types';
import type { ViewDefinition } from '../types';
import { SessionOverview } from './SessionOverview';

export const sessionOverviewView: ViewDefinition = {
  id: 'session-overview',
  label: 'Session',
  canShow: (ctx) => isA(ctx.nwbType, 'NWBFile'),
  component: SessionOverview,
};
