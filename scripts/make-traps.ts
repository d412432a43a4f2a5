/**
 * Writes the trap fixtures of issue 10 into fixtures/traps/: rolls that look
 * almost right and would give a plausible wrong result if read naively (a
 * misspelt income heading, indicator headings in other words, a later roll
 * without household codes, a list of poor households only, rows typed with
 * another review year, a file name and title that disagree, a deprivation
 * count without marks, impossible values, a year no standard covers, an
 * unknown class code). Each is derived deterministically from the demo rolls
 * (fixtures/demo/roll-2023.csv, roll-2024.csv): mostly the households of the
 * first district (Huyện Bắc Kim, 400 households), the workbooks laid out as
 * scripts/messy-roll.ts lays out an office's district workbook.
 *
 * Regenerate from the repository root (the scripts are compiled with the
 * build, as scripts/make-demo.ts is):
 *   npm run build && node dist/scripts/make-traps.js
 * test/traps/traps.test.ts reads these files; regenerate them only together
 * with those tests.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { type CanonicalRecord, INDICATOR_HEADINGS, personRows, vietnameseNumber } from './messy-roll.js';

const OUT = 'fixtures/traps';

// exceljs zips through JSZip, which stamps every entry with the clock unless
// a default date is set: fix it, so the same inputs give the same bytes.
(JSZip as unknown as { defaults: { date: Date | null } }).defaults.date = new Date(Date.UTC(2024, 11, 20));

/** A canonical roll as its header and records (columns in file order). */
interface Roll {
  columns: string[];
  records: CanonicalRecord[];
}

function readRoll(path: string): Roll {
  const rows = parse(readFileSync(path), { bom: true }) as string[][];
  const columns = rows[0]!;
  const records = rows.slice(1).map((cells) => Object.fromEntries(columns.map((c, i) => [c, cells[i] ?? ''])));
  return { columns, records };
}

function writeCsv(name: string, columns: readonly string[], records: readonly CanonicalRecord[], titleLines: readonly string[] = []): void {
  const lines = [...titleLines.map((t) => [t]), [...columns], ...records.map((r) => columns.map((c) => r[c] ?? ''))];
  writeFileSync(join(OUT, name), stringify(lines, { record_delimiter: '\n' }));
}

/** Groups households by commune, in roll order. */
function byCommune(households: readonly CanonicalRecord[]): Map<string, CanonicalRecord[]> {
  const communes = new Map<string, CanonicalRecord[]>();
  for (const h of households) {
    let list = communes.get(h.commune!);
    if (!list) communes.set(h.commune!, (list = []));
    list.push(h);
  }
  return communes;
}

function deprivationCount(h: CanonicalRecord): number {
  return INDICATOR_HEADINGS.filter(([code]) => h[`d_${code}`] === '1').length;
}

interface WorkbookOptions {
  /** The income column's heading. */
  incomeHeading?: string;
  /** Headings of the twelve indicator columns, in the order of INDICATOR_HEADINGS. */
  indicatorHeadings?: readonly string[];
  /** The group heading over the indicator columns. */
  indicatorGroup?: string;
  /** The title line above the table. */
  title?: (first: CanonicalRecord) => string;
  /** What the class column says for a household (default: the Vietnamese label of its recorded class). */
  classCell?: (h: CanonicalRecord) => string | null;
}

const CLASS_LABELS: Record<string, string> = {
  poor: 'Hộ nghèo',
  near_poor: 'Hộ cận nghèo',
  average: 'Hộ có mức sống trung bình',
  non_poor: 'Hộ không nghèo',
};

const thin = { style: 'thin' as const };
const BORDER = { top: thin, left: thin, bottom: thin, right: thin };

/**
 * One district's workbook as scripts/messy-roll.ts writes it (one sheet per
 * commune, a title block naming the units and the year, a two-row merged
 * header from column B, a numbering row, one row per person, a total row
 * and a signature footer), with the headings, title and class cells the
 * trap needs. Incomes are written as Vietnamese-style text.
 */
