/**
 * Small synthetic workbooks and text files laid out like the rolls offices
 * send (docs/roll.md), one builder per layout or value variant,
 * written in the test set-up. No real person's name or ID appears.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';

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
      [
        'STT',
        'Mã hộ',
        'Họ và tên',
        'Quan hệ với chủ hộ',
        'Năm sinh',
        null,
        'Thôn',
        'Thu nhập bình quân (đồng/người/tháng)',
        'Các chỉ số thiếu hụt dịch vụ xã hội cơ bản',
        null,
        null,
        null,
        'Dân tộc',
        'Phân loại hộ',
      ],
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
  {
    household_id: 'HT-001',
    head_name: 'Lò Văn Một',
    members: '3',
    income_per_capita: '1200000',
    d_employment: '1',
    d_health_insurance: '1',
    d_water: '1',
    d_latrine: '0',
    ethnicity: 'Tày',
    ethnic_minority: '1',
    female_head: '0',
    recorded_class: 'poor',
    village: 'Thôn Nà Pàn',
  },
  {
    household_id: 'HT-002',
    head_name: 'Vi Thị Bốn',
    members: '1',
    income_per_capita: '1450000',
    d_employment: '0',
    d_health_insurance: '1',
    d_water: '0',
    d_latrine: '0',
    ethnicity: 'Nùng',
    ethnic_minority: '1',
    female_head: '1',
    recorded_class: 'near_poor',
    village: 'Thôn Khau Ràng',
  },
  {
    household_id: 'HT-003',
    head_name: 'Nông Văn Năm',
    members: '2',
    income_per_capita: '2100000',
    d_employment: '0',
    d_health_insurance: '0',
    d_water: '0',
    d_latrine: '0',
    ethnicity: 'Kinh',
    ethnic_minority: '0',
    female_head: '0',
    recorded_class: 'average',
    village: 'Thôn Nà Pàn',
  },
];

export const INSTRUCTIONS: SheetSpec = {
  name: 'Hướng dẫn',
  rows: [['HƯỚNG DẪN NHẬP LIỆU'], ['1. Mỗi xã một trang tính.'], ['2. Đánh dấu "x" vào các chỉ số thiếu hụt.']],
};

export const FORMULA_SUMMARY: SheetSpec = {
  name: 'Tổng hợp',
  rows: [
    ['Xã', 'Số hộ'],
    ['Hoa Thám', 3],
    ['Cộng', { formula: 'SUM(B2:B2)', result: 3 }],
  ],
};

/** One row per household, with the indicators' full names and a class code column. */
export function oneRowPerHouseholdRows(): Cell[][] {
  return [
    [
      'Mã số hộ',
      'Họ tên chủ hộ',
      'Xã',
      'Khu vực',
      'Số nhân khẩu',
      'Thu nhập BQ đầu người',
      'Bảo hiểm y tế',
      'Nguồn nước sinh hoạt',
      'Nhà tiêu hợp vệ sinh',
      'Sử dụng dịch vụ viễn thông',
      'Kết quả rà soát',
    ],
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

/**
 * Text as it reads when typed with a VNI-Windows font and saved as Unicode:
 * each vowel is its base letter followed by one Latin-1 byte for the shape
 * and tone together. Written from the published VNI-Windows table (the
 * font's code points, e.g. the VNI-Windows column of OpenKey's code table,
 * github.com/tuyenvm/OpenKey Sources/OpenKey/engine/Vietnamese.cpp), not
 * from povroll's decoder: ộ is "o" + 0xE4, ư is 0xF6 alone, ờ is ơ (0xF4) +
 * 0xF8; a capital takes the capital byte, 0x20 below (Ộ is "O" + 0xC4).
 * test/io/legacy-text.test.ts checks it against words typed byte by byte.
 */
export function asVni(text: string): string {
  return [...text.normalize('NFC')].map(vniLetter).join('');
}

// Tones in the order sắc, huyền, hỏi, ngã, nặng (combining marks after NFD).
const VNI_TONES = ['\u0301', '\u0300', '\u0309', '\u0303', '\u0323'];
/** The tone byte after a plain vowel or ơ ư y: ù ø û õ ï. */
const VNI_PLAIN = [0xf9, 0xf8, 0xfb, 0xf5, 0xef];
/** â ê ô: 0xE2 alone, or with the tone á à å ã ä in the same byte. */
const VNI_CIRCUMFLEX = [0xe1, 0xe0, 0xe5, 0xe3, 0xe4];
/** ă: 0xEA alone, or with the tone é è ú ü ë. */
const VNI_BREVE = [0xe9, 0xe8, 0xfa, 0xfc, 0xeb];
/** i with a tone is one byte: í ì æ ó ò. */
const VNI_I = [0xed, 0xec, 0xe6, 0xf3, 0xf2];

function vniLetter(char: string): string {
  const lower = char.toLowerCase();
  const legacy = vniLowerLetter(lower);
  if (legacy === null) return char;
  if (lower === char) return legacy;
  // Capitals: the base letter upper-cased, each VNI byte 0x20 lower (ê 0xEA → Ê 0xCA, ñ 0xF1 → Ñ 0xD1).
  return [...legacy].map((c) => (c.charCodeAt(0) >= 0xe0 ? String.fromCharCode(c.charCodeAt(0) - 0x20) : c.toUpperCase())).join('');
}

function vniLowerLetter(char: string): string | null {
  if (char === 'đ') return '\xf1';
  const [base, ...marks] = char.normalize('NFD');
  if (base === undefined || !/^[aeiouy]$/.test(base) || marks.length === 0) return null;
  const tone = VNI_TONES.findIndex((t) => marks.includes(t));
  const byte = (code: number) => String.fromCharCode(code);
  if (base === 'i') return tone < 0 ? 'i' : byte(VNI_I[tone]!);
  if (base === 'y' && tone === 4) return '\xee';
  if (marks.includes('\u0302')) return base + byte(tone < 0 ? 0xe2 : VNI_CIRCUMFLEX[tone]!);
  if (marks.includes('\u0306')) return base + byte(tone < 0 ? 0xea : VNI_BREVE[tone]!);
  // The horn: ơ is 0xF4, ư 0xF6, as letters of their own.
  const letter = marks.includes('\u031b') ? (base === 'o' ? '\xf4' : '\xf6') : base;
  return tone < 0 ? letter : letter + byte(VNI_PLAIN[tone]!);
}

/** The same sheet with every text cell turned into a legacy encoding. */
export function legacySheet(spec: SheetSpec, encode: (text: string) => string): SheetSpec {
  return { ...spec, name: encode(spec.name), rows: spec.rows.map((row) => row.map((cell) => (typeof cell === 'string' ? encode(cell) : cell))) };
}
