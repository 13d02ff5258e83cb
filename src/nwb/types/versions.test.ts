import { describe, expect, it } from 'vitest';
import { bundledParent } from './bundledSchemas';
import { isA, nearestOf } from './NwbType';
import { compareVersions, pickVersion } from './versions';

describe('schema versions', () => {
  it('orders beta, alpha and releases as the NWB tools write them', () => {
    const sorted = ['2.6.0', '2.0b', '2.10.0', '2.6.0-alpha', '2.0.1'].sort(compareVersions);
    expect(sorted).toEqual(['2.0b', '2.0.1', '2.6.0-alpha', '2.6.0', '2.10.0']);
  });

  it('picks the exact version, else the newest below, else the oldest', () => {
    const versions = ['2.0b', '2.1.0', '2.5.0'];
    expect(pickVersion(versions, '2.1.0')).toBe(1);
    expect(pickVersion(versions, '2.2.3')).toBe(1);
    expect(pickVersion(versions, '1.0')).toBe(0);
    expect(pickVersion(versions, null)).toBe(2);
  });
});

describe('bundled schemas', () => {
  it('follow the move of the common types out of core (schema facts, not our output)', () => {
    // NWB 2.0b defined DynamicTable in core under NWBDataInterface; from 2.2 it lives in
    // hdmf-common under Container.
    expect(bundledParent('core', '2.0b', 'DynamicTable')).toBe('NWBDataInterface');
    expect(bundledParent('core', '2.5.0', 'DynamicTable')).toBeUndefined();
    expect(bundledParent('hdmf-common', '1.5.1', 'DynamicTable')).toBe('Container');
    expect(bundledParent('core', '2.5.0', 'ElectricalSeries')).toBe('TimeSeries');
    expect(bundledParent('ndx-unknown', null, 'X')).toBeUndefined();
  });

  it('isA and nearestOf read the ancestry', () => {
    const type = {
      name: 'MyTable',
      namespace: 'ndx-x',
      ancestry: ['MyTable', 'TimeIntervals', 'DynamicTable', 'Container'],
      known: true,
    };
    expect(isA(type, 'DynamicTable')).toBe(true);
    expect(isA(undefined, 'DynamicTable')).toBe(false);
    expect(nearestOf(type, ['DynamicTable', 'TimeIntervals'] as const)).toBe('TimeIntervals');
  });
});