async function writeWorkbook(name: string, households: readonly CanonicalRecord[], options: WorkbookOptions = {}): Promise<void> {
  const indicatorHeadings = options.indicatorHeadings ?? INDICATOR_HEADINGS.map(([, heading]) => heading);
  const top = [
    '',
    'STT',
    'Mã hộ',
    'Họ và tên',
    'Quan hệ với chủ hộ',
    'Năm sinh',
    '',
    'Thôn',
    options.incomeHeading ?? 'Thu nhập bình quân (đồng/người/tháng)',
    options.indicatorGroup ?? 'Các chỉ số thiếu hụt dịch vụ xã hội cơ bản',
    ...Array(11).fill(''),
    'Dân tộc',
    'Hộ có người có công',
    'Phân loại hộ',
    'Ghi chú',
  ];
  const sub = ['', '', '', '', '', 'Nam', 'Nữ', '', '', ...indicatorHeadings, '', '', '', ''];
  const numbering = ['', 'A', 'B', 'C', 'D', '1', '2', '3', '4', ...indicatorHeadings.map((_, i) => String(i + 5)), '17', '18', '19', '20'];
  const book = new ExcelJS.Workbook();
  // Fixed document dates: the same inputs give the same workbook.
  book.created = book.modified = new Date(Date.UTC(2024, 11, 20));
  book.creator = 'povroll make-traps';
  let seed = 1;
  for (const [commune, list] of byCommune(households)) {
    const first = list[0]!;
    const sheet = book.addWorksheet(commune.slice(0, 31));
    sheet.addRow([`UBND ${commune.toLocaleUpperCase('vi')}`, ...Array(12).fill(null), 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM']);
    sheet.addRow([
      `${first.district!.toLocaleUpperCase('vi')}, ${first.province!.toLocaleUpperCase('vi')}`,
      ...Array(12).fill(null),
      'Độc lập - Tự do - Hạnh phúc',
    ]);
    sheet.addRow([]);
    const title = sheet.addRow([options.title ? options.title(first) : `DANH SÁCH KẾT QUẢ RÀ SOÁT HỘ NGHÈO, HỘ CẬN NGHÈO NĂM ${first.review_year}`]);
    sheet.mergeCells(title.number, 1, title.number, top.length);
    sheet.addRow(['(Kèm theo Quyết định số 123/QĐ-UBND của Ủy ban nhân dân xã)']);
    sheet.addRow([]);
    const headTop = sheet.addRow(top);
    sheet.addRow(sub);
    for (const column of [2, 3, 4, 5, 8, 9, 22, 23, 24, 25]) sheet.mergeCells(headTop.number, column, headTop.number + 1, column);
    sheet.mergeCells(headTop.number, 6, headTop.number, 7);
    sheet.mergeCells(headTop.number, 10, headTop.number, 21);
    sheet.addRow(numbering);
    let stt = 0;
    for (const h of list) {
      stt += 1;
      const rows = personRows(h, stt, { incomeAsText: true }, seed++);
      if (options.classCell) rows[0]![23] = options.classCell(h);
      else rows[0]![23] = CLASS_LABELS[h.recorded_class!] ?? null;
      for (const cells of rows) sheet.addRow(cells);
    }
    for (let r = headTop.number; r <= sheet.rowCount; r += 1) {
      for (let c = 2; c <= top.length; c += 1) sheet.getRow(r).getCell(c).border = BORDER;
    }
    sheet.addRow([null, null, null, `Tổng cộng: ${list.length} hộ`]);
    sheet.addRow([]);
    sheet.addRow([null, null, null, null, null, null, null, null, null, null, null, null, null, `${commune}, ngày 20 tháng 12 năm ${first.review_year}`]);
    sheet.addRow([null, null, 'NGƯỜI LẬP BIỂU', null, null, null, null, null, null, null, null, null, null, 'TM. ỦY BAN NHÂN DÂN']);
    sheet.addRow([null, null, null, null, null, null, null, null, null, null, null, null, null, 'CHỦ TỊCH']);
  }
  await book.xlsx.writeFile(join(OUT, name));
}

/** The heading of a household-row export (one row per household, Vietnamese headings). */
const RAW_COLUMNS: [string, (h: CanonicalRecord) => string][] = [
  ['Mã hộ', (h) => h.household_id!],
  ['Họ và tên chủ hộ', (h) => h.head_name!],
  ['Tỉnh', (h) => h.province!],
  ['Huyện', (h) => h.district!],
  ['Xã', (h) => h.commune!],
  ['Thôn', (h) => h.village!],
  ['Số nhân khẩu', (h) => h.members!],
  ['Thu nhập bình quân đầu người', (h) => (h.income_per_capita === '' ? '' : vietnameseNumber(Number(h.income_per_capita)))],
  ...INDICATOR_HEADINGS.map(([code, heading]): [string, (h: CanonicalRecord) => string] => [heading, (h) => (h[`d_${code}`] === '1' ? 'x' : '')]),
  ['Dân tộc', (h) => h.ethnicity!],
];

function writeRawCsv(
  name: string,
  households: readonly CanonicalRecord[],
  extra: [string, (h: CanonicalRecord) => string][],
  titleLines: readonly string[] = [],
): void {
  const columns = [...RAW_COLUMNS, ...extra];
  const lines = [...titleLines.map((t) => [t]), columns.map(([heading]) => heading), ...households.map((h) => columns.map(([, cell]) => cell(h)))];
  writeFileSync(join(OUT, name), stringify(lines, { record_delimiter: '\n' }));
}

/** The class the rules of Decree 07/2021 give a household with known income and marks. */
function ruleClass(h: CanonicalRecord): string {
  const poverty = h.area === 'urban' ? 2_000_000 : 1_500_000;
  const income = Number(h.income_per_capita);
  if (h.income_per_capita === '') return '';
  if (income <= poverty) return deprivationCount(h) >= 3 ? 'poor' : 'near_poor';
  return income <= poverty * 1.5 ? 'average' : 'non_poor';
}

rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });

