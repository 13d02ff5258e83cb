import { describe, expect, it } from 'vitest';
import type { RegionSelection } from '../../reader/contract';
import {
  formatNumber,
  formatRegionSelection,
  formatSelection,
  formatShape,
  formatValue,
} from './values';

describe('formatNumber', () => {
  it('keeps integers and BigInt exact', () => {
    expect(formatNumber(42)).toBe('42');
    expect(formatNumber(-7)).toBe('-7');
    expect(formatNumber(9007199254740993n)).toBe('9007199254740993');
  });

  it('rounds floats to 6 significant digits', () => {
    expect(formatNumber(Math.PI)).toBe('3.14159');
    expect(formatNumber(0.1 + 0.2)).toBe('0.3');
    expect(formatNumber(1.5e-7)).toBe('1.5e-7');
    expect(formatNumber(NaN)).toBe('NaN');
    expect(formatNumber(-Infinity)).toBe('-Infinity');
  });
});

describe('formatShape and formatSelection', () => {
  it('describe dimensions', () => {
    expect(formatShape([])).toBe('scalar');
    expect(formatShape(null)).toBe('null (no data)');
    expect(formatShape([1000, 384])).toBe('(1,000 × 384)');
    expect(
      formatSelection([
        { start: 0, stop: 10 },
        { start: 2, stop: 8, step: 2 },
      ]),
    ).toBe('[0:10, 2:8:2]');
  });
});

describe('formatValue', () => {
  it('formats scalars and references', () => {
    expect(formatValue('hello')).toBe('hello');
    expect(formatValue(null)).toBe('null');
    expect(formatValue(true)).toBe('true');
    expect(formatValue({ kind: 'object-ref', path: '/general/devices' })).toBe(
      '→ /general/devices',
    );
    expect(formatValue({ kind: 'object-ref', path: null })).toBe('→ (unresolved reference)');
  });

  it('shows what a region reference selects', () => {
    const blocks = { start: [0], end: [3] };
    const region = (selection: RegionSelection | null) =>
      formatValue({ kind: 'region-ref', path: '/units/spike_times', selection });
    expect(region({ kind: 'hyperslab', blocks: [blocks, { start: [8], end: [8] }] })).toBe(
      '→ region of /units/spike_times: 0–3, 8',
    );
    expect(region({ kind: 'points', points: [[1], [4], [7]] })).toBe(
      '→ region of /units/spike_times: points 1, 4, 7',
    );
    expect(region(null)).toBe('→ region of /units/spike_times');
    expect(region({ kind: 'all' })).toBe('→ region of /units/spike_times: all elements');
    const square: RegionSelection = { kind: 'hyperslab', blocks: [{ start: [0, 0], end: [1, 9] }] };
    expect(formatRegionSelection(square)).toBe('(0, 0)–(1, 9)');
    const many: RegionSelection = {
      kind: 'points',
      points: Array.from({ length: 20 }, (_, i) => [i]),
    };
    expect(formatRegionSelection(many, 2)).toBe('points 0, 1, … (20 in all)');
  });

  it('truncates arrays with a count', () => {
    expect(formatValue(Float64Array.from([1, 2.5, 3]))).toBe('[1, 2.5, 3]');
    const long = formatValue(
      Int32Array.from({ length: 100 }, (_, i) => i),
      { maxItems: 3 },
    );
    expect(long).toBe('[0, 1, 2, …] (100 values)');
    expect(formatValue(['a', 'b'])).toBe('["a", "b"]');
    expect(formatValue(BigInt64Array.from([1n, 2n]))).toBe('[1, 2]');
  });

  it('truncates long strings', () => {
    expect(formatValue('x'.repeat(500), { maxStringLength: 10 })).toBe('xxxxxxxxxx…');
  });
});
