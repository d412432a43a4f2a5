/**
 * Issue 10: povroll never writes a plausible wrong result. Each trap of
 * fixtures/traps/ (written by scripts/make-traps.ts) either stops with one
 * line naming file, field and fix, or goes on with a warning and leaves
 * unknown figures blank. Expected figures come from the fixtures' own data
 * through the independent reference classifier (test/support/reference.ts),
 * never from povroll.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { type RefClass, type RefResult, referenceClass, referenceFarm, referenceIndicators, referenceRate } from '../support/reference.js';
import { ROOT, records, runCli, tempDir } from '../support/run-cli.js';

const TRAPS = join(ROOT, 'fixtures/traps');
/** Runs povroll in the fixtures folder, so that file names appear in messages as given. */
const povroll = (argv: string[]) => runCli(argv, { cwd: TRAPS });

/** The lines of stderr, for full-line matches. */
const lines = (stderr: string) => stderr.split('\n');
/** Lines that are errors. */
const errors = (stderr: string) => lines(stderr).filter((l) => l.startsWith('error:'));

const ND07 = referenceIndicators(2024);

// ---------------------------------------------------------------------------
// Reading the fixtures independently of povroll
// ---------------------------------------------------------------------------

/** A household as the fixture states it: what the reference needs. */
interface Household {
  id: string;
  district: string;
  commune: string;
  area: 'rural' | 'urban';
  year: number;
  members: number | null;
  income: number | null;
  /** Indicator codes marked deprived; null where the fixture gives only a count. */
  deprived: string[] | null;
  deprivations: number | null;
  /**
   * Works in agriculture, forestry, fishery or salt-making (the average class is for those only): from the roll,
   * else its recorded class; null when neither says.
   */
  farm: boolean | null;
}

/** What each indicator heading of the fixtures means, by the law's names (Decree 07/2021). */
const HEADING_CODE: Record<string, string> = {
  'Việc làm': 'employment',
  'Người phụ thuộc': 'dependents',
  'Dinh dưỡng': 'nutrition',
  BHYT: 'health_insurance',
  'Bảo hiểm YT': 'health_insurance',
  'Giáo dục người lớn': 'adult_education',
  'Trẻ em đi học': 'child_schooling',
  'Chất lượng nhà ở': 'housing_quality',
  'DT nhà ở BQ': 'housing_area',
  'Nước SH': 'water',
  'Nhà tiêu HVS': 'latrine',
  'Dịch vụ viễn thông': 'telecom',
  'Phương tiện tiếp cận TT': 'information',
  'Thiếu hụt việc làm': 'employment',
  'Thiếu hụt người phụ thuộc': 'dependents',
  'Thiếu hụt dinh dưỡng': 'nutrition',
  'Thiếu hụt BHYT': 'health_insurance',
  'Thiếu hụt giáo dục người lớn': 'adult_education',
  'Thiếu hụt trẻ em đi học': 'child_schooling',
  'Thiếu hụt chất lượng nhà ở': 'housing_quality',
  'Thiếu hụt diện tích nhà ở': 'housing_area',
  'Thiếu hụt nước sinh hoạt': 'water',
  'Thiếu hụt nhà tiêu hợp vệ sinh': 'latrine',
  'Thiếu hụt dịch vụ viễn thông': 'telecom',
  'Thiếu hụt tiếp cận thông tin': 'information',
};

const areaOfCommune = (commune: string): 'rural' | 'urban' => (/^(Thị trấn|Phường)\s/.test(commune) ? 'urban' : 'rural');
/** "1.500.000" (Vietnamese thousands separators) → 1500000; blank → null. */
const vietnameseAmount = (text: string): number | null => (text.trim() === '' ? null : Number(text.replace(/\./g, '')));
/** A class label as the fixtures write it ("Hộ có mức sống trung bình"): only an average household is a farm household of the band; blank says nothing. */
const farmOfLabel = (label: string | undefined): boolean | null => (label === undefined || label.trim() === '' ? null : /trung bình/i.test(label));

function excelCellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object' && 'richText' in value) return value.richText.map((r) => r.text).join('');
  if (typeof value === 'object' && 'result' in value) return String(value.result ?? '');
  return String(value);
}

async function readBook(path: string): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(path);
  return book;
}