const roll2023 = readRoll('fixtures/demo/roll-2023.csv');
const roll2024 = readRoll('fixtures/demo/roll-2024.csv');
const firstDistrict = roll2024.records[0]!.district_code!;
const district2024 = roll2024.records.filter((h) => h.district_code === firstDistrict);
const district2023 = roll2023.records.filter((h) => h.district_code === firstDistrict);

// The earlier roll of the district, for the traps that compare years.
writeCsv('district-2023.csv', roll2023.columns, district2023);

// 1. The income heading misspelt: no income column, and the near miss is suggested.
await writeWorkbook('typo-income.xlsx', district2024, { incomeHeading: 'Thu nhậpp bình quân đầu người' });

// 2. "Bảo hiểm YT" for the health insurance indicator.
await writeWorkbook('bao-hiem-yt.xlsx', district2024, {
  indicatorHeadings: INDICATOR_HEADINGS.map(([code, heading]) => (code === 'health_insurance' ? 'Bảo hiểm YT' : heading)),
});

// 3. Every indicator heading opens with "Thiếu hụt".
const THIEU_HUT: Record<string, string> = {
  employment: 'Thiếu hụt việc làm',
  dependents: 'Thiếu hụt người phụ thuộc',
  nutrition: 'Thiếu hụt dinh dưỡng',
  health_insurance: 'Thiếu hụt BHYT',
  adult_education: 'Thiếu hụt giáo dục người lớn',
  child_schooling: 'Thiếu hụt trẻ em đi học',
  housing_quality: 'Thiếu hụt chất lượng nhà ở',
  housing_area: 'Thiếu hụt diện tích nhà ở',
  water: 'Thiếu hụt nước sinh hoạt',
  latrine: 'Thiếu hụt nhà tiêu hợp vệ sinh',
  telecom: 'Thiếu hụt dịch vụ viễn thông',
  information: 'Thiếu hụt tiếp cận thông tin',
};
await writeWorkbook('thieu-hut-headings.xlsx', district2024, {
  indicatorGroup: 'Mức độ thiếu hụt dịch vụ xã hội cơ bản',
  indicatorHeadings: INDICATOR_HEADINGS.map(([code]) => THIEU_HUT[code]!),
});

