/**
 * Workbooks saved with the 1904 date system (Excel for Mac's old default,
 * `<workbookPr date1904="1"/>` in xl/workbook.xml) count days from
 * 1904-01-01 = 0, with no 29 February 1900: read as 1900 serials their
 * dates come out 4 years and a day early. Expected dates are counted by
 * hand in the comments, not with povroll's conversion.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { openXlsx } from '../../src/io/xlsx/workbook.js';
import { oneRowPerHouseholdRows } from '../support/roll-fixtures.js';
import { records, runCli, tempDir } from '../support/run-cli.js';

/**
 * 2024-03-15 in the 1904 system: 120 years 1904–2023 of 365 days, plus 30 leap
 * days (1904, 1908 … 2020), plus 31 + 29 + 14 days into 2024 = 43,904.
 */
const MARCH_15_2024 = 43_904;

/** A one-sheet workbook in the 1904 date system: dates in column A, serials with a date format in column B. */
async function book1904(path: string, dates: Date[], serials: number[]): Promise<string> {
  const book = new ExcelJS.Workbook();
  book.properties.date1904 = true;
  const sheet = book.addWorksheet('Ngày');
  dates.forEach((date, i) => (sheet.getCell(i + 1, 1).value = date));
  serials.forEach((serial, i) => {
    const cell = sheet.getCell(i + 1, 2);
    cell.value = serial;
    cell.numFmt = 'dd/mm/yyyy';
  });
  await book.xlsx.writeFile(path);
  return path;
}

/** Rewrites the workbookPr element's date1904 attribute (or removes it) inside the zip. */
async function setDate1904(path: string, value: string | null): Promise<void> {
  const zip = await JSZip.loadAsync(readFileSync(path));
  const xml = await zip.file('xl/workbook.xml')!.async('string');
  expect(xml).toMatch(/<workbookPr [^>]*date1904="1"/);
  zip.file('xl/workbook.xml', xml.replace(/ date1904="1"/, value === null ? '' : ` date1904="${value}"`));
  writeFileSync(path, await zip.generateAsync({ type: 'nodebuffer' }));
}

async function cellsOf(path: string): Promise<unknown[][]> {
  const book = await openXlsx(path);
  const rows: unknown[][] = [];
  for await (const batch of book.rows(book.sheets[0]!)) for (const r of batch) rows.push(r.cells);
  book.close();
  return rows;
}

describe('the 1904 date system', () => {
  it('stores the serials counted by hand', async () => {
    const path = await book1904(join(tempDir(), 'mac.xlsx'), [new Date(Date.UTC(2024, 2, 15))], []);
    const sheet = await (await JSZip.loadAsync(readFileSync(path))).file('xl/worksheets/sheet1.xml')!.async('string');
    expect(sheet).toContain(`<v>${MARCH_15_2024}</v>`);
  });

  it.each(['1', 'true'])('reads dates of a workbook marked date1904="%s" on the right day', async (mark) => {
    const path = await book1904(join(tempDir(), 'mac.xlsx'), [new Date(Date.UTC(2024, 2, 15)), new Date(Date.UTC(1975, 11, 31))], [0, 1, 59, 60, 366]);
    if (mark !== '1') await setDate1904(path, mark);
    expect(await cellsOf(path)).toEqual([
      // 0 is the first day; 1904 is a leap year, so 59 is 29 February and 60 is 1 March; 366 is 1 January 1905.
      ['2024-03-15', '1904-01-01'],
      ['1975-12-31', '1904-01-02'],
      [null, '1904-02-29'],
      [null, '1904-03-01'],
      [null, '1905-01-01'],
    ]);
  });

  it.each([null, '0', 'false'])('reads the same serials as 1900 dates when date1904 is %s', async (mark) => {
    const path = await book1904(join(tempDir(), 'pc.xlsx'), [new Date(Date.UTC(2024, 2, 15))], [1, 61]);
    await setDate1904(path, mark);
    // In the 1900 system 43,904 is 2020-03-14 (43,831 is 2020-01-01, 73 days on); 1 is 1900-01-01; 61 is 1 March 1900.
    expect(await cellsOf(path)).toEqual([
      ['2020-03-14', '1900-01-01'],
      [null, '1900-03-01'],
    ]);
  });

  it('gives households of a 1904 roll the review year of its date cells', async () => {
    const rows = oneRowPerHouseholdRows();
    const book = new ExcelJS.Workbook();
    book.properties.date1904 = true;
    const sheet = book.addWorksheet('Xã Mai Pha');
    rows.forEach((cells, r) => {
      cells.forEach((value, c) => {
        if (value !== null) sheet.getCell(r + 1, c + 1).value = value;
      });
      // The review year typed as a date: 2 January 2024 (serial 43,830 + 1); misread, 1 January 2020.
      const review = sheet.getCell(r + 1, cells.length + 1);
      if (r === 0) review.value = 'Năm rà soát';
      else {
        review.value = new Date(Date.UTC(2024, 0, 2));
        review.numFmt = 'dd/mm/yyyy';
      }
    });
    const path = join(tempDir(), 'Mai Pha 2024.xlsx');
    await book.xlsx.writeFile(path);
    const { code, stdout, stderr } = await runCli(['ingest', path]);
    expect(code, stderr).toBe(0);
    expect(records(stdout).map((h) => [h.household_id, h.review_year])).toEqual([
      ['K-1', '2024'],
      ['K-2', '2024'],
      ['K-3', '2024'],
    ]);
  });
});