/** Households of a district workbook laid out as offices do (a title with the year, a two-row header, person rows). */
async function workbookHouseholds(name: string): Promise<Household[]> {
  const book = await readBook(join(TRAPS, name));
  const households: Household[] = [];
  for (const sheet of book.worksheets) {
    let header = 0;
    let year = 0;
    for (let r = 1; r <= Math.min(sheet.rowCount, 40) && header === 0; r += 1) {
      const texts = (sheet.getRow(r).values as ExcelJS.CellValue[]).map(excelCellText);
      const titled = texts.map((t) => /NĂM (\d{4})/.exec(t)).find(Boolean);
      if (titled && year === 0) year = Number(titled[1]);
      if (texts.includes('Mã hộ')) header = r;
    }
    if (header === 0) continue;
    const top = sheet.getRow(header);
    const sub = sheet.getRow(header + 1);
    let idColumn = 0;
    let incomeColumn = 0;
    let classColumn = 0;
    const indicators: [number, string][] = [];
    for (let c = 1; c <= top.cellCount; c += 1) {
      const heading = excelCellText(top.getCell(c).value);
      if (heading === 'Mã hộ') idColumn = c;
      if (heading.startsWith('Thu nhập')) incomeColumn = c;
      if (heading === 'Phân loại hộ') classColumn = c;
      const code = HEADING_CODE[excelCellText(sub.getCell(c).value)];
      if (code !== undefined) indicators.push([c, code]);
    }
    expect(indicators.map(([, code]) => code).sort()).toEqual([...ND07].sort());
    for (let r = header + 3; r <= sheet.rowCount; r += 1) {
      const row = sheet.getRow(r);
      const id = excelCellText(row.getCell(idColumn).value);
      if (!/^\d{5}-\d{7}$/.test(id)) continue;
      const deprived = indicators.filter(([c]) => excelCellText(row.getCell(c).value) === 'x').map(([, code]) => code);
      households.push({
        id,
        district: '',
        commune: sheet.name,
        area: areaOfCommune(sheet.name),
        year,
        members: null,
        income: vietnameseAmount(excelCellText(row.getCell(incomeColumn).value)),
        deprived,
        deprivations: deprived.length,
        farm: classColumn === 0 ? null : farmOfLabel(excelCellText(row.getCell(classColumn).value)),
      });
    }
  }
  return households;
}

/** Households of a canonical roll: marks, or the count of deprivations where the roll has no marks. */
function canonicalHouseholds(path: string): Household[] {
  return records(readFileSync(path, 'utf8')).map((r, i) => {
    const year = Number(r.review_year);
    const marks = referenceIndicators(year).map((code) => r[`d_${code}`]);
    const hasMarks = marks.every((m) => m === '0' || m === '1');
    const deprived = hasMarks ? referenceIndicators(year).filter((code) => r[`d_${code}`] === '1') : null;
    return {
      id: r.household_id ?? `row ${i + 2}`,
      district: r.district!,
      commune: r.commune!,
      area: r.area as 'rural' | 'urban',
      year,
      members: r.members === '' ? null : Number(r.members),
      income: r.income_per_capita === '' ? null : Number(r.income_per_capita),
      deprived,
      deprivations: deprived !== null ? deprived.length : r.deprivation_total ? Number(r.deprivation_total) : null,
      farm: referenceFarm(r.farm_household, r.recorded_class),
    };
  });
}

/** Households of a raw household-row export with Vietnamese headings, under `titleLines` title lines. */
function rawCsvHouseholds(name: string, year: number, titleLines: number): Household[] {
  const rows = parse(readFileSync(join(TRAPS, name)), { columns: true, bom: true, from_line: titleLines + 1 }) as Record<string, string>[];
  return rows.map((r) => {
    const deprived = Object.entries(HEADING_CODE)
      .filter(([heading]) => heading in r && r[heading] === 'x')
      .map(([, code]) => code);
    return {
      id: r['Mã hộ']!,
      district: r['Huyện']!,
      commune: r['Xã']!,
      area: areaOfCommune(r['Xã']!),
      year,
      members: Number(r['Số nhân khẩu']),
      income: vietnameseAmount(r['Thu nhập bình quân đầu người']!),
      deprived,
      deprivations: deprived.length,
      farm: farmOfLabel(r['Phân loại hộ']),
    };
  });
}

/** The reference class, or null where the fixture does not say enough (unknown income or deprivations). */
function reference(h: Household): RefResult | null {
  if (h.income === null || h.deprivations === null) return null;
  return referenceClass(h.year, h.area, h.income, h.deprivations, h.farm);
}

const countOf = (households: readonly Household[], cls: RefClass) => households.filter((h) => reference(h) === cls).length;

// ---------------------------------------------------------------------------
// Reading povroll's outputs
// ---------------------------------------------------------------------------

/** A form's table: the numbering row (A, B, 1, 2 …), the rows under it, and the text rows between the table and the signature block. */
interface Form {
  numbers: string[];
  rows: ExcelJS.CellValue[][];
  notes: string[];
}

function formOf(book: ExcelJS.Workbook, name: string): Form {
  const sheet = book.getWorksheet(name);
  expect(sheet, `sheet "${name}"`).toBeDefined();
  let at = 0;
  for (let r = 1; r <= sheet!.rowCount && at === 0; r += 1) {
    const row = sheet!.getRow(r);
    if (excelCellText(row.getCell(1).value) === 'A' && excelCellText(row.getCell(2).value) === 'B') at = r;
  }
  expect(at, `numbering row of "${name}"`).toBeGreaterThan(0);
  const width = sheet!.getRow(at).cellCount;
  const numbers = Array.from({ length: width }, (_, i) => excelCellText(sheet!.getRow(at).getCell(i + 1).value));
  const rows: ExcelJS.CellValue[][] = [];
  let r = at + 1;
  for (; r <= sheet!.rowCount; r += 1) {
    const row = sheet!.getRow(r);
    if (!row.hasValues) break;
    rows.push(Array.from({ length: width }, (_, i) => row.getCell(i + 1).value));
  }
  const notes: string[] = [];
  for (; r <= sheet!.rowCount; r += 1) {
    const first = excelCellText(sheet!.getRow(r).getCell(1).value);
    if (first !== '') notes.push(first);
  }
  return { numbers, rows, notes };
}

