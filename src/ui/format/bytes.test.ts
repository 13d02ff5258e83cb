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

  it('groups whole numbers as the en-US locale does', () => {
    const samples = [0, 7, 999, 1000, 65535, 100000, 999999, 1000000, Number.MAX_SAFE_INTEGER];
    for (const n of [...samples, ...samples.map((v) => -v)]) {
      expect(formatCount(n)).toBe((n === 0 ? 0 : n).toLocaleString('en-US'));
      expect(formatCount(BigInt(n))).toBe(BigInt(n).toLocaleString('en-US'));
    }
    expect(formatCount(-12345678901234567890n)).toBe('-12,345,678,901,234,567,890');
    expect(formatCount(1234.5)).toBe((1234.5).toLocaleString('en-US'));
  });
});
