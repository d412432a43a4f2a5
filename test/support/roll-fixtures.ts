/**
 * Small synthetic workbooks and text files laid out like the rolls offices
 * send (shared/spec/rolls.md), one builder per layout or value variant,
 * written in the test set-up. No real person's name or ID appears.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { toVniForTests } from '../../src/io/legacy-text.js';

type Cell = string | number | boolean | Date | null | { formula: string; result: number };

export interface SheetSpec {
  name: string;
  rows: Cell[][];
  merges?: string[];
  numberFormats?: Record<string, string>;
  hidden?: boolean;
}

export async function writeWorkbook(path: string, sheets: SheetSpec[]): Promise<string> {
  const book = new ExcelJS.Workbook();
  for (const spec of sheets) {
    const sheet = book.addWorksheet(spec.name, spec.hidden ? { state: 'hidden' } : {});
    spec.rows.forEach((cells, r) => {
      cells.forEach((value, c) => {
        if (value !== null) sheet.getCell(r + 1, c + 1).value = value as ExcelJS.CellValue;
      });
    });
    for (const range of spec.merges ?? []) sheet.mergeCells(range);
    for (const [address, format] of Object.entries(spec.numberFormats ?? {})) sheet.getCell(address).numFmt = format;
  }
  await book.xlsx.writeFile(path);
  return path;
}

export const TITLE: Cell[][] = [
  ['UBND XÃ HOA THÁM', null, null, null, null, null, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'],
  ['HUYỆN BÌNH GIA, TỈNH LẠNG SƠN', null, null, null, null, null, 'Độc lập - Tự do - Hạnh phúc'],
  [],
  ['DANH SÁCH HỘ NGHÈO, HỘ CẬN NGHÈO NĂM 2024'],
];

/** Header, numbering row and three households of person rows, as a commune office types them. */
export function personRowsSheet(name: string, extraTitle: Cell[][] = []): SheetSpec {
  return {
    name,
    rows: [
      ...TITLE,
      ...extraTitle,
      ['STT', 'Mã hộ', 'Họ và tên', 'Quan hệ với chủ hộ', 'Năm sinh', null, 'Thôn', 'Thu nhập bình quân (đồng/người/tháng)', 'Các chỉ số thiếu hụt dịch vụ xã hội cơ bản', null, null, null, 'Dân tộc', 'Phân loại hộ'],
      [null, null, null, null, 'Nam', 'Nữ', null, null, 'Việc làm', 'BHYT', 'Nước SH', 'Nhà tiêu HVS', null, null],
      ['A', 'B', 'C', 'D', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10'],
      [1, 'HT-001', 'Lò Văn Một', 'Chủ hộ', 1968, null, 'Thôn Nà Pàn', '1.200.000', 'x', 'x', 'x', null, 'Tày', 'Hộ nghèo'],
      [null, null, 'Hoàng Thị Hai', 'Vợ', null, 1970, null, null, null, null, null, null, null, null],
      [null, null, 'Lò Văn Ba', 'Con', 2003, null, null, null, null, null, null, null, null, null],
      [2, 'HT-002', 'Vi Thị Bốn', 'Chủ hộ', null, 1975, 'Thôn Khau Ràng', 1450000, null, 'x', null, null, 'Nùng', 'Hộ cận nghèo'],
      [3, 'HT-003', 'Nông Văn Năm', 'Chủ hộ', 1980, null, 'Thôn Nà Pàn', '2.100.000 đ', null, null, null, null, 'Kinh', 'Hộ có mức sống trung bình'],
      [null, null, 'Nông Thị Sáu', 'Con', null, 2010, null, null, null, null, null, null, null, null],
      [null, null, 'Tổng cộng: 3 hộ'],
      [],
      [null, null, null, null, null, null, null, null, 'Hoa Thám, ngày 20 tháng 12 năm 2024'],
      [null, 'NGƯỜI LẬP BIỂU', null, null, null, null, null, null, 'TM. ỦY BAN NHÂN DÂN'],
      [null, null, null, null, null, null, null, null, 'CHỦ TỊCH'],
      [null, 'Đinh Văn Lập', null, null, null, null, null, null, 'Mã Văn Tịch'],
    ],
    merges: ['A1:D1', 'G1:N1', 'A4:N4', `E${5 + extraTitle.length}:F${5 + extraTitle.length}`, `I${5 + extraTitle.length}:L${5 + extraTitle.length}`],
  };
}

/** What `personRowsSheet` holds, as the canonical roll should read it. */
export const PERSON_ROWS_EXPECTED = [
  { household_id: 'HT-001', head_name: 'Lò Văn Một', members: '3', income_per_capita: '1200000', d_employment: '1', d_health_insurance: '1', d_water: '1', d_latrine: '0', ethnicity: 'Tày', ethnic_minority: '1', female_head: '0', recorded_class: 'poor', village: 'Thôn Nà Pàn' },
  { household_id: 'HT-002', head_name: 'Vi Thị Bốn', members: '1', income_per_capita: '1450000', d_employment: '0', d_health_insurance: '1', d_water: '0', d_latrine: '0', ethnicity: 'Nùng', ethnic_minority: '1', female_head: '1', recorded_class: 'near_poor', village: 'Thôn Khau Ràng' },
  { household_id: 'HT-003', head_name: 'Nông Văn Năm', members: '2', income_per_capita: '2100000', d_employment: '0', d_health_insurance: '0', d_water: '0', d_latrine: '0', ethnicity: 'Kinh', ethnic_minority: '0', female_head: '0', recorded_class: 'average', village: 'Thôn Nà Pàn' },
];

export const INSTRUCTIONS: SheetSpec = {
  name: 'Hướng dẫn',
  rows: [['HƯỚNG DẪN NHẬP LIỆU'], ['1. Mỗi xã một trang tính.'], ['2. Đánh dấu "x" vào các chỉ số thiếu hụt.']],
};

export const FORMULA_SUMMARY: SheetSpec = {
  name: 'Tổng hợp',
  rows: [['Xã', 'Số hộ'], ['Hoa Thám', 3], ['Cộng', { formula: 'SUM(B2:B2)', result: 3 }]],
};

/** One row per household, with the indicators' full names and a class code column. */
export function oneRowPerHouseholdRows(): Cell[][] {
  return [
    ['Mã số hộ', 'Họ tên chủ hộ', 'Xã', 'Khu vực', 'Số nhân khẩu', 'Thu nhập BQ đầu người', 'Bảo hiểm y tế', 'Nguồn nước sinh hoạt', 'Nhà tiêu hợp vệ sinh', 'Sử dụng dịch vụ viễn thông', 'Kết quả rà soát'],
    ['K-1', 'Sầm Văn Một', 'Phường Đông Kinh', '', 4, '1,950,000', '✓', '✓', '✓', '', '1'],
    ['K-2', 'Sầm Thị Hai', 'Phường Đông Kinh', '', 2, '2,600,000', '', '', '', '', '3'],
    ['K-3', 'Lương Văn Ba', 'Xã Mai Pha', 'Nông thôn', 5, '1,100,000', 'có', '', '', '✓', '2'],
  ];
}

export function writeText(dir: string, name: string, text: string, encoding: 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'windows-1258' = 'utf-8'): string {
  const path = join(dir, name);
  if (encoding === 'utf-8') writeFileSync(path, text);
  else if (encoding === 'utf-8-bom') writeFileSync(path, '\ufeff' + text);
  else if (encoding === 'utf-16le') writeFileSync(path, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
  else writeFileSync(path, iconv.encode(toWindows1258Form(text), 'windows1258'));
  return path;
}

/**
 * Windows-1258 holds â ê ô ă ơ ư đ as letters but tones as combining marks:
 * the form Vietnamese Windows wrote, decomposed into letter + tone.
 */
function toWindows1258Form(text: string): string {
  const TONES = /[\u0300\u0301\u0303\u0309\u0323]/g;
  return [...text.normalize('NFC')]
    .map((char) => {
      const parts = char.normalize('NFD');
      const tones = parts.match(TONES)?.join('') ?? '';
      return parts.replace(TONES, '').normalize('NFC') + tones;
    })
    .join('');
}

/** Text as it reads when typed with a TCVN3 (ABC) font and saved as Unicode. */
export function asTcvn3(text: string): string {
  return iconv.decode(iconv.encode(text, 'tcvn'), 'cp1252');
}

export function asVni(text: string): string {
  return toVniForTests(text);
}

/** The same sheet with every text cell turned into a legacy encoding. */
export function legacySheet(spec: SheetSpec, encode: (text: string) => string): SheetSpec {
  return { ...spec, name: encode(spec.name), rows: spec.rows.map((row) => row.map((cell) => (typeof cell === 'string' ? encode(cell) : cell))) };
}
