import { describe, expect, it } from 'vitest';
import { ExplorerError } from '../../errors';
import type { AttributeInfo, DatasetInfo } from '../../reader/contract';
import { combineObjectInfo } from './useObjectInfo';

const idle = { status: 'idle' } as const;
const loading = { status: 'loading' } as const;
const ok = <T>(data: T) => ({ status: 'ok', data }) as const;
const attrs: AttributeInfo[] = [];
const dataset = { elementCount: 1 } as DatasetInfo;

describe('combineObjectInfo', () => {
  it('is loading until the kind, then the attributes (and a dataset description) are read', () => {
    expect(combineObjectInfo(loading, idle, idle)).toEqual({ status: 'loading' });
    expect(combineObjectInfo(ok('group'), loading, idle)).toEqual({ status: 'loading' });
    expect(combineObjectInfo(ok('dataset'), ok(attrs), loading)).toEqual({ status: 'loading' });
  });

  it('says missing when the kind is null, without waiting for anything else', () => {
    expect(combineObjectInfo(ok(null), idle, idle)).toEqual({ status: 'missing' });
  });

  it('loads a group without a description and a dataset with one', () => {
    expect(combineObjectInfo(ok('group'), ok(attrs), idle)).toEqual({
      status: 'loaded',
      kind: 'group',
      attributes: attrs,
      dataset: null,
    });
    expect(combineObjectInfo(ok('dataset'), ok(attrs), ok(dataset))).toMatchObject({
      status: 'loaded',
      dataset,
    });
  });

  it('reports the first failure', () => {
    const error = new ExplorerError('network', 'down');
    expect(combineObjectInfo(ok('dataset'), ok(attrs), { status: 'error', error })).toEqual({
      status: 'error',
      error,
    });
  });
});
