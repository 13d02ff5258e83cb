import { isA } from '../../../nwb/types';
import type { ViewDefinition } from '../types';
import { lazyView } from '../lazyView';

export const tableView: ViewDefinition = {
  id: 'table',
  label: 'Table',
  canShow: (ctx) => ctx.kind === 'group' && isA(ctx.nwbType, 'DynamicTable'),
  component: lazyView(() => import('./TableView').then((m) => m.TableView)),
};
