import { describe, expect, it } from 'vitest';
import { formatBytes, formatCount } from './bytes';

describe('formatBytes', () => {
  it('uses binary units with three significant digits', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(1024)).toBe('1.00 KiB');
    expect(formatBytes(1536 * 1024)).toBe('1.50 MiB');
    expect(formatBytes(300 * 1024 * 1024)).toBe('300 MiB');
    expect(formatBytes(5e12)).toBe('4.55 TiB');
  });

  it('shows unknown sizes as a dash', () => {
    expect(formatBytes(null)).toBe('—');
    expect(formatBytes(undefined)).toBe('—');
  });

  it('separates thousands, exactly for BigInt', () => {
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatCount(9007199254740993n)).toBe('9,007,199,254,740,993');
  });
});
