import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { referenceRate } from '../support/reference.js';
import { referenceChange, referenceRows } from '../support/reference-areas.js';
import { DEMO_2023, DEMO_2024, records, runCli, tempDir } from '../support/run-cli.js';

const BAC_KIM = 'Huyện Bắc Kim';
const WARNING = `warning: --only district=${BAC_KIM}: the totals are of the units selected, not of the whole roll\n`;

let classifiedDemo: string | undefined;

/** The demo roll of 2024, classified once for the file. */
async function classified2024(): Promise<string> {
  if (classifiedDemo !== undefined) return classifiedDemo;
  const out = join(tempDir(), 'classified-2024.csv');
  const { code, stderr } = await runCli(['-q', 'classify', DEMO_2024, '-o', out]);
  expect(code, stderr).toBe(0);
  return (classifiedDemo = out);
}

/**
 * Counts of one district straight from the demo roll's rows, classes by the
 * independent reference classifier (not by classify, which --only must agree with
 * only on the way to these numbers).
 */
function districtCounts(district: string, roll = DEMO_2024) {
  const raw = records(readFileSync(roll, 'utf8')).filter((r) => r.district === district);
  const rows = referenceRows(roll).filter((r) => r.row.district === district);
  const count = (klass: string) => rows.filter((r) => r.class === klass).length;
  return {
    households: raw.length,
    persons: raw.reduce((n, r) => n + Number(r.members), 0),
    poor: count('poor'),
    nearPoor: count('near_poor'),
    average: count('average'),
    unclassified: count('unclassified'),
    communes: new Set(raw.map((r) => r.commune_code)),
  };
}

