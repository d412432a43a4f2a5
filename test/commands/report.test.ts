import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { openXlsx } from '../../src/io/xlsx/workbook.js';
import { referenceClass, referenceFarm, referenceIndicators, referenceRate } from '../support/reference.js';
import { areaKey, referenceAreas, referenceChange, referenceHouseholds } from '../support/reference-areas.js';
import { referenceFlows } from '../support/reference-flows.js';
import { describe, expect, it } from 'vitest';
import { DEMO_2023, DEMO_2024, ROOT, folderWith, records, HEADER, row, runCli, tempDir } from '../support/run-cli.js';

/** The twelve indicators of Decree 07/2021 by the names the forms give them. */
const INDICATOR_NAMES: Record<string, string> = {
  employment: 'Việc làm',
  dependents: 'Người phụ thuộc',
  nutrition: 'Dinh dưỡng',
  health_insurance: 'Bảo hiểm y tế',
  adult_education: 'Trình độ giáo dục của người lớn',
  child_schooling: 'Tình trạng đi học của trẻ em',
  housing_quality: 'Chất lượng nhà ở',
  housing_area: 'Diện tích nhà ở',
  water: 'Nguồn nước sinh hoạt',
  latrine: 'Nhà tiêu hợp vệ sinh',
  telecom: 'Dịch vụ viễn thông',
  information: 'Phương tiện tiếp cận thông tin',
};

async function workbook(path: string): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(path);
  return book;
}

/**
 * The rows of a form sheet below its numbering row (A, B, 1, 2 …), with the
 * values cached in the file, as Excel shows them before recalculation. Read
 * with povroll's own sheet reader: exceljs drops a formula's cached 0.
 */
/** All rows of a table sheet below its heading row (no numbering row), as cached. */
async function formOfRows(path: string, name: string): Promise<unknown[][]> {
  const book = await openXlsx(path);
  const sheet = book.sheets.find((s) => s.name === name)!;
  const rows: unknown[][] = [];
  for await (const batch of book.rows(sheet)) for (const r of batch) if (/^\d+$/.test(String(r.cells[0]))) rows.push(r.cells);
  book.close();
  return rows;
}

async function formOf(path: string, name: string): Promise<{ numbers: string[]; rows: unknown[][]; firstRow: number }> {
  const book = await openXlsx(path);
  const sheet = book.sheets.find((s) => s.name === name)!;
  const all: { row: number; cells: unknown[] }[] = [];
  for await (const batch of book.rows(sheet)) all.push(...batch);
  book.close();
  const at = all.findIndex((r) => r.cells[0] === 'A' && r.cells[1] === 'B');
  const rows: unknown[][] = [];
  // The table ends at the first empty row (the reader skips it: rows stop running on).
  let expected = all[at]!.row + 1;
  for (const r of all.slice(at + 1)) {
    if (r.row !== expected) break;
    expected += 1;
    rows.push(Array.from({ length: all[at]!.cells.length }, (_, i) => r.cells[i] ?? null));
  }
  return { numbers: all[at]!.cells.map(String), rows, firstRow: all[at]!.row + 1 };
}

/**
 * Form 1 as counted from the raw roll with csv-parse and the reference
 * classifier, in the order of the form's units (a district's communes under
 * it; commune names repeat across districts): households, persons, poor, %,
 * near-poor, %, average, %, poor persons, %, near-poor persons, %, unclassified.
 */
function referenceForm1(roll: string, units: unknown[]): number[][] {
  const areas = referenceAreas(roll);
  const raw = records(readFileSync(roll, 'utf8'));
  const rate = (n: number, of: number) => Number(referenceRate(n, of));
  let district: Record<string, string> | undefined;
  return units.map((unit) => {
    let key = 'total';
    if (unit !== 'Tổng cộng') {
      const ofDistrict = raw.find((r) => r.district === unit);
      if (ofDistrict) district = ofDistrict;
      key = ofDistrict ? areaKey('district', ofDistrict) : areaKey('commune', raw.find((r) => r.district === district?.district && r.commune === unit)!);
    }
    const a = areas.get(key)!;
    expect(a, `${String(unit)} is in the roll`).toBeDefined();
    return [
      a.households,
      a.persons,
      a.poor,
      rate(a.poor, a.households),
      a.nearPoor,
      rate(a.nearPoor, a.households),
      a.average,
      rate(a.average, a.households),
      a.poorPersons,
      rate(a.poorPersons, a.persons),
      a.nearPoorPersons,
      rate(a.nearPoorPersons, a.persons),
      a.unclassified,
    ];
  });
}