/** A count cell's number (exceljs gives a formula's cached value as `result`, and drops a cached 0). */
function count(value: ExcelJS.CellValue): number {
  if (typeof value === 'number') return value;
  if (value !== null && typeof value === 'object' && 'formula' in value) return typeof value.result === 'number' ? value.result : 0;
  throw new Error(`not a count: ${JSON.stringify(value)}`);
}

/** Columns of a form whose numbering says they are rates ("4=3/1*100"). */
const rateColumns = (form: Form) => form.numbers.flatMap((n, i) => (/\*100$/.test(n) ? [i] : []));
/** Unit rows of a form (the ones with a name in column B). */
const unitRows = (form: Form) => form.rows.filter((cells) => excelCellText(cells[1] ?? null) !== '');

function rejectsOf(path: string): Record<string, string>[] {
  return records(readFileSync(path, 'utf8'));
}

// ---------------------------------------------------------------------------
// The traps
// ---------------------------------------------------------------------------

describe('issue 10 traps', () => {
  it('typo-income: a misspelt income heading stops classify and run, naming the file, the missing income and the near miss', async () => {
    const line =
      'error: Cannot classify roll "typo-income.xlsx" sheet "Thị trấn An Kim": no column of income per person (or of the B1 score); \'Thu nhậpp bình quân đầu người\' is not a known heading; did you mean \'Thu nhập bình quân đầu người\' (income_per_capita)? Add it with --map FILE';
    const dir = tempDir();
    const classified = await povroll(['classify', 'typo-income.xlsx', '-o', join(dir, 'c.csv')]);
    expect(classified.code, classified.stderr).toBe(1);
    expect(errors(classified.stderr)).toEqual([line]);
    const ran = await povroll(['run', 'typo-income.xlsx', '-o', join(dir, 'summary.xlsx')]);
    expect(ran.code, ran.stderr).toBe(1);
    expect(errors(ran.stderr)).toEqual([line]);
    expect(readdirSync(dir)).toEqual([]);

    // The fix it names works, and gives the reference's classes.
    const map = join(dir, 'map.json');
    writeFileSync(map, JSON.stringify({ columns: { 'Thu nhậpp bình quân đầu người': 'income_per_capita' } }));
    const fixed = await povroll(['-q', 'classify', 'typo-income.xlsx', '--map', map, '-o', join(dir, 'c.csv')]);
    expect(fixed.code, fixed.stderr).toBe(0);
    const households = await workbookHouseholds('typo-income.xlsx');
    const out = records(readFileSync(join(dir, 'c.csv'), 'utf8'));
    expect(out.filter((r) => r.class === 'poor').length).toBe(countOf(households, 'poor'));
  });

  it('bao-hiem-yt: "Bảo hiểm YT" is read as the health insurance indicator; the poor count is the reference\'s', async () => {
    const households = await workbookHouseholds('bao-hiem-yt.xlsx');
    expect(households).toHaveLength(400);
    const out = join(tempDir(), 'c.csv');
    const { code, stderr } = await povroll(['classify', 'bao-hiem-yt.xlsx', '-o', out]);
    expect(code, stderr).toBe(0);
    const classified = new Map(records(readFileSync(out, 'utf8')).map((r) => [r.household_id!, r]));
    expect(classified.size).toBe(households.length);
    expect([...classified.values()].filter((r) => r.class === 'poor').length).toBe(countOf(households, 'poor'));
    for (const h of households) {
      const got = classified.get(h.id)!;
      expect(got.deprived!.split(';').filter(Boolean).sort(), h.id).toEqual([...h.deprived!].sort());
      const expected = reference(h);
      if (expected !== null) expect(got.class, h.id).toBe(expected);
    }
    // The marks of that column were read (a column left unread would make no one deprived in it).
    expect(households.some((h) => h.deprived!.includes('health_insurance'))).toBe(true);
  });

  it('thieu-hut-headings: indicator headings "Thiếu hụt …" are recognised; every class is the reference\'s', async () => {
    const households = await workbookHouseholds('thieu-hut-headings.xlsx');
    expect(households).toHaveLength(400);
    const out = join(tempDir(), 'c.csv');
    const { code, stderr } = await povroll(['classify', 'thieu-hut-headings.xlsx', '-o', out]);
    expect(code, stderr).toBe(0);
    const classified = new Map(records(readFileSync(out, 'utf8')).map((r) => [r.household_id!, r]));
    expect(classified.size).toBe(households.length);
    let compared = 0;
    for (const h of households) {
      const got = classified.get(h.id)!;
      expect(got.deprived!.split(';').filter(Boolean).sort(), h.id).toEqual([...h.deprived!].sort());
      const expected = reference(h);
      if (expected === null) continue;
      expect(got.class, h.id).toBe(expected);
      compared += 1;
    }
    expect(compared).toBeGreaterThan(390);
    for (const cls of ['poor', 'near_poor'] as const) expect([...classified.values()].filter((r) => r.class === cls).length).toBe(countOf(households, cls));
  });

  describe('no-codes-later-roll: a later roll without household codes', () => {
    // The column may be named by its usual heading: "no household code column (Mã hộ)".
    const warning =
      /^warning: no-codes-later-roll\.csv: no household code column( \(Mã hộ\))?: households cannot be matched between years, so their flows are left empty$/;
    const warned = (stderr: string) =>
      expect(
        lines(stderr).filter((l) => warning.test(l)),
        stderr,
      ).toHaveLength(1);
    const FLOWS = [
      'poor_start',
      'poor_to_near_poor',
      'poor_escaped',
      'poor_other_decrease',
      'near_poor_to_poor',
      'poor_re_entered',
      'poor_new',
      'poor_other_increase',
      'poor_end',
      'near_poor_start',
      'near_poor_escaped',
      'near_poor_other_decrease',
      'near_poor_re_entered',
      'near_poor_new',
      'near_poor_other_increase',
      'near_poor_end',
    ];

    it('compare leaves every flow empty and gives the rates', async () => {
      const out = join(tempDir(), 'compare.csv');
      const { code, stderr } = await povroll(['compare', 'district-2023.csv', 'no-codes-later-roll.csv', '--by', 'district,commune', '-o', out]);
      expect(code, stderr).toBe(0);
      warned(stderr);
      const rows = records(readFileSync(out, 'utf8'));
      expect(rows.map((r) => r.level)).toEqual(['district', 'commune', 'commune', 'commune', 'commune', 'total']);
      const before = canonicalHouseholds(join(TRAPS, 'district-2023.csv'));
      const after = canonicalHouseholds(join(TRAPS, 'no-codes-later-roll.csv'));
      for (const r of rows) {
        for (const flow of FLOWS) {
          expect(r[flow], `${r.level} ${r.commune} ${flow}`).toBe('');
          expect(r[`${flow}_persons`], `${r.level} ${r.commune} ${flow}_persons`).toBe('');
        }
        const inArea = (h: Household) => r.level !== 'commune' || h.commune === r.commune;
        const rate = (households: Household[], cls: RefClass) => referenceRate(countOf(households.filter(inArea), cls), households.filter(inArea).length);
        expect(r.poor_rate_before).toBe(rate(before, 'poor'));
        expect(r.poor_rate_after).toBe(rate(after, 'poor'));
        expect(r.near_poor_rate_before).toBe(rate(before, 'near_poor'));
        expect(r.near_poor_rate_after).toBe(rate(after, 'near_poor'));
        expect(r.poor_rate_change_pp).toBe((Number(r.poor_rate_after) - Number(r.poor_rate_before)).toFixed(2));
        expect(r.near_poor_rate_change_pp).toBe((Number(r.near_poor_rate_after) - Number(r.near_poor_rate_before)).toFixed(2));
      }
    });

    it('run leaves the flow cells of the movement sheets blank, with a note under the table', async () => {
      const out = join(tempDir(), 'summary.xlsx');
      const { code, stderr } = await povroll(['run', 'district-2023.csv', 'no-codes-later-roll.csv', '-o', out]);
      expect(code, stderr).toBe(0);
      warned(stderr);
      const book = await readBook(out);
      for (const name of ['Diễn biến hộ nghèo', 'Diễn biến hộ cận nghèo']) {
        const form = formOf(book, name);
        expect(form.numbers.slice(3)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9=1-2-3-4+5+6+7+8']);
        // Households and persons rows of the district, its four communes and the total.
        expect(form.rows).toHaveLength(12);
        for (const cells of form.rows) expect(cells.slice(3), `${name}: ${JSON.stringify(cells.slice(0, 3))}`).toEqual(Array(9).fill(null));
        expect(form.notes[0], name).toMatch(/mã hộ/);
      }
    });
  });

  describe('poor-list: a list of poor households only', () => {
    const listed = rawCsvHouseholds('poor-list.csv', 2024, 1);
    const totals = records(readFileSync(join(TRAPS, 'poor-list-totals.csv'), 'utf8'));
    const RATE_COLUMNS = ['poor_rate', 'near_poor_rate', 'multidim_rate', 'average_rate', 'poor_persons_rate', 'near_poor_persons_rate'];

    it('is the trap it claims to be: 80 households, 2 of them not poor', () => {
      expect(listed).toHaveLength(80);
      expect(countOf(listed, 'poor')).toBe(78);
      expect(countOf(listed, 'non_poor')).toBe(2);
    });

    async function classified(): Promise<string> {
      const path = join(tempDir(), 'classified.csv');
      const { code, stderr } = await povroll(['-q', 'classify', 'poor-list.csv', '-o', path]);
      expect(code, stderr).toBe(0);
      return path;
    }

    it('rates gives counts but no households and no rates, with a warning', async () => {
      const path = await classified();
      const { code, stdout, stderr } = await povroll(['rates', path, '--by', 'district,commune']);
      expect(code, stderr).toBe(0);
      expect(lines(stderr)).toContain(
        `warning: "${path}" looks like a list of some households only (97.5 % of its households are poor or near-poor, more than any real commune (--max-poor-share 60 %)): rates need every resident household, so they are left empty; give the households of each area with --totals FILE`,
      );
      const rows = records(stdout);
      expect(rows.filter((r) => r.level === 'commune')).toHaveLength(12);
      for (const r of rows) {
        expect(r.households, `${r.level} ${r.district} ${r.commune}`).toBe('');
        for (const column of RATE_COLUMNS) expect(r[column], `${r.level} ${r.commune} ${column}`).toBe('');
        const inArea = listed.filter((h) => (r.level === 'total' || h.district === r.district) && (r.level !== 'commune' || h.commune === r.commune));
        expect(r.poor, `${r.level} ${r.district} ${r.commune}`).toBe(String(countOf(inArea, 'poor')));
      }
      expect(rows.some((r) => r.poor_rate === '97.50')).toBe(false);
    });

    it('run writes form 1 with blank households and rates and a note under the table', async () => {
      const out = join(tempDir(), 'summary.xlsx');
      const { code, stderr } = await povroll(['run', 'poor-list.csv', '-o', out]);
      expect(code, stderr).toBe(0);
      expect(lines(stderr)).toContain(
        'warning: the roll of 2024 looks like a list of some households only ("poor-list.csv" is titled as a list of poor households): rates need every resident household, so they are left empty; give the households of each area with --totals FILE',
      );
      const form = formOf(await readBook(out), 'Biểu 01');
      const households = form.numbers.indexOf('1');
      const persons = form.numbers.indexOf('2');
      const poor = form.numbers.indexOf('3');
      const rates = rateColumns(form);
      expect(rates.length).toBeGreaterThanOrEqual(4);
      const units = unitRows(form);
      expect(units.map((cells) => excelCellText(cells[1]!)).at(-1)).toBe('Tổng cộng');
      for (const cells of units) {
        const label = excelCellText(cells[1]!);
        expect(cells[households], `${label}: Tổng số hộ dân cư`).toBeNull();
        expect(cells[persons], `${label}: persons`).toBeNull();
        for (const c of rates) expect(cells[c], `${label}: column ${form.numbers[c]}`).toBeNull();
      }
      expect(count(units.at(-1)![poor]!)).toBe(countOf(listed, 'poor'));
      expect(form.notes[0]).toMatch(/--totals/);
    });

    it('run leaves form 12 without the ethnic split of all households, which a list cannot give', async () => {
      const out = join(tempDir(), 'summary.xlsx');
      const { code, stderr } = await povroll(['-q', 'run', 'poor-list.csv', '-o', out]);
      expect(code, stderr).toBe(0);
      const book = await readBook(out);
      // A list of poor households says nothing of the near-poor: their own forms are not written.
      expect(book.worksheets.map((w) => w.name).filter((n) => ['Biểu 06-07', 'Biểu 13'].includes(n))).toEqual([]);
      const form = formOf(book, 'Biểu 12');
      for (const cells of unitRows(form)) {
        for (const number of ['1', '2', '3', '4', '5', '6', '14=7/1*100', '15=8/3*100'])
          expect(cells[form.numbers.indexOf(number)], `${excelCellText(cells[1]!)} ${number}`).toBeNull();
      }
      expect(count(unitRows(form).at(-1)![form.numbers.indexOf('7')]!)).toBe(78);
    });

    it('with --totals FILE, the rates appear: counts of the list over the households of the totals', async () => {
      const path = await classified();
      const { code, stdout, stderr } = await povroll(['rates', path, '--by', 'district,commune', '--totals', 'poor-list-totals.csv']);
      expect(code, stderr).toBe(0);
      expect(lines(stderr)).toContain(
        `warning: "${path}" looks like a list of some households only (97.5 % of its households are poor or near-poor, more than any real commune (--max-poor-share 60 %)): rates are over the households of --totals; counts of the classes the list does not hold are left empty`,
      );
      const rows = records(stdout);
      // A list of poor households says nothing of the near-poor or the rest: never 0, never 0.00 %.
      for (const r of rows) expect([r.near_poor, r.near_poor_rate, r.average, r.average_rate, r.unclassified]).toEqual(['', '', '', '', '']);
      const communes = rows.filter((r) => r.level === 'commune');
      expect(communes).toHaveLength(totals.length);
      for (const r of rows) {
        const inTotals = totals.filter((t) => (r.level === 'total' || t.district === r.district) && (r.level !== 'commune' || t.commune === r.commune));
        const inList = listed.filter((h) => (r.level === 'total' || h.district === r.district) && (r.level !== 'commune' || h.commune === r.commune));
        const resident = inTotals.reduce((n, t) => n + Number(t.households), 0);
        expect(r.households, `${r.level} ${r.district} ${r.commune}`).toBe(String(resident));
        expect(r.poor_rate, `${r.level} ${r.district} ${r.commune}`).toBe(referenceRate(countOf(inList, 'poor'), resident));
      }
      expect(rows.at(-1)!.poor_rate).toBe(referenceRate(78, 1200));
    });

    it('run with --totals FILE fills form 1', async () => {
      const out = join(tempDir(), 'summary.xlsx');
      const { code, stderr } = await povroll(['-q', 'run', 'poor-list.csv', '--totals', 'poor-list-totals.csv', '-o', out]);
      expect(code, stderr).toBe(0);
      const form = formOf(await readBook(out), 'Biểu 01');
      const total = unitRows(form).at(-1)!;
      expect(count(total[form.numbers.indexOf('1')]!)).toBe(1200);
      expect(count(total[form.numbers.indexOf('4=3/1*100')]!).toFixed(2)).toBe(referenceRate(78, 1200));
      expect([total[form.numbers.indexOf('5')], total[form.numbers.indexOf('6=5/1*100')], total[form.numbers.indexOf('7')]]).toEqual([null, null, null]);
      expect(form.notes.join(' ')).toContain('hộ cận nghèo, hộ có mức sống trung bình, hộ không nghèo, chưa phân loại');
    });
  });

  describe('stray-year-rows: three rows typed 2023 inside the 2024 roll', () => {
    const reason =
      "review year 2023 differs from the 397 other households of this file (2024); correct the year, or give that year's households a roll of their own";
    const roll = canonicalHouseholds(join(TRAPS, 'stray-year-rows.csv'));
    const strayRows = roll.flatMap((h, i) => (h.year === 2023 ? [String(i + 2)] : []));

    it('rejects them, writes no summary of 2023, and warns', async () => {
      expect(strayRows).toHaveLength(3);
      const dir = tempDir();
      const out = join(dir, 'summary.xlsx');
      const rejects = join(dir, 'rejects.csv');
      const { code, stderr } = await povroll(['run', 'stray-year-rows.csv', '-o', out, '--rejects', rejects]);
      expect(code, stderr).toBe(0);
      expect(lines(stderr)).toContain(`warning: 3 rows rejected, see ${rejects}`);
      const rejected = rejectsOf(rejects);
      expect(rejected.map((r) => [r.file, r.row, r.column, r.reason])).toEqual(strayRows.map((row) => ['stray-year-rows.csv', row, 'review_year', reason]));
      const book = await readBook(out);
      expect(book.worksheets.map((w) => w.name).filter((n) => n.includes('2023'))).toEqual([]);
      const form = formOf(book, 'Biểu 01');
      expect(count(unitRows(form).at(-1)![form.numbers.indexOf('1')]!)).toBe(397);
    });

    it('run beside the real 2023 roll counts 2023 from that roll alone', async () => {
      const out = join(tempDir(), 'summary.xlsx');
      const { code, stderr } = await povroll(['run', 'district-2023.csv', 'stray-year-rows.csv', '-o', out]);
      expect(code, stderr).toBe(0);
      expect(lines(stderr)).toContain(
        `warning: 3 rows rejected (first: "stray-year-rows.csv" row ${strayRows[0]}, column "review_year": ${reason}); list them all with --rejects FILE`,
      );
      const real2023 = canonicalHouseholds(join(TRAPS, 'district-2023.csv'));
      const book = await readBook(out);
      const households = (sheet: string) => {
        const form = formOf(book, sheet);
        return count(unitRows(form).at(-1)![form.numbers.indexOf('1')]!);
      };
      expect(households('Biểu 01 2023')).toBe(real2023.length);
      expect(households('Biểu 01 2024')).toBe(roll.length - 3);
      const poor2023 = formOf(book, 'Biểu 01 2023');
      expect(count(unitRows(poor2023).at(-1)![poor2023.numbers.indexOf('3')]!)).toBe(countOf(real2023, 'poor'));
    });
  });

  it('year-name-vs-title: a file named 2023 titled "NĂM 2024" stops until --year says which', async () => {
    const dir = tempDir();
    const line =
      'error: Cannot read "year-name-vs-title-2023.xlsx": sheet "Thị trấn An Kim": the file name says 2023 but the title says "NĂM 2024"; pass --year with the review year the roll is of';
    for (const [command, out] of [
      ['classify', 'c.csv'],
      ['run', 'summary.xlsx'],
    ] as const) {
      const { code, stderr } = await povroll([command, 'year-name-vs-title-2023.xlsx', '-o', join(dir, out)]);
      expect(code, stderr).toBe(1);
      expect(errors(stderr)).toEqual([line]);
    }
    expect(readdirSync(dir)).toEqual([]);
    const households = await workbookHouseholds('year-name-vs-title-2023.xlsx');
    const roll = join(dir, 'roll.csv');
    const ingested = await povroll(['-q', 'ingest', 'year-name-vs-title-2023.xlsx', '--year', '2024', '-o', roll]);
    expect(ingested.code, ingested.stderr).toBe(0);
    const read = records(readFileSync(roll, 'utf8'));
    expect(read).toHaveLength(households.length);
    expect(new Set(read.map((r) => r.review_year))).toEqual(new Set(['2024']));
    const out = join(dir, 'summary.xlsx');
    const ran = await povroll(['-q', 'run', 'year-name-vs-title-2023.xlsx', '--year', '2024', '-o', out]);
    expect(ran.code, ran.stderr).toBe(0);
    const book = await readBook(out);
    expect(book.worksheets.map((w) => w.name)).toContain('Biểu 01');
    const form = formOf(book, 'Biểu 01');
    const total = unitRows(form).at(-1)!;
    expect(count(total[form.numbers.indexOf('1')]!)).toBe(households.length);
    expect(count(total[form.numbers.indexOf('3')]!)).toBe(countOf(households, 'poor'));
  });

  describe('deprivation-count-only: a count of deprivations, no marks', () => {
    const households = canonicalHouseholds(join(TRAPS, 'deprivation-count-only.csv'));
    const POOR_D = [
      'employment',
      'dependents',
      'nutrition',
      'health_insurance',
      'health_access',
      'adult_education',
      'child_schooling',
      'housing_quality',
      'housing_area',
      'water',
      'latrine',
      'telecom',
      'information',
      'waste',
    ].map((c) => `poor_d_${c}`);

    it('classifies as the reference does; rates leaves the indicator counts empty, not 0', async () => {
      expect(households.every((h) => h.deprived === null && h.deprivations !== null)).toBe(true);
      const classified = join(tempDir(), 'c.csv');
      const done = await povroll(['classify', 'deprivation-count-only.csv', '-o', classified]);
      expect(done.code, done.stderr).toBe(0);
      const out = records(readFileSync(classified, 'utf8'));
      out.forEach((r, i) => {
        const expected = reference(households[i]!);
        if (expected !== null) expect(r.class, r.household_id).toBe(expected);
      });
      const { code, stdout, stderr } = await povroll(['rates', classified, '--by', 'district,commune']);
      expect(code, stderr).toBe(0);
      const rows = records(stdout);
      expect(rows).toHaveLength(6);
      for (const r of rows) {
        for (const column of POOR_D) expect(r[column], `${r.level} ${r.commune} ${column}`).toBe('');
        const inArea = households.filter((h) => r.level !== 'commune' || h.commune === r.commune);
        expect(r.poor, `${r.level} ${r.commune}`).toBe(String(countOf(inArea, 'poor')));
        expect(r.poor_rate, `${r.level} ${r.commune}`).toBe(referenceRate(countOf(inArea, 'poor'), inArea.length));
      }
    });

    it('compare --targets leaves the shares of poor households not deprived empty: not known is not "not deprived"', async () => {
      const { code, stdout, stderr } = await povroll([
        '-q',
        'compare',
        'district-2023.csv',
        'deprivation-count-only.csv',
        '--by',
        'district',
        '--targets',
        join(ROOT, 'examples/targets-lang-son-2021-2025.json'),
      ]);
      expect(code, stderr).toBe(0);
      const rows = records(stdout);
      const shares = Object.keys(rows[0]!).filter((c) => /^poor_not_deprived_.*_(pct|met)$/.test(c));
      expect(shares.length).toBeGreaterThan(0);
      for (const r of rows) for (const column of shares) expect(r[column], `${r.level} ${column}`).toBe('');
    });

    it('run leaves the indicator cells of form 4-5 blank, with a note', async () => {
      const out = join(tempDir(), 'summary.xlsx');
      const { code, stderr } = await povroll(['run', 'deprivation-count-only.csv', '-o', out]);
      expect(code, stderr).toBe(0);
      const form = formOf(await readBook(out), 'Biểu 04-05');
      const poor = form.numbers.indexOf('1');
      const first = form.numbers.indexOf('3');
      expect(form.numbers.slice(first)).toHaveLength(2 * ND07.length);
      const units = unitRows(form);
      expect(units).toHaveLength(6);
      for (const cells of units) {
        const label = excelCellText(cells[1]!);
        expect(cells.slice(first), label).toEqual(Array(2 * ND07.length).fill(null));
        const inArea = households.filter((h) => label === 'Tổng cộng' || label.startsWith('Huyện') || h.commune === label);
        expect(count(cells[poor]!), label).toBe(countOf(inArea, 'poor'));
      }
      expect(form.notes[0]).toMatch(/thiếu hụt/);
    });
  });

  it('negative-income: the row with a negative income is rejected, never near-poor', async () => {
    const households = canonicalHouseholds(join(TRAPS, 'negative-income.csv'));
    const at = households.findIndex((h) => h.income !== null && h.income < 0);
    expect(households[at]!.income).toBe(-500000);
    const dir = tempDir();
    const out = join(dir, 'c.csv');
    const { code, stderr } = await povroll(['classify', 'negative-income.csv', '-o', out]);
    expect(code, stderr).toBe(0);
    expect(lines(stderr)).toContain(
      `warning: 1 row rejected (first: "negative-income.csv" row ${at + 2}, column "income_per_capita": expected an income of 0 or more, found "-500000"); list them all with --rejects FILE`,
    );
    const classified = records(readFileSync(out, 'utf8'));
    expect(classified).toHaveLength(households.length - 1);
    expect(classified.map((r) => r.household_id)).not.toContain(households[at]!.id);
    const kept = households.filter((_, i) => i !== at);
    expect(classified.filter((r) => r.class === 'near_poor').length).toBe(countOf(kept, 'near_poor'));
    const rejects = join(dir, 'rejects.csv');
    expect((await povroll(['-q', 'classify', 'negative-income.csv', '-o', out, '--rejects', rejects])).code).toBe(0);
    expect(rejectsOf(rejects).map((r) => [r.row, r.column])).toEqual([[String(at + 2), 'income_per_capita']]);
  });

  it('members-out-of-range: households of 0 and 250 members are rejected; --max-members raises the upper bound', async () => {
    const households = canonicalHouseholds(join(TRAPS, 'members-out-of-range.csv'));
    const zero = households.findIndex((h) => h.members === 0);
    const many = households.findIndex((h) => h.members === 250);
    expect(zero).toBeGreaterThanOrEqual(0);
    expect(many).toBeGreaterThanOrEqual(0);
    const dir = tempDir();
    const rejects = join(dir, 'rejects.csv');
    const out = join(dir, 'c.csv');
    const { code, stderr } = await povroll(['classify', 'members-out-of-range.csv', '-o', out, '--rejects', rejects]);
    expect(code, stderr).toBe(0);
    expect(lines(stderr)).toContain(`warning: 2 rows rejected, see ${rejects}`);
    expect(rejectsOf(rejects).map((r) => [r.row, r.column])).toEqual([
      [String(zero + 2), 'members'],
      [String(many + 2), 'members'],
    ]);
    expect(records(readFileSync(out, 'utf8'))).toHaveLength(households.length - 2);

    const raised = await povroll(['classify', 'members-out-of-range.csv', '-o', out, '--max-members', '300']);
    expect(raised.code, raised.stderr).toBe(0);
    expect(lines(raised.stderr)).toContain(
      `warning: 1 row rejected (first: "members-out-of-range.csv" row ${zero + 2}, column "members": expected 1 to 300 members (--max-members sets the upper bound), found "0"); list them all with --rejects FILE`,
    );
    const kept = records(readFileSync(out, 'utf8'));
    expect(kept).toHaveLength(households.length - 1);
    expect(kept.find((r) => r.household_id === households[many]!.id)!.members).toBe('250');
  });

  it('year-without-standard: every row of review year 2015 is rejected; exit 1 after writing the reject list', async () => {
    const dir = tempDir();
    const rejects = join(dir, 'rejects.csv');
    const out = join(dir, 'c.csv');
    const { code, stderr } = await povroll(['classify', 'year-without-standard.csv', '-o', out, '--rejects', rejects]);
    expect(code, stderr).toBe(1);
    expect(errors(stderr)).toEqual([
      'error: Cannot classify roll "year-without-standard.csv": no household was read; all 400 rows were rejected (first: "year-without-standard.csv" row 2, column "review_year": expected a review year with a standard (2016–2030; or pass --standard), found "2015")',
    ]);
    expect(existsSync(out)).toBe(false);
    const rejected = rejectsOf(rejects);
    expect(rejected).toHaveLength(records(readFileSync(join(TRAPS, 'year-without-standard.csv'), 'utf8')).length);
    expect(new Set(rejected.map((r) => r.column))).toEqual(new Set(['review_year']));
    const ran = await povroll(['run', 'year-without-standard.csv', '-o', join(dir, 'summary.xlsx')]);
    expect(ran.code, ran.stderr).toBe(1);
    expect(readdirSync(dir)).toEqual(['rejects.csv']);
  });

  it('class-code-4: an unknown class code rejects most rows; exit 1 past --max-rejected, the reject list still written', async () => {
    const rows = parse(readFileSync(join(TRAPS, 'class-code-4.csv')), { columns: true, bom: true }) as Record<string, string>[];
    const coded4 = rows.flatMap((r, i) => (r['Phân loại hộ'] === '4' ? [i + 2] : []));
    expect(coded4.length).toBeGreaterThan(rows.length / 2);
    const share = ((coded4.length / rows.length) * 100).toFixed(1);
    const line = `error: Cannot classify roll: ${coded4.length} of ${rows.length} rows (${share} %) were rejected, more than --max-rejected 1 % (first: "class-code-4.csv" row ${coded4[0]}, column "Phân loại hộ": expected a class (hộ nghèo, hộ cận nghèo, hộ có mức sống trung bình, hộ không nghèo, or a code), found "4"); list them with --rejects FILE, mend the roll, or raise --max-rejected`;
    for (const [command, out] of [
      ['classify', 'c.csv'],
      ['run', 'summary.xlsx'],
    ] as const) {
      const dir = tempDir();
      const rejects = join(dir, 'rejects.csv');
      const { code, stderr } = await povroll([command, 'class-code-4.csv', '-o', join(dir, out), '--rejects', rejects]);
      expect(code, stderr).toBe(1);
      const errs = errors(stderr);
      expect(errs, stderr).toHaveLength(1);
      expect(errs[0]).toBe(line);
      expect(readdirSync(dir)).toEqual(['rejects.csv']);
      const rejected = rejectsOf(rejects);
      expect(rejected.map((r) => Number(r.row))).toEqual(coded4);
      expect(new Set(rejected.map((r) => r.column))).toEqual(new Set(['Phân loại hộ']));
      for (const r of rejected) expect(r.reason).toContain('found "4"');
    }
  });
});
