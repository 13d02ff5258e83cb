import { describe, expect, it } from 'vitest';
import type { ChildEntry } from '../../reader/contract';
import { ancestorsOf, flattenTree, isExpandable, parentOf, type Listing } from './treeModel';

const root: ChildEntry = { name: 'f.nwb', path: '/', kind: 'group' };
const group = (path: string): ChildEntry => ({
  name: path.split('/').pop() ?? '',
  path,
  kind: 'group',
});

describe('tree model', () => {
  it('lists ancestors and parents', () => {
    expect(ancestorsOf('/a/b c/d')).toEqual(['/', '/a', '/a/b c']);
    expect(ancestorsOf('/')).toEqual([]);
    expect(parentOf('/a')).toBe('/');
    expect(parentOf('/a/b')).toBe('/a');
    expect(parentOf('/')).toBeNull();
  });

  it('expands only links followed to a group', () => {
    expect(
      isExpandable({
        name: 'l',
        path: '/l',
        kind: 'soft-link',
        link: { target: '/x', resolved: true, targetKind: 'group' },
      }),
    ).toBe(true);
    expect(
      isExpandable({
        name: 'l',
        path: '/l',
        kind: 'external-link',
        link: { target: '/x', file: 'o.nwb', resolved: false },
      }),
    ).toBe(false);
    expect(isExpandable({ name: 'd', path: '/d', kind: 'dataset' })).toBe(false);
  });

  it('flattens expanded levels with aria positions, errors and paging', () => {
    const children = Array.from({ length: 5 }, (_, i) => group(`/g${i}`));
    const listings = new Map<string, Listing>([
      ['/', { status: 'loaded', children }],
      ['/g0', { status: 'error', error: new Error('boom') }],
      ['/g1', { status: 'loaded', children: [] }],
    ]);
    const rows = flattenTree(root, {
      listings,
      expanded: new Set(['/', '/g0', '/g1']),
      shown: new Map([['/', 3]]),
    });
    expect(rows.map((r) => r.type)).toEqual([
      'node',
      'node',
      'error',
      'node',
      'empty',
      'node',
      'more',
    ]);
    const third = rows[5];
    expect(third.type === 'node' && [third.level, third.posinset, third.setsize]).toEqual([
      2, 3, 5,
    ]);
    const more = rows[6];
    expect(more.type === 'more' && more.remaining).toBe(2);
  });
});
