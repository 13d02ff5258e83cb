import { describe, expect, it } from 'vitest';
import { namedColumns, simpleWhere } from './sqlNames';

const KNOWN = ['firing_rate', 'quality', 'spike_times', 'depth', 'Mixed Case'];

describe('namedColumns', () => {
  it('finds bare and quoted names, not those inside literals or comments', () => {
    expect(
      namedColumns(
        `select quality, "Mixed Case" from units where firing_rate > 2 and _nwb_path <> 'depth' -- spike_times`,
        KNOWN,
      ),
    ).toEqual(['firing_rate', 'quality', 'Mixed Case']);
  });
  it('reads every column for a star, but not for a star inside a literal', () => {
    expect(namedColumns('select * from units', KNOWN)).toEqual(KNOWN);
    expect(namedColumns('select count(*) from units', KNOWN)).toEqual(KNOWN);
    expect(namedColumns("select depth from units where quality = '*'", KNOWN)).toEqual([
      'quality',
      'depth',
    ]);
  });
});

describe('simpleWhere', () => {
  it('takes the top-level WHERE of a one-table SELECT', () => {
    expect(
      simpleWhere(
        'SELECT spike_times FROM units WHERE firing_rate > 2 AND (depth < 5) ORDER BY depth LIMIT 3',
      ),
    ).toBe('firing_rate > 2 AND (depth < 5)');
    expect(simpleWhere("select * from units u where quality = 'good';")).toBe("quality = 'good'");
  });
  it('pushes nothing down for joins, subqueries, several tables or statements', () => {
    expect(
      simpleWhere('select * from units join sessions using (_nwb_path) where depth > 1'),
    ).toBeNull();
    expect(
      simpleWhere('select * from units where depth > (select avg(depth) from units)'),
    ).toBeNull();
    expect(simpleWhere('select * from units, sessions where depth > 1')).toBeNull();
    expect(simpleWhere('select * from units where depth > 1; drop table units')).toBeNull();
    expect(simpleWhere('select * from units')).toBeNull();
  });
});
