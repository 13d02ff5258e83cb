import { isA } from '../../../nwb/types';
import type { ViewDefinition } from '../types';
import { TableView } from './TableView';

export const tableView: ViewDefinition = {
  id: 'table',
  label: 'Table',
  canShow: (ctx) => ctx.kind === 'group' && isA(ctx.nwbType, 'DynamicTable'),
  component: TableView,
};
