import { describe, expect, it } from 'vitest';
import { formatUrlState, parseUrlState } from './urlState';
import type { AppLocation } from './location';

describe('across-files locations in the address', () => {
  it.each<AppLocation>([
    {
      view: 'across',
      dandiset: '000010',
      folder: 'sub-01',
      table: '/units',
      sql: "SELECT * FROM units WHERE quality = 'good' & 1",
    },
    {
      view: 'across',
      urls: ['https://a.org/x.nwb', 'https://b.org/y z.nwb'],
      table: '/intervals/trials',
    },
    { view: 'across', dandiset: '000010', version: 'draft', glob: '*ses-0?*.nwb' },
  ])('round-trips %o', (location) => {
    expect(parseUrlState(formatUrlState(location)).location).toEqual(location);
  });
});