describe('povroll run: change between review years', () => {
  it('adds rate changes, the movement of poor and near-poor households and targets, equal to the compare command', async () => {
    const out = join(tempDir(), 'summary.xlsx');
    const targets = join(ROOT, 'examples/targets-lang-son-2021-2025.json');
    const { code, stderr } = await runCli(['run', DEMO_2023, DEMO_2024, '-o', out, '--targets', targets]);
    expect(code, stderr).toBe(0);
    const compared = records((await runCli(['-q', 'compare', DEMO_2023, DEMO_2024, '--by', 'district,commune', '--targets', targets])).stdout);
    const districts = compared.filter((r) => r.level === 'district');
    const expected = [
      ...districts.flatMap((d) => [d, ...compared.filter((r) => r.level === 'commune' && r.district_code === d.district_code)]),
      compared.find((r) => r.level === 'total')!,
    ];
    const poor = await formOf(out, 'Diễn biến hộ nghèo');
    expect(poor.numbers.slice(2)).toEqual(['C', '1', '2', '3', '4', '5', '6', '7', '8', '9=1-2-3-4+5+6+7+8']);
    // Two rows a unit: households, then persons.
    const names = expected.map((r) => (r.level === 'total' ? 'Tổng cộng' : r.level === 'district' ? r.district : r.commune));
    expect(poor.rows.map((cells) => cells[1])).toEqual(names.flatMap((name) => [name, null]));
    expect(poor.rows.map((cells) => cells[2])).toEqual(names.flatMap(() => ['Số hộ', 'Số khẩu']));
    const flows = [
      'poor_start',
      'poor_to_near_poor',
      'poor_escaped',
      'poor_other_decrease',
      'near_poor_to_poor',
      'poor_re_entered',
      'poor_new',
      'poor_other_increase',
      'poor_end',
    ];
    expected.forEach((r, i) => {
      expect(poor.rows[2 * i]!.slice(3)).toEqual(flows.map((f) => Number(r[f])));
      expect(poor.rows[2 * i + 1]!.slice(3)).toEqual(flows.map((f) => Number(r[`${f}_persons`])));
    });
    const near = await formOf(out, 'Diễn biến hộ cận nghèo');
    const nearFlows = [
      'near_poor_start',
      'near_poor_to_poor',
      'near_poor_escaped',
      'near_poor_other_decrease',
      'poor_to_near_poor',
      'near_poor_re_entered',
      'near_poor_new',
      'near_poor_other_increase',
      'near_poor_end',
    ];
    expected.forEach((r, i) => expect(near.rows[2 * i]!.slice(3)).toEqual(nearFlows.map((f) => Number(r[f]))));
    // Column 9 is a live formula of columns 1–8; district rows sum their communes' rows of the same kind.
    const sheet = (await workbook(out)).getWorksheet('Diễn biến hộ nghèo')!;
    const first = poor.firstRow;
    expect(sheet.getCell(`L${first + 2}`).value).toMatchObject({
      formula: `D${first + 2}-E${first + 2}-F${first + 2}-G${first + 2}+H${first + 2}+I${first + 2}+J${first + 2}+K${first + 2}`,
    });
    expect(sheet.getCell(`D${first}`).value).toEqual({
      formula: `SUM(D${first + 2},D${first + 4},D${first + 6},D${first + 8})`,
      result: Number(expected[0]!.poor_start),
    });
    expect(sheet.getCell(`D${first + 1}`).value).toEqual({
      formula: `SUM(D${first + 3},D${first + 5},D${first + 7},D${first + 9})`,
      result: Number(expected[0]!.poor_start_persons),
    });
    const changes = await formOf(out, 'Thay đổi tỷ lệ');
    changes.rows.forEach((cells, i) =>
      expect(cells.slice(2, 6)).toEqual(
        ['poor_rate_before', 'poor_rate_after', 'poor_rate_change_pp', 'poor_reduction_pp_per_year'].map((c) => Number(expected[i]![c])),
      ),
    );
    const target = await formOf(out, 'Chỉ tiêu');
    target.rows.forEach((cells, i) => {
      const met = expected[i]!.poor_reduction_target_met;
      expect(cells.slice(2, 5)).toEqual([3, Number(expected[i]!.poor_reduction_pp_per_year), met === '1' ? 'Đạt' : 'Không đạt']);
    });

    // Not only equal to compare: every cell as counted from the two raw rolls, household by household, by the contract's definitions.
    const levels = ['district', 'commune', 'total'] as const;
    const before = Object.fromEntries(levels.map((level) => [level, referenceHouseholds(DEMO_2023, level)]));
    const after = Object.fromEntries(levels.map((level) => [level, referenceHouseholds(DEMO_2024, level)]));
    const flowsOf = Object.fromEntries(levels.map((level) => [level, referenceFlows([before[level]!, after[level]!], 0)]));
    const areasBefore = referenceAreas(DEMO_2023);
    const areasAfter = referenceAreas(DEMO_2024);
    const personsOf = (roll: { area: string; class: string; members: number }[], key: string) =>
      roll.filter((h) => h.area === key && h.class === 'poor').reduce((n, h) => n + h.members, 0);
    expected.forEach((r, i) => {
      const level = r.level as (typeof levels)[number];
      const key = areaKey(level, r);
      const want = flowsOf[level]!.get(key) ?? {};
      expect(poor.rows[2 * i]!.slice(3), `${key} poor flows`).toEqual(flows.map((f) => want[f] ?? 0));
      expect(near.rows[2 * i]!.slice(3), `${key} near-poor flows`).toEqual(nearFlows.map((f) => want[f] ?? 0));
      // Persons at the start and the end: members of the households poor in each roll.
      expect([poor.rows[2 * i + 1]![3], poor.rows[2 * i + 1]![11]], `${key} poor persons`).toEqual([
        personsOf(before[level]!, key),
        personsOf(after[level]!, key),
      ]);
      const b = areasBefore.get(key)!;
      const a = areasAfter.get(key)!;
      const reduction = referenceChange(b.poor, b.households, a.poor, a.households);
      expect(changes.rows[i]!.slice(2, 6), `${key} rates`).toEqual([
        Number(referenceRate(b.poor, b.households)),
        Number(referenceRate(a.poor, a.households)),
        Number(referenceChange(a.poor, a.households, b.poor, b.households)),
        Number(reduction),
      ]);
      // Met when (b/B − a/A) × 100 ≥ 3 points in the one year 2023 → 2024, compared exactly.
      const met = (b.poor * a.households - a.poor * b.households) * 100 >= 3 * a.households * b.households;
      expect(target.rows[i]!.slice(2, 5), `${key} target`).toEqual([3, Number(reduction), met ? 'Đạt' : 'Không đạt']);
    });
    // The demo's first district by hand: 400 households in each roll.
    expect([areasBefore.get(areaKey('district', expected[0]!))!.households, areasAfter.get(areaKey('district', expected[0]!))!.households]).toEqual([400, 400]);
  });

  it('puts rolls from before the July 2025 reform on the new communes of the change sheets with --crosswalk', async () => {
    const dir = tempDir();
    const roll = (year: number, rows: string[]) => {
      const path = join(dir, `c-${year}.csv`);
      writeFileSync(path, ['household_id,province,district,commune,area,review_year,members,standard,deprived,class', ...rows].join('\n') + '\n');
      return path;
    };
    const before = roll(2024, ['A1,Tỉnh Thử,Huyện Cũ,Xã An,rural,2024,3,nd07-2021,,poor', 'B1,Tỉnh Thử,Huyện Cũ,Xã Bình,rural,2024,3,nd07-2021,,poor']);
    const after = roll(2025, ['A1,Tỉnh Thử,,Xã An Bình,rural,2025,3,nd07-2021,,non_poor', 'B1,Tỉnh Thử,,Xã An Bình,rural,2025,3,nd07-2021,,poor']);
    const crosswalk = join(dir, 'cw.csv');
    writeFileSync(crosswalk, 'old_district,old_commune,new_commune\nHuyện Cũ,Xã An,Xã An Bình\nHuyện Cũ,Xã Bình,Xã An Bình\n');
    const out = join(dir, 'summary.xlsx');
    const { code, stderr } = await runCli(['report', before, after, '-o', out, '--crosswalk', crosswalk, '--by', 'commune']);
    expect(code, stderr).toBe(0);
    expect(stderr).toContain('2 households placed on the new units for the change sheets');
    const flows = await formOf(out, 'Diễn biến hộ nghèo');
    expect(flows.rows.map((cells) => cells[1])).toEqual(['Xã An Bình', null, 'Tổng cộng', null]);
    expect(flows.rows[0]!.slice(3)).toEqual([2, 0, 1, 0, 0, 0, 0, 0, 1]);
  });

  it('leaves the change sheets out with --no-change-sheets', async () => {
    const out = join(tempDir(), 'summary.xlsx');
    expect((await runCli(['-q', 'run', DEMO_2023, DEMO_2024, '-o', out, '--no-change-sheets'])).code).toBe(0);
    const names = (await workbook(out)).worksheets.map((w) => w.name);
    expect(names).toContain('Biểu 01 2024');
    expect(names.filter((n) => /Diễn biến|Thay đổi/.test(n))).toEqual([]);
  });

  it('writes no change sheets for a single roll', async () => {
    const out = join(tempDir(), 'summary.xlsx');
    const { code, stderr } = await runCli(['run', DEMO_2024, '-o', out]);
    expect(code, stderr).toBe(0);
    expect((await workbook(out)).worksheets.map((w) => w.name)).toEqual([
      'Cơ sở số liệu',
      'Biểu 01',
      'Biểu 04-05',
      'Biểu 06-07',
      'Biểu 08',
      'Biểu 09',
      'Biểu 10',
      'Biểu 12',
      'Biểu 13',
      'Biểu đồ',
      'Kiểm tra phân loại',
      'Đọc dữ liệu',
      'Thông tin',
    ]);
  });
});

