import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openXlsx } from '../../src/io/xlsx/workbook.js';
import { HEADER, row, runCli, tempDir } from '../support/run-cli.js';

async function sheetRows(path: string, name: string): Promise<unknown[][]> {
  const book = await openXlsx(path);
  const sheet = book.sheets.find((s) => s.name === name);
  if (sheet === undefined) throw new Error(`no sheet "${name}" in ${book.sheets.map((s) => s.name).join(', ')}`);
  const rows: unknown[][] = [];
  for await (const batch of book.rows(sheet)) rows.push(...batch.map((r) => r.cells));
  book.close();
  return rows;
}

async function sheetNames(path: string): Promise<string[]> {
  const book = await openXlsx(path);
  const names = book.sheets.map((s) => s.name);
  book.close();
  return names;
}

// Incomes under the 2016–2020 standard (Decision 59/2015): 500,000 is poor in
// either area; 800,000 rural and 1,000,000 urban with no deprivation are
// near-poor; 5,000,000 is above every line.
const INCOME = { poor: '500000', near_poor: { rural: '800000', urban: '1000000' }, non_poor: '5000000' } as const;
const WARD = { commune: 'Phường Một', commune_code: '00001', area: 'urban' } as const;
const VILLAGE = { commune: 'Xã Hai', commune_code: '00002', area: 'rural' } as const;

type Klass = 'poor' | 'near_poor' | 'non_poor';
function household(id: string, unit: typeof WARD | typeof VILLAGE, year: number, klass: Klass): string {
  const income = klass === 'near_poor' ? INCOME.near_poor[unit.area] : INCOME[klass];
  return row({ household_id: id, ...unit, review_year: String(year), income_per_capita: income, d_health_access: '0' });
}

/**
 * Three rolls, so that a household poor in 2018, not in 2019 and poor again
 * in 2020 re-enters. What each household does from 2019 to 2020:
 * ward: U1 re-enters, U2 escapes, U3 is newly poor, U4 (poor) leaves, U5
 * (poor) arrives, U6 stays above the lines; commune: R1 goes from poor to
 * near-poor (an escape), R2 from near-poor to poor (newly poor), R3 stays
 * poor, R4 stays above the lines. U7, U8, R5–R7 stay above the lines too:
 * a commune where most households are poor reads as a list of poor households.
 */
const ABOVE: [string, typeof WARD | typeof VILLAGE, Klass][] = [
  ['U7', WARD, 'non_poor'],
  ['U8', WARD, 'non_poor'],
  ['R5', VILLAGE, 'non_poor'],
  ['R6', VILLAGE, 'non_poor'],
  ['R7', VILLAGE, 'non_poor'],
];
const ROLLS: Record<number, [string, typeof WARD | typeof VILLAGE, Klass][]> = {
  2018: [
    ['U1', WARD, 'poor'],
    ['U2', WARD, 'poor'],
    ['U3', WARD, 'non_poor'],
    ['U4', WARD, 'non_poor'],
    ['U6', WARD, 'non_poor'],
    ['R1', VILLAGE, 'non_poor'],
    ['R2', VILLAGE, 'non_poor'],
    ['R3', VILLAGE, 'poor'],
    ['R4', VILLAGE, 'non_poor'],
    ...ABOVE,
  ],
  2019: [
    ['U1', WARD, 'non_poor'],
    ['U2', WARD, 'poor'],
    ['U3', WARD, 'non_poor'],
    ['U4', WARD, 'poor'],
    ['U6', WARD, 'non_poor'],
    ['R1', VILLAGE, 'poor'],
    ['R2', VILLAGE, 'near_poor'],
    ['R3', VILLAGE, 'poor'],
    ['R4', VILLAGE, 'non_poor'],
    ...ABOVE,
  ],
  2020: [
    ['U1', WARD, 'poor'],
    ['U2', WARD, 'non_poor'],
    ['U3', WARD, 'poor'],
    ['U5', WARD, 'poor'],
    ['U6', WARD, 'non_poor'],
    ['R1', VILLAGE, 'near_poor'],
    ['R2', VILLAGE, 'poor'],
    ['R3', VILLAGE, 'poor'],
    ['R4', VILLAGE, 'non_poor'],
    ...ABOVE,
  ],
};

