import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatPercent, formatProportion } from '../../src/core/numbers.js';

describe('formatPercent', () => {
  it.each([
    [1, 8, '12.50'],
    [1, 3, '33.33'],
    [2, 3, '66.67'],
    [0, 5, '0.00'],
    [5, 5, '100.00'],
    [1057374, 26237000, '4.03'],
    [1, 200, '0.50'],
    [1, 40000, '0.00'],
    [1, 20000, '0.01'],
  ])('%d of %d is %s', (n, d, expected) => {
    expect(formatPercent(n, d)).toBe(expected);
  });

  it('is empty without a denominator', () => {
    expect(formatPercent(3, 0)).toBe('');
    expect(formatPercent(3, null)).toBe('');
  });

  it('rounds half up exactly, where binary floating point would not', () => {
    // 0.145 × 100 is 14.499999… in floating point; the exact value is 14.5.
    expect(formatPercent(145, 100000, 1)).toBe('0.1');
    expect(formatPercent(29, 200, 1)).toBe('14.5');
    expect(formatProportion(1, 8, 2)).toBe('0.13');
  });

  it('always lies within 0–100 with two decimals for a part of a whole', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30_000_000 }), fc.nat(), (total, seed) => {
        const part = seed % (total + 1);
        const text = formatPercent(part, total);
        expect(text).toMatch(/^\d{1,3}\.\d{2}$/);
        const value = Number(text);
        expect(value).toBeGreaterThanOrEqual(0);
        expect(value).toBeLessThanOrEqual(100);
        expect(Math.abs(value - (part / total) * 100)).toBeLessThanOrEqual(0.005 + 1e-9);
      }),
    );
  });
});
