/**
 * Every decimal povroll prints is rounded half up on the exact value, not on
 * a binary fraction: the Alkire-Foster measures of `rates`, the share of
 * rejected rows and the --max-rejected it is held to, the expected values
 * `check` gives, and the reductions `compare` ranks and sums up. Each case
 * below has an exact value ending in 5 where the binary one falls short
 * (toFixed and Math.round round it down); the expected figures are worked
 * out by hand.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkSheet } from '../../src/core/check/summary-check.js';
import { decimalFraction, formatFraction } from '../../src/core/numbers.js';
import { records, row, runCli, tempDir, HEADER } from '../support/run-cli.js';

describe('formatFraction and decimalFraction', () => {
  it('round a fraction of whole numbers half up, the sign put back', () => {
    expect(formatFraction(23n, 1600n, 4)).toBe('0.0144'); // 0.014375
    expect(formatFraction(1_437_500n, 100_000n)).toBe('14.38');
    expect(formatFraction(-1n, 8n)).toBe('-0.13');
    expect(formatFraction(1n, -8n)).toBe('-0.13');
    expect(formatFraction(-1n, 1000n)).toBe('0.00');
    expect(formatFraction(5n, 2n, 0)).toBe('3');
    expect(formatFraction(1n, 0n)).toBe('');
    // Past every double: 10^30 + 5 over 10^31 is 0.1000…05, which rounds to 0.10.
    expect(formatFraction(10n ** 30n + 5n, 10n ** 31n)).toBe('0.10');
  });

  it('take a number as the decimal it prints as', () => {
    expect(decimalFraction(0.1)).toEqual({ numerator: 1n, denominator: 10n });
    expect(decimalFraction(-14.375)).toEqual({ numerator: -14375n, denominator: 1000n });
    expect(decimalFraction(1.5e-7)).toEqual({ numerator: 15n, denominator: 100_000_000n });
    expect(decimalFraction(1e21)).toEqual({ numerator: 10n ** 21n, denominator: 1n });
  });
});

describe('rates: Alkire-Foster measures', () => {
  it('gives A and M0 half up on the exact sums of shares', async () => {
    // qd59-2015 (10 indicators), 2019. Xã Một: 64 poor, 59 deprived in 3 indicators and 5 in 4, and 50 non-poor.
    // Xã Hai: 1 poor deprived in 3, and 63 non-poor.
    const three = 'health_access;health_insurance;adult_education';
    const four = `${three};water`;
    const lines = ['household_id,province,district,commune,area,review_year,members,standard,deprivation_count,deprived,class'];
    const add = (commune: string, id: string, klass: string, deprived: string) =>
      lines.push(
        [id, 'Tỉnh Thử', 'Huyện Một', commune, 'rural', 2019, 4, 'qd59-2015', deprived === '' ? 0 : deprived.split(';').length, deprived, klass].join(','),
      );
    for (let i = 0; i < 59; i += 1) add('Xã Một', `A${i}`, 'poor', three);
    for (let i = 59; i < 64; i += 1) add('Xã Một', `A${i}`, 'poor', four);
    for (let i = 64; i < 114; i += 1) add('Xã Một', `A${i}`, 'non_poor', '');
    add('Xã Hai', 'B0', 'poor', three);
    for (let i = 1; i < 64; i += 1) add('Xã Hai', `B${i}`, 'non_poor', '');
    const roll = join(tempDir(), 'classified-2019.csv');
    writeFileSync(roll, lines.join('\n') + '\n');
    const { code, stdout, stderr } = await runCli(['-q', 'rates', roll, '--by', 'commune']);
    expect(code, stderr).toBe(0);
    const af = (r: Record<string, string>) => [r.af_h, r.af_a, r.af_m0];
    const rows = records(stdout);
    // Xã Một: H = 64/114 = 0.5614035…; A = (59·3 + 5·4)/10 / 64 = 197/640 = 0.3078125 → 0.307813 (toFixed: 0.307812);
    // M0 = 19.7/114 = 0.1728070….
    expect(af(rows.find((r) => r.commune === 'Xã Một')!)).toEqual(['0.561404', '0.307813', '0.172807']);
    // Xã Hai: H = 1/64 = 0.015625; A = 3/10; M0 = 0.3/64 = 0.0046875 → 0.004688 (toFixed: 0.004687).
    expect(af(rows.find((r) => r.commune === 'Xã Hai')!)).toEqual(['0.015625', '0.300000', '0.004688']);
    // Total: 65 poor, 200 deprivations (shares 20), 178 households: H = 0.3651685…, A = 20/65 = 0.3076923…, M0 = 20/178 = 0.1123595….
    expect(af(rows.find((r) => r.level === 'total')!)).toEqual(['0.365169', '0.307692', '0.112360']);
  });
});

describe('--max-rejected', () => {
  it('says the share rejected and the limit half up on their exact values', async () => {
    // 80 rows, 23 with a negative income: 23/80 = 28.75 % → 28.8 (toFixed: 28.7); the limit 0.145 % → 0.15 (Math.round: 0.14).
    const lines = [HEADER, ...Array.from({ length: 80 }, (_, i) => row({ household_id: `H${i}`, income_per_capita: i < 23 ? '-5' : '3000000' }))];
    const roll = join(tempDir(), 'roll.csv');
    writeFileSync(roll, lines.join('\n') + '\n');
    const { code, stderr } = await runCli(['classify', roll, '--max-rejected', '0.145', '-o', join(tempDir(), 'out.csv')]);
    expect(code).toBe(1);
    expect(stderr).toContain('23 of 80 rows (28.8 %) were rejected, more than --max-rejected 0.15 %');
  });
});

describe('check', () => {
  it('gives the expected rate half up on its exact value', () => {
    // 23 of 160 households: 14.375 % → 14.38 (Math.round on 23 / 160 * 100 = 14.374999…: 14.37).
    const result = checkSheet('Biểu', [
      { row: 1, cells: ['STT', 'Đơn vị', 'Số hộ', 'Số khẩu', 'Hộ nghèo', 'Tỷ lệ'] },
      { row: 2, cells: ['A', 'B', '1', '2', '3', '4=3/1*100'] },
      { row: 3, cells: ['1', 'Xã Một', 160, 600, 23, 20] },
    ]);
    expect(result.findings).toEqual([{ sheet: 'Biểu', cell: 'F3', rule: '4=3/1*100', found: 20, expected: 14.38 }]);
  });

  it('reads cells as the decimals they show, so a rate printed half up passes and one a hundredth off does not', () => {
    // 1 of 8 = 12.5 %; 0.125 printed 0.13 is within half a hundredth of 0.125 → fine; 12.51 is too.
    const rows = (rate: number) => [
      { row: 1, cells: ['STT', 'Đơn vị', 'Số hộ', 'Số khẩu', 'Hộ nghèo', 'Tỷ lệ'] },
      { row: 2, cells: ['A', 'B', '1', '2', '3', '4=3/1*100'] },
      { row: 3, cells: ['1', 'Xã Một', 8, 30, 1, rate] },
    ];
    expect(checkSheet('Biểu', rows(12.5)).findings).toEqual([]);
    expect(checkSheet('Biểu', rows(12.505)).findings).toEqual([]);
    expect(checkSheet('Biểu', rows(12.51)).findings).toEqual([{ sheet: 'Biểu', cell: 'F3', rule: '4=3/1*100', found: 12.51, expected: 12.5 }]);
  });
});

describe('compare: ranks and the best and worst fifths', () => {
  it('ranks by the printed reductions and prints the means half up on their exact values', async () => {
    // Xã Một: 23 of 160 households poor in 2023, none in 2024: 14.375 points → 14.38 (toFixed: 14.37).
    // Xã Hai: 22 of 153, then none: 14.3790… → 14.38. Both print 14.38, so they share rank 1.
    // Spread: (22/153 − 23/160) × 100 = 100/24,480 = 0.0041 → 0.00.
    const dir = tempDir();
    const roll = (year: number) => {
      const lines = ['household_id,province,district,commune,area,review_year,members,standard,deprived,class,possible_classes'];
      const add = (commune: string, id: string, klass: string) =>
        lines.push([id, 'Tỉnh Thử', 'Huyện Một', commune, 'rural', year, 4, 'nd07-2021', '', klass, ''].join(','));
      for (let i = 0; i < 160; i += 1) add('Xã Một', `A${i}`, year === 2023 && i < 23 ? 'poor' : 'non_poor');
      for (let i = 0; i < 153; i += 1) add('Xã Hai', `B${i}`, year === 2023 && i < 22 ? 'poor' : 'non_poor');
      const path = join(dir, `c${year}.csv`);
      writeFileSync(path, lines.join('\n') + '\n');
      return path;
    };
    const { code, stdout, stderr } = await runCli(['compare', roll(2023), roll(2024), '--by', 'commune']);
    expect(code, stderr).toBe(0);
    const rows = records(stdout);
    const of = (commune: string) => rows.find((r) => r.commune === commune)!;
    expect([of('Xã Một').poor_reduction_pp_per_year, of('Xã Hai').poor_reduction_pp_per_year]).toEqual(['14.38', '14.38']);
    expect([of('Xã Một').reduction_rank, of('Xã Hai').reduction_rank]).toEqual(['1', '1']);
    expect(stderr).toContain('2023→2024, commune: poor rate down 14.38 points a year in the best fifth of 2 areas, 14.38 in the worst (spread 0.00)');
  });
});