describe('povroll run', () => {
  it('writes form 1 per year, districts in bold over their communes, whose numbers equal the rates command', async () => {
    const out = join(tempDir(), 'summary.xlsx');
    const { code, stderr } = await runCli(['run', DEMO_2023, DEMO_2024, '-o', out]);
    expect(code).toBe(0);
    expect(stderr).toContain(
      `Wrote ${out} (24 sheets: Cơ sở số liệu, Biểu 01 2023, Biểu 04-05 2023, Biểu 06-07 2023, Biểu 08 2023, Biểu 09 2023, Biểu 10 2023, Biểu 12 2023, Biểu 13 2023, Biểu 01 2024, Biểu 04-05 2024, Biểu 06-07 2024, Biểu 08 2024, Biểu 09 2024, Biểu 10 2024, Biểu 12 2024, Biểu 13 2024, Biểu đồ, Thay đổi tỷ lệ, Diễn biến hộ nghèo, Diễn biến hộ cận nghèo, Kiểm tra phân loại, Đọc dữ liệu, Thông tin)`,
    );
    const book = await workbook(out);
    const classified = join(tempDir(), 'c.csv');
    await runCli(['-q', 'classify', DEMO_2024, '-o', classified]);
    const rates = records((await runCli(['-q', 'rates', classified, '--by', 'district,commune'])).stdout);
    const districts = rates.filter((r) => r.level === 'district');
    const expected = [
      ...districts.flatMap((d) => [d, ...rates.filter((r) => r.level === 'commune' && r.district_code === d.district_code)]),
      rates.find((r) => r.level === 'total')!,
    ];
    const sheet = book.getWorksheet('Biểu 01 2024')!;
    const form = await formOf(out, 'Biểu 01 2024');
    expect(form.numbers).toEqual(['A', 'B', '1', '2', '3', '4=3/1*100', '5', '6=5/1*100', '7', '8=7/1*100', '9', '10=9/2*100', '11', '12=11/2*100', '13']);
    expect(form.rows).toHaveLength(expected.length);
    const columns = [
      'households',
      'persons',
      'poor',
      'poor_rate',
      'near_poor',
      'near_poor_rate',
      'average',
      'average_rate',
      'poor_persons',
      'poor_persons_rate',
      'near_poor_persons',
      'near_poor_persons_rate',
      'unclassified',
    ];
    form.rows.forEach((cells, i) => {
      const r = expected[i]!;
      expect(cells[1]).toBe(r.level === 'total' ? 'Tổng cộng' : r.level === 'district' ? r.district : r.commune);
      expect(cells.slice(2), `${r.level} ${r.commune ?? r.district}`).toEqual(columns.map((c) => Number(r[c])));
    });
    expect(form.rows.map((cells) => cells[0])).toEqual(['I', '1', '2', '3', '4', 'II', '1', '2', '3', '4', 'III', '1', '2', '3', '4', null]);
    // District rows are bold; their counts are live sums of their communes, rates live formulas, with the values cached.
    const district = sheet.getRow(form.firstRow);
    expect(district.getCell(2).font?.bold).toBe(true);
    expect(district.getCell(3).value).toEqual({ formula: `SUM(C${form.firstRow + 1}:C${form.firstRow + 4})`, result: 400 });
    const commune = sheet.getRow(form.firstRow + 1);
    expect(commune.getCell(2).font?.bold).toBeFalsy();
    expect(commune.getCell(6).value).toEqual({ formula: `ROUND(E${form.firstRow + 1}/C${form.firstRow + 1}*100,2)`, result: Number(expected[1]!.poor_rate) });
    const total = sheet.getRow(form.firstRow + form.rows.length - 1);
    expect(total.getCell(3).value).toEqual({ formula: `SUM(C${form.firstRow},C${form.firstRow + 5},C${form.firstRow + 10})`, result: 1200 });
    // Not only equal to rates: each year's form as counted from its raw roll.
    for (const [year, roll] of [
      [2023, DEMO_2023],
      [2024, DEMO_2024],
    ] as const) {
      const rows = (await formOf(out, `Biểu 01 ${year}`)).rows;
      expect(
        rows.map((cells) => cells.slice(2)),
        `Biểu 01 ${year}`,
      ).toEqual(
        referenceForm1(
          roll,
          rows.map((cells) => cells[1]),
        ),
      );
    }
  });

  it('writes the deprivations of poor and near-poor households (forms 4–7) equal to the rates command, and plain numbers with --values-only', async () => {
    const out = join(tempDir(), 'summary.xlsx');
    expect((await runCli(['-q', 'run', DEMO_2024, '-o', out, '--values-only'])).code).toBe(0);
    const book = await workbook(out);
    book.eachSheet((sheet) => sheet.eachRow((r) => r.eachCell((cell) => expect(cell.formula, `${sheet.name}!${cell.address}`).toBeUndefined())));
    const classified = join(tempDir(), 'c.csv');
    await runCli(['-q', 'classify', DEMO_2024, '-o', classified]);
    const total = records((await runCli(['-q', 'rates', classified, '--by', 'commune'])).stdout).find((r) => r.level === 'total')!;
    const poor = await formOf(out, 'Biểu 04-05');
    const last = poor.rows[poor.rows.length - 1]!;
    expect(last[2]).toBe(Number(total.poor));
    // Twelve terms printed as a form prints a long sum; check reads it back as 3+5+7+…+25.
    expect(poor.numbers.slice(2, 6)).toEqual(['1', '2=3+5+…+25', '3', '4=3/1*100']);
    const header = (book.getWorksheet('Biểu 04-05')!.getRow(poor.firstRow - 3).values as unknown[]).slice(1).map(String);
    const water = header.indexOf('Nguồn nước sinh hoạt');
    expect(water).toBeGreaterThan(0);
    expect(last[water]).toBe(Number(total.poor_d_water));
    const near = await formOf(out, 'Biểu 06-07');
    expect(near.rows[near.rows.length - 1]![2]).toBe(Number(total.near_poor));
    // Not only equal to rates: the total counted from the raw roll, the share rounded half up independently.
    const counted = referenceAreas(DEMO_2024).get('total')!;
    const poorWater = counted.poorDeprived.water ?? 0;
    expect(poorWater).toBeGreaterThan(0);
    expect([last[2], last[water], last[water + 1]]).toEqual([counted.poor, poorWater, Number(referenceRate(poorWater, counted.poor))]);
    expect(near.rows[near.rows.length - 1]![2]).toBe(counted.nearPoor);
  });

  it('lists the households whose recorded class disagrees with the rules, without names unless asked, and how each file was read', async () => {
    const dir = tempDir();
    const classified = join(dir, 'c.csv');
    await runCli(['-q', 'classify', DEMO_2024, '-o', classified]);
    const mismatched = records(readFileSync(classified, 'utf8')).filter((r) => r.class_mismatch === '1');
    expect(mismatched.length).toBeGreaterThan(0);
    const out = join(dir, 'summary.xlsx');
    expect((await runCli(['-q', 'run', DEMO_2024, '-o', out])).code).toBe(0);
    const audit = await formOf(out, 'Kiểm tra phân loại');
    expect(audit.rows.map((cells) => cells[1])).toEqual(mismatched.map((r) => r.household_id));
    const labels: Record<string, string> = { poor: 'Hộ nghèo', near_poor: 'Hộ cận nghèo', average: 'Hộ có mức sống trung bình', non_poor: 'Hộ không nghèo' };
    const rowOf = new Map(records(readFileSync(DEMO_2024, 'utf8')).map((r, i) => [r.household_id, i + 2]));
    audit.rows.forEach((cells, i) => {
      const r = mismatched[i]!;
      // The indicators by their names in the law, not their codes; the source by the file's name, not its folder.
      const deprived = r
        .deprived!.split(';')
        .filter(Boolean)
        .map((code) => INDICATOR_NAMES[code])
        .join('; ');
      expect(cells.slice(2, 12)).toEqual([
        r.district,
        r.commune,
        r.village,
        2024,
        labels[r.recorded_class!],
        labels[r.class!],
        Number(r.income_per_capita),
        Number(r.deprivation_count),
        deprived || null,
        `roll-2024.csv!${rowOf.get(r.household_id)}`,
      ]);
    });
    const named = join(dir, 'named.xlsx');
    await runCli(['-q', 'run', DEMO_2024, '-o', named, '--with-names']);
    const withNames = await formOf(named, 'Kiểm tra phân loại');
    expect(withNames.rows.map((cells) => cells[2])).toEqual(mismatched.map((r) => r.head_name));
    const reading = await formOf(out, 'Đọc dữ liệu');
    expect(reading.numbers.slice(2)).toEqual(['1=2+3+4+5', '2', '3', '4', '5']);
    expect(reading.rows[0]!.slice(1)).toEqual([DEMO_2024, 1200, 1200, 0, 0, 0]);
  });

  it('writes forms 8, 9, 10 and 12 whose totals equal an independent count of the roll', async () => {
    const out = join(tempDir(), 'summary.xlsx');
    expect((await runCli(['-q', 'run', DEMO_2024, '-o', out])).code).toBe(0);
    const households = records(readFileSync(DEMO_2024, 'utf8')).map((r) => {
      const deprived = referenceIndicators(2024).filter((code) => r[`d_${code}`] === '1').length;
      const klass =
        r.income_per_capita === ''
          ? 'unclassified'
          : referenceClass(2024, r.area as 'rural' | 'urban', Number(r.income_per_capita), deprived, referenceFarm(r.farm_household, r.recorded_class));
      const household: Record<string, string> = { ...r, klass };
      return household;
    });
    const poor = households.filter((h) => h.klass === 'poor');
    const near = households.filter((h) => h.klass === 'near_poor');
    const groups = (list: typeof poor) => {
      const minority = list.filter((h) => h.ethnic_minority === '1');
      const noLabor = list.filter((h) => h.ethnic_minority !== '1' && h.no_labor_capacity === '1');
      const merit = list.filter((h) => h.ethnic_minority !== '1' && h.no_labor_capacity !== '1' && h.merit_policy === '1');
      return [list.length, minority.length, noLabor.length, merit.length, list.length - minority.length - noLabor.length - merit.length];
    };
    const last = async (sheet: string) => (await formOf(out, sheet)).rows.at(-1)!;
    expect((await last('Biểu 08')).slice(2)).toEqual([...groups(poor), ...groups(near)]);
    const form9 = await formOf(out, 'Biểu 09');
    const byGroup = (name: string) => poor.filter((h) => h.ethnicity === name).length;
    expect(form9.rows.at(-1)!.slice(2, 5)).toEqual([poor.length, byGroup('Kinh'), poor.filter((h) => h.ethnic_minority === '1').length]);
    const causes: Record<string, number> = {
      'Thiếu đất sản xuất': 0,
      'Thiếu vốn': 1,
      'Thiếu lao động': 2,
      'Thiếu kỹ năng lao động': 5,
      'Ốm đau, bệnh nặng': 6,
    };
    const expectedCauses = new Array(8).fill(0);
    for (const h of poor) if (h.poverty_cause !== '') expectedCauses[causes[h.poverty_cause!]!] += 1;
    expect((await last('Biểu 10')).slice(2)).toEqual([poor.length, ...expectedCauses, poor.filter((h) => h.poverty_cause === '').length]);
    const minorityHouseholds = households.filter((h) => h.ethnic_minority === '1');
    const form12 = await last('Biểu 12');
    const poorMinority = poor.filter((h) => h.ethnic_minority === '1');
    expect(form12.slice(2, 5)).toEqual([1200, 1200 - minorityHouseholds.length, minorityHouseholds.length]);
    expect(form12.slice(8, 13)).toEqual([
      poor.length,
      poorMinority.length,
      poor.filter((h) => h.merit_policy === '1').length,
      poor.filter((h) => h.no_labor_capacity === '1').length,
      poor.filter((h) => h.female_head === '1').length,
    ]);
    expect(form12[16]).toBe(Number(referenceRate(poorMinority.length, minorityHouseholds.length)));
  });

  it('draws the poor and near-poor rates per commune, and the change, as native bar charts over the chart sheet’s table', async () => {
    const out = join(tempDir(), 'summary.xlsx');
    expect((await runCli(['-q', 'run', DEMO_2023, DEMO_2024, '-o', out])).code).toBe(0);
    const zip = await JSZip.loadAsync(readFileSync(out));
    const table = await formOfRows(out, 'Biểu đồ');
    expect(table).toHaveLength(12);
    // Repeated commune names carry their district.
    expect(table[0]![1]).toBe('Thị trấn An Kim (Huyện Bắc Kim)');
    const first = await zip.file('xl/charts/chart1.xml')!.async('string');
    const values = [...first.matchAll(/<c:numCache>(.*?)<\/c:numCache>/g)].map((m) => [...m[1]!.matchAll(/<c:v>([^<]*)<\/c:v>/g)].map((v) => Number(v[1])));
    expect(values[0]).toEqual(table.map((cells) => cells[2]));
    expect(values[1]).toEqual(table.map((cells) => cells[3]));
    expect(first).toContain("<c:f>'Biểu đồ'!$C$5:$C$16</c:f>");
    expect(await zip.file('xl/charts/chart2.xml')!.async('string')).toContain('Tỷ lệ hộ nghèo năm 2023 và năm 2024 (%)');
    const types = await zip.file('[Content_Types].xml')!.async('string');
    expect(types).toContain('/xl/drawings/drawing1.xml');
    const sheetNumber = (await workbook(out)).worksheets.findIndex((w) => w.name === 'Biểu đồ') + 1;
    expect(await zip.file(`xl/worksheets/sheet${sheetNumber}.xml`)!.async('string')).toContain('<drawing r:id="rIdPovrollDrawing"/>');
  });

  it('keeps personal data out of the summary', async () => {
    const out = join(tempDir(), 'summary.xlsx');
    await runCli(['-q', 'run', DEMO_2024, '-o', out]);
    const book = await workbook(out);
    const names = new Set(records((await import('node:fs')).readFileSync(DEMO_2024, 'utf8')).map((r) => r.head_name));
    book.eachSheet((sheet) => sheet.eachRow((r) => r.eachCell((cell) => expect(names.has(String(cell.value)), `${sheet.name}!${cell.address}`).toBe(false))));
  });

  it('writes English labels with --lang en, and an information sheet with the inputs’ SHA-256', async () => {
    const out = join(tempDir(), 'summary.xlsx');
    const { code } = await runCli(['-q', '--lang', 'en', 'run', DEMO_2024, '-o', out]);
    expect(code).toBe(0);
    const book = await workbook(out);
    expect(book.worksheets.map((s) => s.name)).toEqual([
      'Basis',
      'Form 01',
      'Form 04-05',
      'Form 06-07',
      'Form 08',
      'Form 09',
      'Form 10',
      'Form 12',
      'Form 13',
      'Charts',
      'Class check',
      'Reading',
      'Information',
    ]);
    const info = book.getWorksheet('Information')!;
    const values = info.getSheetValues().flat().map(String);
    const { createHash } = await import('node:crypto');
    const sha = createHash('sha256')
      .update((await import('node:fs')).readFileSync(DEMO_2024))
      .digest('hex');
    expect(values).toContain(sha);
    expect(values).toContain('Multidimensional poverty standard 2022–2025 (nd07-2021)');
    expect(values.some((v) => /\d{4}-\d{2}-\d{2}T/.test(v))).toBe(false);
    const headings = book.getWorksheet('Form 04-05')!.getSheetValues().flat().map(String);
    expect(headings).toContain('Domestic water');
    expect(headings).not.toContain('Waste');
  });

  it('gives the same bytes for the same inputs: no clock time in the zip or the document', async () => {
    const dir = tempDir();
    await runCli(['-q', 'run', DEMO_2024, '-o', join(dir, 'a.xlsx')]);
    await runCli(['-q', 'run', DEMO_2024, '-o', join(dir, 'b.xlsx')]);
    const bytes = readFileSync(join(dir, 'a.xlsx'));
    expect(bytes.equals(readFileSync(join(dir, 'b.xlsx')))).toBe(true);
    const zip = await JSZip.loadAsync(bytes);
    const years = new Set(Object.values(zip.files).map((entry) => entry.date.getFullYear()));
    expect(years).toEqual(new Set([2000]));
    expect(await zip.file('docProps/core.xml')!.async('string')).toContain('2000-01-01T12:00:00Z');
  });

  it('refuses an output in a missing folder, or one that would overwrite an input', async () => {
    const dir = tempDir();
    const missing = await runCli(['run', DEMO_2024, '-o', join(dir, 'nope', 's.xlsx')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`the folder "${join(dir, 'nope')}" does not exist`);
    const overwrite = await runCli(['run', DEMO_2024, '-o', DEMO_2024]);
    expect(overwrite.code).toBe(1);
    expect(overwrite.stderr).toContain('it is also an input; choose another output path');
    expect(readFileSync(DEMO_2024, 'utf8').startsWith('household_id,')).toBe(true);
  });

  it('leaves no file behind when it fails', async () => {
    const dir = folderWith({ 'bad.csv': `${HEADER}\n${row({ income_per_capita: 'x' })}\n` });
    const out = join(dir, 'summary.xlsx');
    const { code, stderr } = await runCli(['run', join(dir, 'bad.csv'), '-o', out, '--strict']);
    expect(code).toBe(1);
    expect(stderr).toContain('row 2, column "income_per_capita"');
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir)).toEqual(['bad.csv']);
  });

  it('drops the district level for rolls after the 2025 reform', async () => {
    const dir = folderWith({ 'r.csv': `${HEADER}\n${row({ review_year: '2025', district: '', district_code: '' })}\n` });
    const out = join(dir, 'summary.xlsx');
    // One near-poor household is no real commune: the list rule is set aside here.
    await runCli(['-q', 'run', join(dir, 'r.csv'), '-o', out, '--max-poor-share', '100']);
    const book = await workbook(out);
    expect(book.worksheets.map((s) => s.name)).toEqual([
      'Cơ sở số liệu',
      'Biểu 01',
      'Biểu 04-05',
      'Biểu 06-07',
      'Biểu 08',
      'Biểu đồ',
      'Kiểm tra phân loại',
      'Đọc dữ liệu',
      'Thông tin',
    ]);
    // After the reform there are no districts: the communes are listed straight under the province.
    expect((await formOf(out, 'Biểu 01')).rows.map((cells) => cells[1])).toEqual(['Xã Một', 'Tổng cộng']);
  });
});

