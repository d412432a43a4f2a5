/**
 * Renders clean canonical households as commune offices lay out their rolls
 * (docs/roll.md): one workbook per district, one sheet per commune,
 * a title block naming the units and the year, a two-row merged header that
 * starts in column B, a numbering row, one row per person in household
 * blocks, the header repeated at page breaks, a total row and a signature
 * footer, and an instructions sheet that is not a roll. Names of members are
 * synthetic.
 */
import ExcelJS from 'exceljs';
import { randomSource } from './synthetic-roll.js';

/** A canonical household as a record of its columns. */
export type CanonicalRecord = Record<string, string>;

export const INDICATOR_HEADINGS: [string, string][] = [
  ['employment', 'Việc làm'],
  ['dependents', 'Người phụ thuộc'],
  ['nutrition', 'Dinh dưỡng'],
  ['health_insurance', 'BHYT'],
  ['adult_education', 'Giáo dục người lớn'],
  ['child_schooling', 'Trẻ em đi học'],
  ['housing_quality', 'Chất lượng nhà ở'],
  ['housing_area', 'DT nhà ở BQ'],
  ['water', 'Nước SH'],
  ['latrine', 'Nhà tiêu HVS'],
  ['telecom', 'Dịch vụ viễn thông'],
  ['information', 'Phương tiện tiếp cận TT'],
];

const CLASS_LABELS: Record<string, string> = {
  poor: 'Hộ nghèo',
  near_poor: 'Hộ cận nghèo',
  average: 'Hộ có mức sống trung bình',
  non_poor: 'Hộ không nghèo',
};

const MEMBER_NAMES = ['Lan', 'Minh', 'Hùng', 'Thảo', 'Tú', 'Nga', 'Bảo', 'Hà'];
const RELATIONS = ['Vợ', 'Chồng', 'Con', 'Con', 'Cháu', 'Mẹ', 'Bố'];

export interface MessyOptions {
  /** Repeat the header (a printed page break) every this many person rows. */
  pageRows?: number;
  /** Write incomes as Vietnamese-style text ("1.500.000") instead of numbers. */
  incomeAsText?: boolean;
}

/** Person rows of one household: the head's row carries the household's facts; members' rows leave them blank. */
export function personRows(h: CanonicalRecord, stt: number, options: MessyOptions, seed: number): (string | number | null)[][] {
  const random = randomSource(seed);
  const members = Math.max(1, Number(h.members || '1'));
  const female = h.female_head === '1';
  const year = Number(h.review_year);
  const headBirth = year - 25 - Math.floor(random() * 50);
  const income = h.income_per_capita === '' ? null : options.incomeAsText ? vietnameseNumber(Number(h.income_per_capita)) : Number(h.income_per_capita);
  const head: (string | number | null)[] = [
    null,
    stt,
    h.household_id!,
    h.head_name!,
    'Chủ hộ',
    female ? null : headBirth,
    female ? headBirth : null,
    h.village!,
    income,
    ...INDICATOR_HEADINGS.map(([code]) => (h[`d_${code}`] === '1' ? 'x' : null)),
    h.ethnicity || null,
    h.merit_policy === '1' ? 'x' : null,
    CLASS_LABELS[h.recorded_class!] ?? null,
    null,
  ];
  const rows = [head];
  for (let m = 1; m < members; m += 1) {
    const relation = RELATIONS[Math.floor(random() * RELATIONS.length)]!;
    const born = year - Math.floor(random() * 70);
    const isFemale = random() < 0.5;
    rows.push([
      null,
      null,
      null,
      `${h.head_name!.split(' ')[0]} Thị ${MEMBER_NAMES[m % MEMBER_NAMES.length]}`,
      relation,
      isFemale ? null : born,
      isFemale ? born : null,
      null,
      null,
      ...INDICATOR_HEADINGS.map(() => null),
      null,
      null,
      null,
      null,
    ]);
  }
  return rows;
}