function writeRolls(change: (year: number, line: string) => string = (_, line) => line): string[] {
  const dir = tempDir();
  return Object.entries(ROLLS).map(([year, households]) => {
    const path = join(dir, `roll-${year}.csv`);
    writeFileSync(path, [HEADER, ...households.map(([id, unit, klass]) => change(Number(year), household(id, unit, Number(year), klass)))].join('\n') + '\n');
    return path;
  });
}

/** Columns 1–14 of the row whose unit (column B) is `name`. */
function figures(rows: unknown[][], name: string): unknown[] {
  const found = rows.find((cells) => cells[1] === name);
  if (found === undefined) throw new Error(`no row "${name}"`);
  return found.slice(2, 16);
}

describe('the urban and rural sheet of review years 2016–2021', () => {
  it('counts, for each area and both together, the start, the escapes, re-entry, newly poor and the end, each with its share', async () => {
    const out = join(tempDir(), 'summary.xlsx');
    const { code, stderr } = await runCli(['-q', 'run', ...writeRolls(), '--by', 'commune', '-o', out]);
    expect(code, stderr).toBe(0);
    expect(await sheetNames(out)).toEqual(expect.arrayContaining(['Thành thị, nông thôn 18-19', 'Thành thị, nông thôn 19-20']));
    const rows = await sheetRows(out, 'Thành thị, nông thôn 19-20');
    // Households at the start, poor (share of them), escaped (share), other decreases, re-entered (share of the end's
    // households), newly poor (share), other increases, households at the end, poor (share).
    expect(figures(rows, 'Cộng khu vực thành thị')).toEqual([7, 2, 28.57, 1, 14.29, 1, 1, 14.29, 1, 14.29, 1, 7, 3, 42.86]);
    expect(figures(rows, 'Cộng khu vực nông thôn')).toEqual([7, 2, 28.57, 1, 14.29, 0, 0, 0, 1, 14.29, 0, 7, 2, 28.57]);
    expect(figures(rows, 'TỔNG CỘNG')).toEqual([14, 4, 28.57, 2, 14.29, 1, 1, 7.14, 2, 14.29, 1, 14, 5, 35.71]);
    // Each commune sits in its own area's section only.
    expect(figures(rows, 'Phường Một')).toEqual(figures(rows, 'Cộng khu vực thành thị'));
    expect(rows.filter((cells) => cells[1] === 'Xã Hai')).toHaveLength(1);
  });

  it('is not written for later review years', async () => {
    const later = writeRolls((year, line) => line.replace(`,${year},`, `,${year + 5},`));
    const out = join(tempDir(), 'summary.xlsx');
    const { code, stderr } = await runCli(['-q', 'run', ...later, '-o', out]);
    expect(code, stderr).toBe(0);
    expect((await sheetNames(out)).some((name) => name.startsWith('Thành thị'))).toBe(false);
  });

  it('is left out, with the reason, when households have no area', async () => {
    const withoutArea = writeRolls((year, line) => (year === 2020 && line.startsWith('U6,') ? line.replace(',urban,', ',,') : line));
    const out = join(tempDir(), 'summary.xlsx');
    const { code, stderr } = await runCli(['run', ...withoutArea, '-o', out]);
    expect(code, stderr).toBe(0);
    expect(stderr).toContain('no urban and rural sheet for 2019→2020: 1 household of the two rolls have no area');
    expect(await sheetNames(out)).toContain('Thành thị, nông thôn 18-19');
    expect((await sheetNames(out)).includes('Thành thị, nông thôn 19-20')).toBe(false);
  });
});