// 4. The later roll without a household code column.
writeCsv(
  'no-codes-later-roll.csv',
  roll2024.columns.filter((c) => c !== 'household_id'),
  district2024,
);

// 5. A list of the province's poor households (by the rules), with two non-poor ones, titled as such; and totals per commune.
const ruledPoor = roll2024.records.filter((h) => ruleClass(h) === 'poor');
const nonPoor = roll2024.records.filter((h) => ruleClass(h) === 'non_poor');
const listed = [...ruledPoor, nonPoor[0]!, nonPoor[Math.floor(nonPoor.length / 2)]!].sort((a, b) => a.household_id!.localeCompare(b.household_id!));
writeRawCsv('poor-list.csv', listed, [['Phân loại hộ', (h) => CLASS_LABELS[ruleClass(h)]!]], ['DANH SÁCH HỘ NGHÈO NĂM 2024']);
const totals = new Map<string, { province: string; district: string; commune: string; households: number; persons: number }>();
for (const h of roll2024.records) {
  const key = `${h.district}|${h.commune}`;
  const entry = totals.get(key) ?? { province: h.province!, district: h.district!, commune: h.commune!, households: 0, persons: 0 };
  entry.households += 1;
  entry.persons += Number(h.members);
  totals.set(key, entry);
}
writeCsv(
  'poor-list-totals.csv',
  ['province', 'district', 'commune', 'households', 'persons'],
  [...totals.values()].map((t) => ({ ...t, households: String(t.households), persons: String(t.persons) })),
);

// 6. Three rows typed with the year before, inside the 2024 roll.
writeCsv(
  'stray-year-rows.csv',
  roll2024.columns,
  district2024.map((h, i) => (i === 57 || i === 181 || i === 322 ? { ...h, review_year: '2023' } : h)),
);

// 7. The file name says 2023, the title "NĂM 2024", and there is no year column.
await writeWorkbook('year-name-vs-title-2023.xlsx', district2024);

// 8. A count of deprivations instead of the marks.
const indicatorColumns = roll2024.columns.filter((c) => c.startsWith('d_'));
writeCsv(
  'deprivation-count-only.csv',
  [...roll2024.columns.filter((c) => !c.startsWith('d_')), 'deprivation_total'],
  district2024.map((h) => ({ ...h, deprivation_total: String(indicatorColumns.filter((c) => h[c] === '1').length) })),
);

// 9. A negative income, on a rural household with few deprivations (read naively, it would be near-poor).
const negative = district2024.findIndex((h) => h.area === 'rural' && ruleClass(h) === 'non_poor' && deprivationCount(h) < 3);
writeCsv(
  'negative-income.csv',
  roll2024.columns,
  district2024.map((h, i) => (i === negative ? { ...h, income_per_capita: '-500000' } : h)),
);

// 10. Households of 0 and of 250 members.
writeCsv(
  'members-out-of-range.csv',
  roll2024.columns,
  district2024.map((h, i) => (i === 10 ? { ...h, members: '0' } : i === 20 ? { ...h, members: '250' } : h)),
);

// 11. A review year no standard covers.
writeCsv(
  'year-without-standard.csv',
  roll2024.columns,
  district2024.map((h) => ({ ...h, review_year: '2015' })),
);

// 12. A household-row export whose class column uses a code "4" (for the non-poor) that no default knows.
const CODES: Record<string, string> = { poor: '1', near_poor: '2', average: '3', non_poor: '4' };
writeRawCsv('class-code-4.csv', district2024, [
  ['Năm rà soát', (h) => h.review_year!],
  ['Phân loại hộ', (h) => CODES[h.recorded_class!]!],
]);