describe('--only: the households of some units', () => {
  it('gives rates of the selected district alone, whose total is the sum counted from the roll, and says so', async () => {
    const roll = await classified2024();
    const { code, stdout, stderr } = await runCli(['rates', roll, '--by', 'province,district,commune', '--only', `district=${BAC_KIM}`]);
    expect(code, stderr).toBe(0);
    const rows = records(stdout);
    const expected = districtCounts(BAC_KIM);
    expect(expected.households).toBe(400);
    // Only the district, its communes, the province as the sum of them, and the total.
    expect(rows.filter((r) => r.level === 'district').map((r) => r.district)).toEqual([BAC_KIM]);
    expect(new Set(rows.filter((r) => r.level === 'commune').map((r) => r.commune_code))).toEqual(expected.communes);
    expect(rows.every((r) => r.level === 'total' || r.district === BAC_KIM || r.level === 'province')).toBe(true);
    for (const level of ['total', 'province', 'district']) {
      const row = rows.find((r) => r.level === level)!;
      expect(row, level).toMatchObject({
        households: String(expected.households),
        persons: String(expected.persons),
        poor: String(expected.poor),
        near_poor: String(expected.nearPoor),
        average: String(expected.average),
        unclassified: String(expected.unclassified),
        poor_rate: referenceRate(expected.poor, expected.households),
      });
    }
    // No column is added: the output has the columns of rates without --only.
    const all = await runCli(['-q', 'rates', roll, '--by', 'province,district,commune']);
    expect(stdout.split('\n')[0]).toBe(all.stdout.split('\n')[0]);
    // The selected district's rows are those of the whole roll, where the province and total differ.
    const whole = records(all.stdout);
    expect(rows.filter((r) => r.level === 'district' || r.level === 'commune')).toEqual(
      whole.filter((r) => r.district === BAC_KIM && (r.level === 'district' || r.level === 'commune')),
    );
    expect(whole.find((r) => r.level === 'total')!.households).toBe('1200');
    expect(stderr).toContain(WARNING);
    expect(stderr).toContain(`${roll}: 400 households used; 800 households outside --only, not used\n`);
  });

  it('matches names without regard to case and diacritics, and codes with or without leading zeros', async () => {
    const roll = await classified2024();
    const exact = await runCli(['-q', 'rates', roll, '--by', 'commune', '--only', `district=${BAC_KIM}`]);
    const loose = await runCli(['-q', 'rates', roll, '--by', 'commune', '--only', 'District=  HUYEN bac kim ']);
    expect(loose.code).toBe(0);
    expect(loose.stdout).toBe(exact.stdout);
    const byCode = await runCli(['-q', 'rates', roll, '--by', 'commune', '--only', 'commune_code=12']);
    expect(records(byCode.stdout).map((r) => [r.level, r.commune_code, r.district])).toEqual([
      ['commune', '00012', 'Huyện Ngọc Nam'],
      ['total', '', ''],
    ]);
  });

  it('takes several units, a household in any of them counting once', async () => {
    const roll = await classified2024();
    const { code, stdout, stderr } = await runCli([
      'rates',
      roll,
      '--by',
      'district',
      '--only',
      `district=${BAC_KIM}`,
      '--only',
      'commune_code=00005',
      '--only',
      'commune=Xã Bình Phú',
    ]);
    expect(code, stderr).toBe(0);
    const rows = records(stdout);
    // Bắc Kim whole (its Xã Bình Phú once), Sơn Minh's 00005 and Xã Bình Phú, Ngọc Nam's Xã Bình Phú.
    expect(rows.map((r) => [r.level, r.district, r.households])).toEqual([
      ['district', BAC_KIM, '400'],
      ['district', 'Huyện Sơn Minh', '200'],
      ['district', 'Huyện Ngọc Nam', '100'],
      ['total', '', '700'],
    ]);
    expect(stderr).toContain(
      `warning: --only district=${BAC_KIM} --only commune_code=00005 --only commune=Xã Bình Phú: the totals are of the units selected, not of the whole roll\n`,
    );
  });

  it('counts the households outside the selection among the skipped rows, so that every row read is accounted for', async () => {
    const roll = await classified2024();
    const { code, stderr } = await runCli(['--verbose', 'rates', roll, '--by', 'district', '--only', `district=${BAC_KIM}`]);
    expect(code, stderr).toBe(0);
    expect(stderr).toMatch(
      new RegExp(
        `${roll.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: 1,200 rows = 400 households \\+ 0 rejected \\+ 800 skipped \\(800 outside --only\\) \\(SHA-256 [0-9a-f]{12}…\\)`,
      ),
    );
  });

  it('gives an area above the selected units the sum of their --totals, not its own', async () => {
    const roll = await classified2024();
    // Every commune of the province has a total; Bắc Kim's communes 00001–00004 have 120, 121, 122, 123.
    const lines = ['province_code,province,district_code,district,commune_code,commune,households'];
    for (const r of records(readFileSync(DEMO_2024, 'utf8'))) {
      const line = `${r.province_code},${r.province},${r.district_code},${r.district},${r.commune_code},${r.commune},${119 + Number(r.commune_code)}`;
      if (!lines.includes(line)) lines.push(line);
    }
    expect(lines).toHaveLength(13);
    const totals = join(tempDir(), 'totals.csv');
    writeFileSync(totals, lines.join('\n') + '\n');
    const { code, stdout, stderr } = await runCli(['rates', roll, '--by', 'province,district,commune', '--totals', totals, '--only', `district=${BAC_KIM}`]);
    expect(code, stderr).toBe(0);
    const rows = records(stdout);
    const poor = districtCounts(BAC_KIM).poor;
    for (const level of ['province', 'district', 'total']) {
      expect(
        rows.find((r) => r.level === level),
        level,
      ).toMatchObject({ households: String(120 + 121 + 122 + 123), poor: String(poor), poor_rate: referenceRate(poor, 486) });
    }
    expect(rows.find((r) => r.commune_code === '00003')!.households).toBe('122');
    // Without --only the province has all twelve communes' totals.
    const whole = records((await runCli(['-q', 'rates', roll, '--by', 'province', '--totals', totals])).stdout);
    expect(whole.find((r) => r.level === 'province')!.households).toBe(String(Array.from({ length: 12 }, (_, k) => 120 + k).reduce((a, b) => a + b, 0)));
  });

  it('writes a summary of the selected district only, and lists the selection on the information sheet', async () => {
    const out = join(tempDir(), 'bac-kim.xlsx');
    const { code, stderr } = await runCli(['run', DEMO_2024, '-o', out, '--only', `district=${BAC_KIM}`]);
    expect(code, stderr).toBe(0);
    expect(stderr).toContain(WARNING);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out);
    const form = tableRows(book.getWorksheet('Biểu 01')!);
    const units = form.map((r) => r[1]);
    expect(units).toContain(BAC_KIM);
    expect(units.filter((u) => typeof u === 'string' && /^(Xã|Thị trấn) /.test(u))).toEqual(['Thị trấn An Kim', 'Xã Vĩnh Minh', 'Xã Tây Nam', 'Xã Bình Phú']);
    expect(units).not.toContain('Huyện Sơn Minh');
    expect(units).not.toContain('Huyện Ngọc Nam');
    // The total row: households, persons and poor of the district alone, counted from the roll.
    const expected = districtCounts(BAC_KIM);
    const total = form[form.length - 1]!;
    expect([total[2], total[3], total[4]]).toEqual([expected.households, expected.persons, expected.poor]);
    const info: unknown[][] = [];
    book.getWorksheet('Thông tin')!.eachRow((row) => info.push((row.values as unknown[]).slice(1)));
    expect(info).toContainEqual([
      'Chỉ tổng hợp các đơn vị (--only)',
      `district=${BAC_KIM} (số tổng cộng là của các đơn vị này, không phải của toàn bộ danh sách)`,
    ]);
    // The reading sheet still adds up: 1,200 rows = 400 households + 800 skipped (outside the selection).
    const reading = tableRows(book.getWorksheet('Đọc dữ liệu')!);
    expect(reading[0]!.slice(2)).toEqual([1200, 400, 0, 0, 800]);
  });

  it('compares the selected district alone in both rolls, its total equal to its own row', async () => {
    const { code, stdout, stderr } = await runCli(['compare', DEMO_2023, DEMO_2024, '--by', 'district,commune', '--only', `district=${BAC_KIM}`]);
    expect(code, stderr).toBe(0);
    expect(stderr).toContain(WARNING);
    const rows = records(stdout);
    expect(rows.filter((r) => r.level === 'district').map((r) => r.district)).toEqual([BAC_KIM]);
    expect(rows.filter((r) => r.level === 'commune')).toHaveLength(4);
    const whole = records((await runCli(['-q', 'compare', DEMO_2023, DEMO_2024, '--by', 'district,commune'])).stdout);
    const ranks = new Set(['reduction_rank', 'reduction_quintile']);
    const values = (r: Record<string, string>) => Object.fromEntries(Object.entries(r).filter(([k]) => !ranks.has(k)));
    // The district's rates and flows are those of the whole rolls; the total is the district's.
    const district = rows.find((r) => r.level === 'district')!;
    expect(values(district)).toEqual(values(whole.find((r) => r.level === 'district' && r.district === BAC_KIM)!));
    const total = rows.find((r) => r.level === 'total')!;
    for (const column of [
      'poor_rate_before',
      'poor_rate_after',
      'poor_start',
      'poor_escaped',
      'poor_end',
      'near_poor_start',
      'near_poor_end',
      'households_before',
      'households_after',
      'poor_reduction_pp_per_year',
    ]) {
      expect(total[column], column).toBe(district[column]);
    }
    expect(total.households_after).toBe('400');
    expect(whole.find((r) => r.level === 'total')!.households_after).toBe('1200');
    // Not only equal to the whole rolls' row: the district counted from the raw rolls by the reference classifier.
    const [before, after] = [districtCounts(BAC_KIM, DEMO_2023), districtCounts(BAC_KIM, DEMO_2024)];
    for (const row of [district, total]) {
      expect(row).toMatchObject({
        households_before: String(before.households),
        households_after: String(after.households),
        poor_rate_before: referenceRate(before.poor, before.households),
        poor_rate_after: referenceRate(after.poor, after.households),
        poor_start: String(before.poor),
        poor_end: String(after.poor),
        near_poor_start: String(before.nearPoor),
        near_poor_end: String(after.nearPoor),
        poor_reduction_pp_per_year: referenceChange(before.poor, before.households, after.poor, after.households),
      });
    }
  });

  it.each([
    [['Huyện Bắc Kim'], `"Huyện Bắc Kim" does not say which level it names; write LEVEL=NAME, e.g. district=Huyện Bắc Kim or commune_code=00012`],
    [['hamlet=Thôn Một'], `"hamlet" is not a level; use province, district, commune, village, province_code, district_code, commune_code`],
    [['village_code=7'], `"village_code" is not a level; use province, district, commune, village, province_code, district_code, commune_code`],
    [['district='], `"district=" names no district; write district=NAME`],
  ])('refuses --only %j as a usage error', async (only, message) => {
    for (const command of [
      ['rates', 'x.csv', '--by', 'district'],
      ['run', 'x.csv', '-o', 'x.xlsx'],
      ['compare', 'a.csv', 'b.csv', '--by', 'district'],
    ]) {
      const { code, stdout, stderr } = await runCli([...command, '--only', only[0]!]);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toBe(`error: option '--only <level=name>' argument '${only[0]}' is invalid. ${message}\n`);
    }
  });

  it('stops when no household is in the selection, naming what the rolls hold', async () => {
    const roll = await classified2024();
    const { code, stdout, stderr } = await runCli(['rates', roll, '--by', 'district', '--only', 'district=Huyện Bắc Kin']);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      `error: Cannot read roll "${roll}": no household is in district "Huyện Bắc Kin" (--only); the rolls name districts "Huyện Bắc Kim", "Huyện Sơn Minh", "Huyện Ngọc Nam"\n`,
    );
    const out = join(tempDir(), 'none.xlsx');
    const run = await runCli(['run', DEMO_2024, '-o', out, '--only', 'commune_code=99999']);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `error: Cannot classify roll "${DEMO_2024}": no household is in commune code "99999" (--only); the rolls name commune codes "00001", "00002", "00003", "00004", "00005", "00006", "00007", "00008"…\n`,
    );
    expect(() => readFileSync(out)).toThrow();
  });

  it('warns of a unit no household is in when others are', async () => {
    const roll = await classified2024();
    const { code, stdout, stderr } = await runCli(['rates', roll, '--by', 'district', '--only', `district=${BAC_KIM}`, '--only', 'commune=Xã Tân Lập']);
    expect(code, stderr).toBe(0);
    expect(records(stdout).map((r) => r.district)).toEqual([BAC_KIM, '']);
    expect(stderr).toContain(
      'warning: --only commune=Xã Tân Lập: no household is in commune "Xã Tân Lập"; the rolls name communes "Thị trấn An Kim", "Xã Vĩnh Minh", "Xã Tây Nam", "Xã Bình Phú"\n',
    );
  });

  it('reads the selection from the settings file, and --only on the command line wins', async () => {
    const roll = await classified2024();
    const dir = tempDir();
    writeFileSync(join(dir, 'povroll.json'), JSON.stringify({ by: 'district', only: ['district=Huyện Sơn Minh'] }));
    const fromFile = await runCli(['rates', roll], { cwd: dir });
    expect(fromFile.code, fromFile.stderr).toBe(0);
    expect(records(fromFile.stdout).map((r) => [r.district, r.households])).toEqual([
      ['Huyện Sơn Minh', '400'],
      ['', '400'],
    ]);
    expect(fromFile.stderr).toContain('warning: --only district=Huyện Sơn Minh: the totals are of the units selected, not of the whole roll\n');
    const given = await runCli(['-q', 'rates', roll, '--only', `district=${BAC_KIM}`], { cwd: dir });
    expect(records(given.stdout).map((r) => [r.district, r.households])).toEqual([
      [BAC_KIM, '400'],
      ['', '400'],
    ]);
  });
});

/** The rows of a table sheet below its numbering row ("A", "B", …; or its heading row), up to the first gap, as cached values. */
function tableRows(sheet: ExcelJS.Worksheet): unknown[][] {
  const rows: { number: number; cells: unknown[] }[] = [];
  sheet.eachRow((row, number) => rows.push({ number, cells: (row.values as unknown[]).map(cached) }));
  const start = rows.findIndex((r) => r.cells[1] === 'A' && r.cells[2] === 'B');
  const table: unknown[][] = [];
  let expected = rows[start]!.number + 1;
  for (const r of rows.slice(start + 1)) {
    if (r.number !== expected) break;
    expected += 1;
    table.push(r.cells.slice(1));
  }
  return table;
}

/** A formula cell's cached result (exceljs gives none for a cached 0: read as 0). */
function cached(value: unknown): unknown {
  if (typeof value === 'object' && value !== null && 'formula' in value) return (value as { result?: unknown }).result ?? 0;
  return value;
}
