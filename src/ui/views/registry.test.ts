import { describe, expect, it } from 'vitest';
import { viewsFor } from './registry';

const info = {
  path: '/d',
  shape: [3],
  maxshape: [3],
  dtype: { class: 'float' as const, size: 8, description: 'float64' },
  chunks: null,
  filters: [],
  storedBytes: 24,
  memoryBytes: 24,
  elementCount: 3,
};

describe('view registry', () => {
  it('shows attributes only for groups', () => {
    expect(viewsFor({ kind: 'group', neurodataType: 'Units' }).map((v) => v.id)).toEqual([
      'attributes',
    ]);
  });

  it('shows the dataset views around the attributes for datasets', () => {
    expect(viewsFor({ kind: 'dataset', info }).map((v) => v.id)).toEqual([
      'dataset-summary',
      'attributes',
      'dataset-values',
    ]);
  });
});
