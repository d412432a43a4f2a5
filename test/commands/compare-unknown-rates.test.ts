/**
 * compare leaves a rate empty exactly where `rates` does: when more than
 * --max-unclassified (5 %) of an area's households are unclassified and may
 * be of the class, the roll's count of that class is unknown, and so are its
 * rate, every change taken from it, the reduction and the rank. The expected
 * figures below are worked out by hand from the rolls written here.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { records, runCli, tempDir } from '../support/run-cli.js';

const MARKED = [
  'employment',
  'dependents',
  'nutrition',
  'health_insurance',
  'adult_education',
  'child_schooling',
  'housing_quality',
  'housing_area',
  'water',
  'latrine',
  'telecom',
  'information',
];

/** [commune, id, class, possible classes] of one household; every household has 4 members and no deprivation. */
type Listed = [string, string, string, string?];

/** A classified roll as `classify` writes it, with `possible_classes` for the unclassified households. */
function classifiedRoll(dir: string, year: number, households: Listed[]): string {
  const lines = [
    `household_id,province,district,commune,village,area,review_year,members,standard,deprived,class,possible_classes,${MARKED.map((c) => `d_${c}`).join(',')}`,
  ];
  for (const [commune, id, klass, possible] of households) {
    lines.push([id, 'Tỉnh Thử', 'Huyện Một', commune, 'Thôn 1', 'rural', year, 4, 'nd07-2021', '', klass, possible ?? '', ...MARKED.map(() => '0')].join(','));
  }
  const path = join(dir, `classified-${year}.csv`);
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}

/** `count` households of a commune, numbered from `from`, all of one class. */
function many(commune: string, prefix: string, from: number, count: number, klass: string, possible?: string): Listed[] {
  return Array.from({ length: count }, (_, i): Listed => [commune, `${prefix}${from + i}`, klass, possible]);
}

/**
 * Xã Một: 20 households; 2023: 4 poor, 1 near-poor; 2024: 3 poor, 1 near-poor and 2 unclassified that may be
 * near-poor (10 % > 5 %: the near-poor count of 2024 is unknown, the poor count is not).
 * Xã Hai: 10 households; 2023: 2 poor, 1 near-poor; 2024: 1 poor, 1 near-poor; nothing unknown.
 * Xã Ba: 10 households; 2023: 1 poor; 2024: 1 poor and 1 unclassified that may be poor or near-poor (10 %):
 * both counts of 2024 unknown.
 * The district and the total (40 households): 2024 has 1 household that may be poor (2.5 %: the poor count is
 * known) and 3 that may be near-poor (7.5 %: unknown).
 */
function rolls(dir: string): [string, string] {
  const before = classifiedRoll(dir, 2023, [
    ...many('Xã Một', 'A', 0, 4, 'poor'),
    ['Xã Một', 'A4', 'near_poor'],
    ...many('Xã Một', 'A', 5, 15, 'non_poor'),
    ...many('Xã Hai', 'B', 0, 2, 'poor'),
    ['Xã Hai', 'B2', 'near_poor'],
    ...many('Xã Hai', 'B', 3, 7, 'non_poor'),
    ['Xã Ba', 'C0', 'poor'],
    ...many('Xã Ba', 'C', 1, 9, 'non_poor'),
  ]);
  const after = classifiedRoll(dir, 2024, [
    ...many('Xã Một', 'A', 0, 3, 'poor'),
    ['Xã Một', 'A3', 'non_poor'],
    ['Xã Một', 'A4', 'near_poor'],
    ...many('Xã Một', 'A', 5, 2, 'unclassified', 'near_poor;non_poor'),
    ...many('Xã Một', 'A', 7, 13, 'non_poor'),
    ['Xã Hai', 'B0', 'poor'],
    ['Xã Hai', 'B1', 'non_poor'],
    ['Xã Hai', 'B2', 'near_poor'],
    ...many('Xã Hai', 'B', 3, 7, 'non_poor'),
    ['Xã Ba', 'C0', 'poor'],
    ['Xã Ba', 'C1', 'unclassified', 'poor;near_poor;non_poor'],
    ...many('Xã Ba', 'C', 2, 8, 'non_poor'),
  ]);
  return [before, after];
}

const RATE_COLUMNS = [
  'poor_rate_before',
  'poor_rate_after',
  'poor_rate_change_pp',
  'near_poor_rate_before',
  'near_poor_rate_after',
  'near_poor_rate_change_pp',
  'poor_reduction_pp_per_year',
  'poor_rate_change_pct',
  'near_poor_reduction_pp_per_year',
  'poor_persons_rate_before',
  'poor_persons_rate_after',
  'poor_persons_rate_change_pp',
  'reduction_rank',
  'reduction_quintile',
] as const;

