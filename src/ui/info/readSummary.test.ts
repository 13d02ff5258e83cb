import { describe, expect, it } from 'vitest';
import { summarizeValues } from './readSummary';

describe('summarizeValues', () => {
  it('summarises numbers, skipping NaN', () => {
    expect(summarizeValues(Float32Array.from([1, NaN, 3]))).toEqual({
      count: 3,
      min: 1,
      max: 3,
      mean: 2,
      nanCount: 1,
    });
  });

  it('keeps BigInt extremes exact', () => {
    const s = summarizeValues(BigInt64Array.from([5n, 9007199254740993n]));
    expect(s?.max).toBe(9007199254740993n);
  });

  it('has nothing to say about non-numeric values', () => {
    expect(summarizeValues(['a', 'b'])).toBeNull();
  });
});
