import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { openXlsx } from '../../src/io/xlsx/workbook.js';
import { isDateFormatCode } from '../../src/io/xlsx/styles.js';
import {
  FORMULA_SUMMARY,
  INSTRUCTIONS,
  type SheetSpec,
  asTcvn3,
  legacySheet,
  oneRowPerHouseholdRows,
  personRowsSheet,
  writeWorkbook,
} from '../support/roll-fixtures.js';
import { tempDir } from '../support/run-cli.js';

type Cell = string | number | boolean | null;

/** Rows as exceljs sees them, in the lean reader's terms: formulas give their results, dates ISO days. */
async function rowsByExceljs(path: string): Promise<Map<string, Map<number, Cell[]>>> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(path);
  const sheets = new Map<string, Map<number, Cell[]>>();
  book.eachSheet((sheet) => {
    const rows = new Map<number, Cell[]>();
    sheet.eachRow({ includeEmpty: false }, (row, number) => {
      const cells: Cell[] = [];
      row.eachCell({ includeEmpty: false }, (cell, column) => {
        // exceljs mirrors a merged range's value into every cell of it; the file holds it once.
        if (cell.isMerged && cell.master !== cell) return;
        cells[column - 1] = plain(cell.value);
      });
      rows.set(number, trim(Array.from(cells, (c) => (c === undefined ? null : c))));
    });
    sheets.set(sheet.name, rows);
  });
  return sheets;
}

function plain(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('result' in value) return plain(value.result as ExcelJS.CellValue);
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value) return String(value.text);
    return null;
  }
  return typeof value === 'string' ? (value === '' ? null : value.normalize('NFC')) : value;
}

function trim(cells: Cell[]): Cell[] {
  let end = cells.length;
  while (end > 0 && cells[end - 1] === null) end -= 1;
  return cells.slice(0, end);
}

async function rowsByLeanReader(path: string): Promise<Map<string, Map<number, Cell[]>>> {
  const book = await openXlsx(path);
  const sheets = new Map<string, Map<number, Cell[]>>();
  for (const sheet of book.sheets) {
    const rows = new Map<number, Cell[]>();
    for await (const batch of book.rows(sheet)) for (const row of batch) if (row.cells.length > 0) rows.set(row.row, trim(row.cells));
    sheets.set(sheet.name, rows);
  }
  book.close();
  return sheets;
}

const FIXTURES: Record<string, SheetSpec[]> = {
  'person-rows-merged-header': [INSTRUCTIONS, personRowsSheet('Xã Hoa Thám'), FORMULA_SUMMARY],
  'one-row-per-household': [{ name: 'Sheet1', rows: oneRowPerHouseholdRows() }],
  'legacy-tcvn3': [legacySheet(personRowsSheet('Xã Hoa Thám'), asTcvn3)],
  'dates-booleans-escapes': [
    {
      name: 'Kiểu dữ liệu',
      rows: [
        ['Ngày', 'Có', 'Chữ', 'Số'],
        [new Date(Date.UTC(2024, 0, 31)), true, 'a & b <c> "d"', -12.5],
        [new Date(Date.UTC(1900, 2, 1)), false, 'dòng 1\r\ndòng 2', 0],
      ],
      numberFormats: { A2: 'dd/mm/yyyy', A3: 'd-mmm-yy' },
    },
    { name: 'Ẩn', rows: [['ẩn']], hidden: true },
  ],
  // Several megabytes of sheet XML: rows cut by the inflater's chunks, and a scan buffer that must grow.
  'large-sheet-across-chunks': [
    {
      name: 'Lớn',
      rows: Array.from({ length: 30_000 }, (_, i) => [
        i + 1,
        `Hộ thử ${i + 1}`,
        i * 1.25,
        i % 3 === 0 ? 'x' : null,
        i % 997 === 0 ? 'dài '.repeat(2000) : `Thôn ${i % 17}`,
        -i,
      ]),
    },
  ],
};

describe('the lean XLSX reader', () => {
  it.each(Object.keys(FIXTURES))('reads %s exactly as exceljs does', async (name) => {
    const path = await writeWorkbook(join(tempDir(), `${name}.xlsx`), FIXTURES[name]!);
    const expected = await rowsByExceljs(path);
    const actual = await rowsByLeanReader(path);
    expect([...actual.keys()]).toEqual([...expected.keys()]);
    for (const [sheet, rows] of expected) expect(actual.get(sheet), sheet).toEqual(rows);
  });

  it('reads sheet XML whose elements carry a namespace prefix, as .NET tools write it', async () => {
    const ns =
      'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
    const zip = new JSZip();
    zip.file('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');
    zip.file(
      'xl/workbook.xml',
      `<?xml version="1.0"?><x:workbook ${ns}><x:sheets><x:sheet name="Xã Hoa Thám" sheetId="1" r:id="rId1"/></x:sheets></x:workbook>`,
    );
    zip.file(
      'xl/_rels/workbook.xml.rels',
      '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Target="worksheets/sheet1.xml" Type="worksheet"/><Relationship Id="rId2" Target="sharedStrings.xml" Type="sharedStrings"/></Relationships>',
    );
    zip.file(
      'xl/sharedStrings.xml',
      `<?xml version="1.0"?><x:sst ${ns}><x:si><x:t>Mã hộ</x:t></x:si><x:si><x:r><x:t>Chủ </x:t></x:r><x:r><x:t>hộ</x:t></x:r></x:si></x:sst>`,
    );
    zip.file(
      'xl/worksheets/sheet1.xml',
      `<?xml version="1.0"?><x:worksheet ${ns}><x:sheetData><x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1" t="s"><x:v>1</x:v></x:c></x:row><x:row r="2"><x:c r="A2" t="inlineStr"><x:is><x:t>H-1</x:t></x:is></x:c><x:c r="C2"><x:v>1500000</x:v></x:c></x:row></x:sheetData></x:worksheet>`,
    );
    const path = join(tempDir(), 'prefixed.xlsx');
    writeFileSync(path, await zip.generateAsync({ type: 'nodebuffer' }));
    const rows = await rowsByLeanReader(path);
    expect([...rows.get('Xã Hoa Thám')!]).toEqual([
      [1, ['Mã hộ', 'Chủ hộ']],
      [2, ['H-1', null, 1500000]],
    ]);
  });

  it('lists hidden sheets as hidden', async () => {
    const path = await writeWorkbook(join(tempDir(), 'hidden.xlsx'), FIXTURES['dates-booleans-escapes']!);
    const book = await openXlsx(path);
    expect(book.sheets.map((s) => [s.name, s.hidden])).toEqual([
      ['Kiểu dữ liệu', false],
      ['Ẩn', true],
    ]);
    book.close();
  });

  it.each([
    ['dd/mm/yyyy', true],
    ['[$-42A]d mmmm yyyy', true],
    ['#,##0', false],
    ['0.00%', false],
    ['"Ngày" @', false],
    ['General', false],
  ])('format %j shows a date: %s', (code, date) => {
    expect(isDateFormatCode(code)).toBe(date);
  });
});
