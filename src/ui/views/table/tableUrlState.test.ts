import { describe, expect, it } from 'vitest';
import { formatTableState, parseTableState } from './tableUrlState';

describe('table address state', () => {
  it('round-trips sort, filters and columns beside the app keys', () => {
    const state = {
      query: {
        sort: { column: 'firing rate', desc: true },
        filters: [
          { column: 'quality', op: '=' as const, value: 'good~ish & more' },
          { column: 'depth', op: '>=' as const, value: '100' },
        ],
      },
      columns: ['quality', 'depth'],
    };
    const search = formatTableState('?url=https://x/y.nwb&path=/units', state);
    expect(search).toContain('url=https://x/y.nwb');
    expect(search).toContain('path=/units');
    expect(parseTableState(search)).toEqual(state);
  });

  it('drops filters with an unknown operator and keeps the default columns', () => {
    const parsed = parseTableState('?filter=a~like~b&filter=c~<~3');
    expect(parsed.query.filters).toEqual([{ column: 'c', op: '<', value: '3' }]);
    expect(parsed.columns).toBeNull();
    expect(
      formatTableState('?path=/t&sort=x', { query: { filters: [], sort: null }, columns: null }),
    ).toBe('?path=/t');
  });
});
