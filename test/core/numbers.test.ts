import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatPercent, formatProportion, percent } from '../../src/core/numbers.js';

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

  // Each expected value is the exact decimal worked out by hand, then rounded
  // half up at the last place. (x).toFixed(2) gets the ones marked ✗ wrong,
  // since 14.375, 1.005 and 2.675 have no exact binary form.
  it.each([
    // 23 / 160 = 0.14375 → 14.375 % → 14.38 ✗ (toFixed: 14.37)
    [23, 160, 2, '14.38'],
    // 201 / 20000 = 0.01005 → 1.005 % → 1.01 ✗ (toFixed: 1.00)
    [201, 20000, 2, '1.01'],
    // 107 / 4000 = 0.02675 → 2.675 % → 2.68 ✗ (toFixed: 2.67)
    [107, 4000, 2, '2.68'],
    // 1 / 800 = 0.00125 → 0.125 % → 0.13
    [1, 800, 2, '0.13'],
    // 1 / 8 → 12.5 % → 13 with no decimals; 1 / 16 → 6.25 % → 6.3 with one
    [1, 8, 0, '13'],
    [1, 16, 1, '6.3'],
    // Past a double's exact integers (n × 100 × 100 > 2^53): 23·10^12 / 160·10^12 is still 14.375 % → 14.38 ✗ (toFixed and Math.round: 14.37)
    [23e12, 160e12, 2, '14.38'],
    // 2,300,000,000,000,001 / 16·10^15 = 0.14375000000000000625 → 14.38; one less is 14.374999… → 14.37
    [2_300_000_000_000_001, 16e15, 2, '14.38'],
    [2_299_999_999_999_999, 16e15, 2, '14.37'],
  ])('%d of %d with %d decimals is %s', (n, d, decimals, expected) => {
    expect(formatPercent(n, d, decimals)).toBe(expected);
  });

  it.each([
    // 201 / 200 = 1.005 → 1.01 ✗ (toFixed: 1.00); 107 / 40 = 2.675 → 2.68 ✗ (toFixed: 2.67); 1 / 8 = 0.125 → 0.13
    [201, 200, 2, '1.01'],
    [107, 40, 2, '2.68'],
    [1, 8, 2, '0.13'],
    // A numerator with decimals is taken as the decimal it is written as: 1.005 → 1.01 ✗, 2.675 → 2.68 ✗
    [1.005, 1, 2, '1.01'],
    [2.675, 1, 2, '2.68'],
    // 1 / 3 = 0.333333|33… → 0.333333; 2 / 3 → 0.666667
    [1, 3, 6, '0.333333'],
    [2, 3, 6, '0.666667'],
  ])('proportion %d / %d with %d decimals is %s', (n, d, decimals, expected) => {
    expect(formatProportion(n, d, decimals)).toBe(expected);
  });

  it('rounds a negative value by its magnitude, half away from zero, and writes no "-0"', () => {
    // As the code defines it: the magnitude rounded half up, the sign put back.
    expect(formatPercent(-23, 160)).toBe('-14.38');
    expect(formatPercent(23, -160)).toBe('-14.38');
    expect(formatPercent(-23, -160)).toBe('14.38');
    expect(formatProportion(-201, 200, 2)).toBe('-1.01');
    expect(formatProportion(-1.005, 1, 2)).toBe('-1.01');
    expect(formatProportion(-1, 8, 2)).toBe('-0.13');
    // −1 / 20000 = −0.005 % → −0.01; −1 / 40000 = −0.0025 % rounds to zero: "0.00", not "-0.00" ✗
    expect(formatPercent(-1, 20000)).toBe('-0.01');
    expect(formatPercent(-1, 40000)).toBe('0.00');
    expect(formatPercent(-1, 300, 0)).toBe('0');
  });

  it('gives spreadsheets the same rounded number', () => {
    expect(percent(23, 160)).toBe(14.38);
    expect(percent(201, 20000)).toBe(1.01);
    expect(percent(-23, 160)).toBe(-14.38);
    expect(percent(1, 0)).toBeNull();
  });

  it('lies within half a unit of the exact ratio, ties going away from zero, for any whole numbers', () => {
    // The exact ratio in BigInt: |R| is the printed value in units of 10^-k, Q = |n| × 100 × 10^k / |d|;
    // half up means 2|R| − 1 ≤ 2Q < 2|R| + 1, i.e. 2|R||d| − |d| ≤ 2|n|·100·10^k < 2|R||d| + |d|.
    const whole = fc.bigInt({ min: -(10n ** 17n), max: 10n ** 17n }).map((b) => Number(b));
    fc.assert(
      fc.property(
        whole,
        whole.filter((d) => d !== 0),
        fc.integer({ min: 0, max: 6 }),
        (n, d, k) => {
          const text = formatPercent(n, d, k);
          expect(text).toMatch(k === 0 ? /^-?\d+$/ : new RegExp(`^-?\\d+\\.\\d{${k}}$`));
          const printed = BigInt(text.replace('-', '').replace('.', ''));
          const exact = (BigInt(n) < 0n ? -BigInt(n) : BigInt(n)) * 100n * 10n ** BigInt(k);
          const over = BigInt(d) < 0n ? -BigInt(d) : BigInt(d);
          expect(2n * printed * over - over <= 2n * exact).toBe(true);
          expect(2n * exact < 2n * printed * over + over).toBe(true);
          expect(text.startsWith('-')).toBe(printed !== 0n && n !== 0 && n < 0 !== d < 0);
        },
      ),
      { numRuns: 2000 },
    );
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