describe('compare with too many unclassified households', () => {
  it('leaves empty the rates that rates leaves empty, and every change, reduction and rank taken from them', async () => {
    const dir = tempDir();
    const [before, after] = rolls(dir);
    const { code, stdout, stderr } = await runCli(['compare', before, after, '--by', 'district,commune']);
    expect(code, stderr).toBe(0);
    const rows = records(stdout);
    const of = (name: string) => {
      const row = rows.find((r) => (name === 'total' ? r.level === 'total' : r.commune === name || (r.level === 'district' && r.district === name)))!;
      return Object.fromEntries(RATE_COLUMNS.map((c) => [c, row[c]]));
    };
    // 4/20 → 3/20: −5 points; the near-poor rate of 2024 is unknown. Persons: 16/80 → 12/80.
    expect(of('Xã Một')).toEqual({
      poor_rate_before: '20.00',
      poor_rate_after: '15.00',
      poor_rate_change_pp: '-5.00',
      near_poor_rate_before: '5.00',
      near_poor_rate_after: '',
      near_poor_rate_change_pp: '',
      poor_reduction_pp_per_year: '5.00',
      poor_rate_change_pct: '-25.00',
      near_poor_reduction_pp_per_year: '',
      poor_persons_rate_before: '20.00',
      poor_persons_rate_after: '15.00',
      poor_persons_rate_change_pp: '-5.00',
      reduction_rank: '2',
      reduction_quintile: '5',
    });
    // 2/10 → 1/10, 1/10 → 1/10: all known; the largest reduction ranks first.
    expect(of('Xã Hai')).toEqual({
      poor_rate_before: '20.00',
      poor_rate_after: '10.00',
      poor_rate_change_pp: '-10.00',
      near_poor_rate_before: '10.00',
      near_poor_rate_after: '10.00',
      near_poor_rate_change_pp: '0.00',
      poor_reduction_pp_per_year: '10.00',
      poor_rate_change_pct: '-50.00',
      near_poor_reduction_pp_per_year: '0.00',
      poor_persons_rate_before: '20.00',
      poor_persons_rate_after: '10.00',
      poor_persons_rate_change_pp: '-10.00',
      reduction_rank: '1',
      reduction_quintile: '1',
    });
    // 1/10 before; both rates of 2024 unknown, so no change, no reduction, no rank.
    expect(of('Xã Ba')).toEqual({
      poor_rate_before: '10.00',
      poor_rate_after: '',
      poor_rate_change_pp: '',
      near_poor_rate_before: '0.00',
      near_poor_rate_after: '',
      near_poor_rate_change_pp: '',
      poor_reduction_pp_per_year: '',
      poor_rate_change_pct: '',
      near_poor_reduction_pp_per_year: '',
      poor_persons_rate_before: '10.00',
      poor_persons_rate_after: '',
      poor_persons_rate_change_pp: '',
      reduction_rank: '',
      reduction_quintile: '',
    });
    // 40 households: poor 7 → 5 (17.50 → 12.50), near-poor 2 (5.00) → unknown; persons 28/160 → 20/160.
    const upper = {
      poor_rate_before: '17.50',
      poor_rate_after: '12.50',
      poor_rate_change_pp: '-5.00',
      near_poor_rate_before: '5.00',
      near_poor_rate_after: '',
      near_poor_rate_change_pp: '',
      poor_reduction_pp_per_year: '5.00',
      poor_rate_change_pct: '-28.57',
      near_poor_reduction_pp_per_year: '',
      poor_persons_rate_before: '17.50',
      poor_persons_rate_after: '12.50',
      poor_persons_rate_change_pp: '-5.00',
    };
    expect(of('Huyện Một')).toEqual({ ...upper, reduction_rank: '1', reduction_quintile: '1' });
    expect(of('total')).toEqual({ ...upper, reduction_rank: '', reduction_quintile: '' });
  });

  it('is empty exactly where rates leaves the rates of each roll empty', async () => {
    const dir = tempDir();
    const [before, after] = rolls(dir);
    const compared = records((await runCli(['-q', 'compare', before, after, '--by', 'district,commune'])).stdout);
    for (const [roll, when] of [
      [before, 'before'],
      [after, 'after'],
    ] as const) {
      const rates = records((await runCli(['-q', 'rates', roll, '--by', 'district,commune'])).stdout);
      expect(rates).toHaveLength(5);
      for (const r of rates) {
        const c = compared.find((x) => x.level === r.level && x.district === r.district && x.commune === r.commune)!;
        expect(c[`poor_rate_${when}`], `${r.level} ${r.commune}`).toBe(r.poor_rate);
        expect(c[`near_poor_rate_${when}`], `${r.level} ${r.commune}`).toBe(r.near_poor_rate);
        expect(c[`poor_persons_rate_${when}`], `${r.level} ${r.commune}`).toBe(r.poor_persons_rate);
      }
    }
  });

  it('leaves the same cells blank on the change sheet of the summary, and says why', async () => {
    const dir = tempDir();
    const [before, after] = rolls(dir);
    const out = join(dir, 'summary.xlsx');
    const { code, stderr } = await runCli(['-q', 'report', before, after, '-o', out]);
    expect(code, stderr).toBe(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out);
    const sheet = book.getWorksheet('Thay đổi tỷ lệ')!;
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    // Blank cells are holes (or missing at the end) in ExcelJS's row values: read as null.
    const unit = (name: string) => {
      const cells = rows.find((r) => r[1] === name)!;
      return Array.from({ length: 8 }, (_, i) => cells[2 + i] ?? null);
    };
    // Columns 1–8: poor rate before, after, change, reduction a year; near-poor rate before, after, change; rank.
    expect(unit('Xã Một')).toEqual([20, 15, -5, 5, 5, null, null, 2]);
    expect(unit('Xã Hai')).toEqual([20, 10, -10, 10, 10, 10, 0, 1]);
    expect(unit('Xã Ba')).toEqual([10, null, null, null, 0, null, null, null]);
    const notes = rows.flat().filter((v): v is string => typeof v === 'string' && v.startsWith('Ô để trống'));
    expect(notes[0]).toContain('trên 5 % số hộ chưa phân loại được');
  });
});
