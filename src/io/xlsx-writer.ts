import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { SummarySheet, SummaryWorkbook } from '../core/summary.js';

/** Fixed document dates: the same inputs give the same workbook (no clock time unless asked). */
// Noon, so that no time zone moves the zip entries (kept in local time) out of the day.
const FIXED_DATE = new Date(Date.UTC(2000, 0, 1, 12));
const FONT = 'Times New Roman';
const EXCEL_MAX_ROWS = 1_048_576;
const EXCEL_MAX_CELL_TEXT = 32_767;

const NUMBER_FORMATS = { integer: '#,##0', rate: '0.00', text: '@' } as const;

// exceljs zips through JSZip (the same, deduplicated copy), which stamps each
// entry with the clock unless a default date is set: fix it, so the same
// inputs give the same bytes.
(JSZip as unknown as { defaults: { date: Date | null } }).defaults.date = FIXED_DATE;

/** Renders a summary model with exceljs (in memory: summaries are thousands of rows, not millions). */
export function renderWorkbook(model: SummaryWorkbook): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'povroll';
  workbook.lastModifiedBy = 'povroll';
  workbook.created = FIXED_DATE;
  workbook.modified = FIXED_DATE;
  for (const sheet of model.sheets) renderSheet(workbook, sheet);
  return workbook;
}

export async function writeWorkbook(model: SummaryWorkbook, path: string): Promise<void> {
  await renderWorkbook(model).xlsx.writeFile(path);
}

function renderSheet(workbook: ExcelJS.Workbook, sheet: SummarySheet): void {
  // exceljs accepts more rows than Excel opens and truncates long sheet names silently: enforce both here.
  if (sheet.rows.length + sheet.title.length + 2 > EXCEL_MAX_ROWS) {
    throw new Error(`sheet "${sheet.name}" would have more rows than Excel allows (${EXCEL_MAX_ROWS})`);
  }
  const headerRowNumber = sheet.title.length + 2;
  const worksheet = workbook.addWorksheet(sheet.name, {
    views: [{ state: 'frozen', xSplit: sheet.keyColumns, ySplit: headerRowNumber }],
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: `${headerRowNumber}:${headerRowNumber}`,
    },
    headerFooter: { oddFooter: '&C&P / &N' },
  });
  const lastColumn = sheet.columns.length;
  sheet.title.forEach((text, index) => {
    const row = worksheet.getRow(index + 1);
    row.getCell(1).value = text;
    row.getCell(1).font = { name: FONT, bold: index === 0, size: index === 0 ? 13 : 11 };
    row.getCell(1).alignment = { horizontal: 'center' };
    if (lastColumn > 1) worksheet.mergeCells(index + 1, 1, index + 1, lastColumn);
  });
  const header = worksheet.getRow(headerRowNumber);
  sheet.columns.forEach((column, index) => {
    const cell = header.getCell(index + 1);
    cell.value = column.header;
    cell.font = { name: FONT, bold: true, size: 11 };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = thinBorder;
    worksheet.getColumn(index + 1).width = column.width;
  });
  // Tall enough for the longest heading, wrapped at its column's width (about 1.1 characters a width unit, 15 points a line).
  const lines = Math.max(3, ...sheet.columns.map((c) => Math.ceil(c.header.length / Math.max(1, c.width * 1.1))));
  header.height = Math.min(409, lines * 15);
  sheet.rows.forEach((row, rowIndex) => {
    const excelRow = worksheet.getRow(headerRowNumber + 1 + rowIndex);
    row.cells.forEach((value, index) => {
      const cell = excelRow.getCell(index + 1);
      if (typeof value === 'string' && value.length > EXCEL_MAX_CELL_TEXT) {
        throw new Error(`sheet "${sheet.name}" has a cell longer than Excel allows (${EXCEL_MAX_CELL_TEXT} characters)`);
      }
      cell.value = value;
      const format = sheet.columns[index]?.format ?? 'text';
      if (typeof value === 'number') cell.numFmt = NUMBER_FORMATS[format];
      cell.font = { name: FONT, size: 11, bold: row.style === 'total' };
      cell.border = thinBorder;
    });
  });
}

const thin = { style: 'thin' as const };
const thinBorder = { top: thin, left: thin, bottom: thin, right: thin };