/** 1500000 → "1.500.000" as Vietnamese offices type it. */
export function vietnameseNumber(value: number): string {
  return Math.round(value)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

const thin = { style: 'thin' as const };
/** Offices print rolls as bordered tables, so every table cell is written, empty or not. */
const BORDER = { top: thin, left: thin, bottom: thin, right: thin };

function bordered(row: ExcelJS.Row, width: number): ExcelJS.Row {
  for (let c = 2; c <= width; c += 1) row.getCell(c).border = BORDER;
  return row;
}

const HEADER_TOP = [
  '',
  'STT',
  'Mã hộ',
  'Họ và tên',
  'Quan hệ với chủ hộ',
  'Năm sinh',
  '',
  'Thôn',
  'Thu nhập bình quân (đồng/người/tháng)',
  'Các chỉ số thiếu hụt dịch vụ xã hội cơ bản',
  ...Array(11).fill(''),
  'Dân tộc',
  'Hộ có người có công',
  'Phân loại hộ',
  'Ghi chú',
];
const HEADER_SUB = ['', '', '', '', '', 'Nam', 'Nữ', '', '', ...INDICATOR_HEADINGS.map(([, heading]) => heading), '', '', '', ''];
const NUMBERING = ['', 'A', 'B', 'C', 'D', '1', '2', '3', '4', ...INDICATOR_HEADINGS.map((_, i) => String(i + 5)), '17', '18', '19', '20'];

/** Writes one district's workbook, streaming: it can hold a million person rows. */
export async function writeDistrictWorkbook(path: string, communes: Map<string, CanonicalRecord[]>, options: MessyOptions = {}): Promise<number> {
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true, useStyles: true });
  const guide = book.addWorksheet('Hướng dẫn');
  guide.addRow(['Hướng dẫn nhập liệu']).commit();
  guide.addRow(['Mỗi xã một trang tính; đánh dấu "x" vào chỉ số thiếu hụt.']).commit();
  guide.commit();
  const pageRows = options.pageRows ?? 40;
  let personCount = 0;
  let seed = 1;
  for (const [commune, households] of communes) {
    const first = households[0]!;
    const sheet = book.addWorksheet(commune.slice(0, 31));
    sheet.addRow([`UBND ${commune.toLocaleUpperCase('vi')}`, ...Array(12).fill(null), 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM']).commit();
    sheet
      .addRow([
        `${first.district!.toLocaleUpperCase('vi')}, ${first.province!.toLocaleUpperCase('vi')}`,
        ...Array(12).fill(null),
        'Độc lập - Tự do - Hạnh phúc',
      ])
      .commit();
    sheet.addRow([]).commit();
    // Merges must be made before their rows are committed.
    const title = sheet.addRow([`DANH SÁCH KẾT QUẢ RÀ SOÁT HỘ NGHÈO, HỘ CẬN NGHÈO NĂM ${first.review_year}`]);
    sheet.mergeCells(title.number, 1, title.number, HEADER_TOP.length);
    title.commit();
    sheet.addRow(['(Kèm theo Quyết định số 123/QĐ-UBND của Ủy ban nhân dân xã)']).commit();
    sheet.addRow([]).commit();
    const writeHeader = () => {
      const top = bordered(sheet.addRow(HEADER_TOP), HEADER_TOP.length);
      bordered(sheet.addRow(HEADER_SUB), HEADER_TOP.length);
      for (const column of [2, 3, 4, 5, 8, 9, 22, 23, 24, 25]) sheet.mergeCells(top.number, column, top.number + 1, column);
      sheet.mergeCells(top.number, 6, top.number, 7);
      sheet.mergeCells(top.number, 10, top.number, 21);
      bordered(sheet.addRow(NUMBERING), HEADER_TOP.length).commit();
    };
    writeHeader();
    let sinceHeader = 0;
    let stt = 0;
    for (const household of households) {
      stt += 1;
      for (const row of personRows(household, stt, options, seed++)) {
        if (sinceHeader >= pageRows) {
          writeHeader();
          sinceHeader = 0;
        }
        bordered(sheet.addRow(row), HEADER_TOP.length).commit();
        sinceHeader += 1;
        personCount += 1;
        // The streaming writer buffers unboundedly in a tight loop (docs/libraries.md): let it drain.
        if (personCount % 1000 === 0) await new Promise((resolve) => setImmediate(resolve));
      }
    }
    sheet.addRow([null, null, null, `Tổng cộng: ${households.length} hộ`]).commit();
    sheet.addRow([]).commit();
    sheet
      .addRow([null, null, null, null, null, null, null, null, null, null, null, null, null, `${commune}, ngày 20 tháng 12 năm ${first.review_year}`])
      .commit();
    sheet.addRow([null, null, 'NGƯỜI LẬP BIỂU', null, null, null, null, null, null, null, null, null, null, 'TM. ỦY BAN NHÂN DÂN']).commit();
    sheet.addRow([null, null, null, null, null, null, null, null, null, null, null, null, null, 'CHỦ TỊCH']).commit();
    sheet.addRow([]).commit();
    sheet.addRow([null, null, 'Lê Văn Lập', null, null, null, null, null, null, null, null, null, null, 'Phạm Văn Tịch']).commit();
    sheet.commit();
  }
  const summary = book.addWorksheet('Tổng hợp');
  summary.addRow(['Xã', 'Số hộ']).commit();
  let r = 2;
  for (const [commune, households] of communes) {
    summary.addRow([commune, households.length]).commit();
    r += 1;
  }
  summary.addRow(['Cộng', { formula: `SUM(B2:B${r - 1})`, result: [...communes.values()].reduce((n, h) => n + h.length, 0) }]).commit();
  summary.commit();
  await book.commit();
  return personCount;
}

/** Groups households by district, then commune, in roll order. */
export function byDistrictAndCommune(households: readonly CanonicalRecord[]): Map<string, Map<string, CanonicalRecord[]>> {
  const districts = new Map<string, Map<string, CanonicalRecord[]>>();
  for (const h of households) {
    let communes = districts.get(h.district!);
    if (!communes) districts.set(h.district!, (communes = new Map()));
    let list = communes.get(h.commune!);
    if (!list) communes.set(h.commune!, (list = []));
    list.push(h);
  }
  return districts;
}