describe('povroll report', () => {
  it('summarises classified rolls like run does', async () => {
    const dir = tempDir();
    await runCli(['-q', 'classify', DEMO_2024, '-o', join(dir, 'c.csv')]);
    await runCli(['-q', 'report', join(dir, 'c.csv'), '-o', join(dir, 'report.xlsx'), '--by', 'district']);
    await runCli(['-q', 'run', DEMO_2024, '-o', join(dir, 'run.xlsx'), '--by', 'district']);
    const report = await formOf(join(dir, 'report.xlsx'), 'Biểu 01');
    const run = await formOf(join(dir, 'run.xlsx'), 'Biểu 01');
    expect(report.rows).toEqual(run.rows);
    expect(report.rows).toHaveLength(4);
    // Not only equal to run: the districts and the total as counted from the raw roll.
    expect(report.rows.map((cells) => cells.slice(2))).toEqual(
      referenceForm1(
        DEMO_2024,
        report.rows.map((cells) => cells[1]),
      ),
    );
    expect(report.rows.map((cells) => cells[2])).toEqual([400, 400, 400, 1200]);
  });
});

describe('povroll run at a terminal', () => {
  it('ends with a table of the latest year by district, and prints none into a pipe', async () => {
    const { memoryIo } = await import('../support/memory-io.js');
    const { main } = await import('../../src/cli.js');
    const out = join(tempDir(), 'summary.xlsx');
    const io = memoryIo({ tty: true, env: { NO_COLOR: '1' } });
    expect(await main(['run', DEMO_2024, '-o', out], io)).toBe(0);
    const lines = io.err().split('\n');
    const from = lines.indexOf('Năm rà soát 2024:');
    expect(from).toBeGreaterThan(-1);
    const table = lines.slice(from + 2, from + 6).map((l) => l.trim().split(/\s{2,}/));
    // Independently: the households, poor and near-poor of each district, and the rates, from the reference classifier.
    const households = records(readFileSync(DEMO_2024, 'utf8'));
    for (const row of table) {
      const [name, count, poor, poorRate, near, nearRate] = row;
      const mine = name === 'Tổng cộng' ? households : households.filter((h) => h.district === name);
      const classes = mine.map((r) =>
        referenceClass(
          2024,
          r.area as 'rural' | 'urban',
          r.income_per_capita === '' ? NaN : Number(r.income_per_capita),
          referenceIndicators(2024).filter((c) => r[`d_${c}`] === '1').length,
          referenceFarm(r.farm_household, r.recorded_class),
        ),
      );
      const n = (k: string) => classes.filter((c) => c === k).length;
      expect([count, poor, poorRate, near, nearRate], name).toEqual([
        mine.length.toLocaleString('en'),
        String(n('poor')),
        referenceRate(n('poor'), mine.length),
        String(n('near_poor')),
        referenceRate(n('near_poor'), mine.length),
      ]);
    }
    const piped = await runCli(['run', DEMO_2024, '-o', join(tempDir(), 'summary.xlsx')]);
    expect(piped.stderr).not.toContain('Năm rà soát 2024:');
  });
});
