/** Cases a code review found; each failed before its fix. */
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import type { SourceRow } from '../../src/core/ingest/header.js';
import { INGEST_COLUMNS, createSheetIngester } from '../../src/core/ingest/sheet-ingester.js';
import { type RawCellValue, DEFAULT_CLASS_CODES, numberValue } from '../../src/core/ingest/values.js';
import { openXlsx } from '../../src/io/xlsx/workbook.js';
import { excelSerialToIsoDate } from '../../src/io/xlsx/styles.js';
import { writeText, writeWorkbook } from '../support/roll-fixtures.js';
import { records, runCli, tempDir } from '../support/run-cli.js';

function ingest(lines: RawCellValue[][], sheet = 'Xã Hoa Thám') {
  const ingester = createSheetIngester({
    file: 'f',
    sheet,
    defaults: {},
    fileYear: null,
    overrides: new Map(),
    classCodes: DEFAULT_CLASS_CODES,
    fixText: null,
  });
  const rows: SourceRow[] = lines.map((cells, i) => ({ row: i + 1, cells }));
  const first = ingester.push(rows);
  const last = ingester.finish();
  const households = [...first.households, ...last.households].map((h) => Object.fromEntries(INGEST_COLUMNS.map((c, i) => [c, h.cells[i]])));
  return { households, counts: last.counts, rejects: [...first.rejects, ...last.rejects], header: last.header };
}

describe('household rows the review found misread', () => {
  it('keeps a first household whose cells are small numbers, not a numbering row', () => {
    const { households } = ingest([
      ['STT', 'Họ tên chủ hộ', 'Số khẩu', 'Việc làm', 'BHYT', 'Nước SH', 'Phân loại hộ'],
      [1, 'Lò Văn Một', 4, 1, 0, 1, 'Hộ nghèo'],
      [2, 'Lò Văn Hai', 3, 0, 0, 0, 'Hộ cận nghèo'],
    ]);
    expect(households.map((h) => h.head_name)).toEqual(['Lò Văn Một', 'Lò Văn Hai']);
  });

  it('keeps title rows beside the header out of it, so the title still names the commune', () => {
    const { households } = ingest(
      [
        ['UBND XÃ HOA THÁM', null, null, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'],
        ['HUYỆN BÌNH GIA', null, null, 'Độc lập - Tự do - Hạnh phúc'],
        ['STT', 'Họ tên chủ hộ', 'Thu nhập bình quân', 'Phân loại hộ'],
        [1, 'Một', 900000, 'Hộ nghèo'],
      ],
      'Sheet1',
    );
    expect(households[0]).toMatchObject({ commune: 'Xã Hoa Thám', district: 'Huyện Bình Gia' });
  });

  it('opens a household at a list number even when its code is blank', () => {
    const { households } = ingest([
      ['STT', 'Mã hộ', 'Họ và tên', 'Số khẩu', 'TNBQ'],
      [1, 'H1', 'Một', 3, '900.000'],
      [2, null, 'Hà Thị Hai', 3, '900.000'],
    ]);
    expect(households.map((h) => h.head_name)).toEqual(['Một', 'Hà Thị Hai']);
  });

  it('folds member rows that repeat the code without a year, and splits a repeated code with facts of its own', () => {
    const members = ingest([
      ['Mã hộ', 'Họ và tên', 'Quan hệ với chủ hộ', 'Năm rà soát', 'TNBQ'],
      ['H1', 'Một', 'Chủ hộ', 2024, 900000],
      ['H1', 'Hai', 'Vợ', null, null],
    ]);
    expect(members.households.map((h) => [h.household_id, h.members])).toEqual([['H1', '2']]);
    const twice = ingest([
      ['Mã hộ', 'Chủ hộ', 'Số khẩu', 'TNBQ'],
      ['H1', 'Một', 3, 900000],
      ['H1', 'Hai', 4, 800000],
    ]);
    expect(twice.households.map((h) => h.head_name)).toEqual(['Một', 'Hai']);
  });

  it('skips a total row written in the code column', () => {
    const { households, counts } = ingest([
      ['Mã hộ', 'Chủ hộ', 'Số khẩu', 'TNBQ'],
      ['H1', 'Một', 3, 900000],
      ['Tổng cộng', null, 3, 900000],
    ]);
    expect(households).toHaveLength(1);
    expect(counts.skipped.total).toBe(1);
  });

  it('reads a lone member name as a member, not a section ("Tô", "Bàn" are family names)', () => {
    const { households } = ingest([
      ['STT', 'Họ và tên', 'Thôn', 'TNBQ'],
      [1, 'Một', 'Thôn 1', 900000],
      [null, 'Tô Thị Lan'],
      [null, 'Bàn Thị Sinh'],
      [2, 'Hai', null, 900000],
    ]);
    expect(households.map((h) => [h.members, h.village])).toEqual([
      ['3', 'Thôn 1'],
      ['1', 'Thôn 1'],
    ]);
  });

  it('reads a second list below the first one’s footer', () => {
    const header = ['STT', 'Họ tên chủ hộ', 'Thu nhập bình quân'];
    const { households } = ingest([header, [1, 'Một', 900000], ['NGƯỜI LẬP BIỂU'], ['DANH SÁCH HỘ CẬN NGHÈO'], header, [1, 'Hai', 1000000]]);
    expect(households.map((h) => h.head_name)).toEqual(['Một', 'Hai']);
  });

  it('counts "Dân tộc Kinh" as Kinh', () => {
    const { households } = ingest([
      ['STT', 'Chủ hộ', 'Dân tộc', 'TNBQ'],
      [1, 'Một', 'Dân tộc Kinh', 900000],
    ]);
    expect(households[0]!.ethnic_minority).toBe('0');
  });
});

describe('values and readers', () => {
  it('reads "0.500" and "1234.567" as decimals, and reports a column that contradicts its assumed style', () => {
    expect(numberValue('0.500', 'x', { style: null })).toBe(0.5);
    expect(numberValue('1234.567', 'x', { style: null })).toBe(1234.567);
    const style = { style: null };
    expect(numberValue('1,500', 'x', style)).toBe(1.5);
    expect(() => numberValue('1,200,000', 'x', style)).toThrow('it mixes 1.500,5 and 1,500.5');
  });

  it('keeps a date-styled number past year 9999 a number', () => {
    expect(excelSerialToIsoDate(123456789012)).toBe(123456789012);
    expect(excelSerialToIsoDate(45366)).toBe('2024-03-15');
  });

  it('places cells without a reference after the cell before them, empty or not', async () => {
    const ns =
      'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
    const zip = new JSZip();
    zip.file('xl/workbook.xml', `<workbook ${ns}><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`);
    zip.file(
      'xl/_rels/workbook.xml.rels',
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>',
    );
    zip.file(
      'xl/worksheets/sheet1.xml',
      `<worksheet ${ns}><sheetData><row><c><v>7</v></c><c/><c t="inlineStr"><is><t>x</t></is></c></row></sheetData></worksheet>`,
    );
    const path = join(tempDir(), 'noref.xlsx');
    writeFileSync(path, await zip.generateAsync({ type: 'nodebuffer' }));
    const book = await openXlsx(path);
    const rows = [];
    for await (const batch of book.rows(book.sheets[0]!)) rows.push(...batch);
    book.close();
    expect(rows).toEqual([{ row: 1, cells: [7, null, 'x'] }]);
  });

  it('reads a CSV with a title line and Windows line endings without stray carriage returns', async () => {
    const dir = tempDir();
    const file = writeText(dir, 'r.csv', 'DANH SÁCH HỘ NGHÈO XÃ MAI PHA NĂM 2024\r\nMã hộ,Chủ hộ,Số khẩu,Thu nhập bình quân\r\nM1,Một,3,"1,500,000"\r\n');
    const { code, stdout, stderr } = await runCli(['ingest', file]);
    expect(code, stderr).toBe(0);
    expect(records(stdout)[0]).toMatchObject({ household_id: 'M1', income_per_capita: '1500000', commune: 'Xã Mai Pha', review_year: '2024' });
  });

  it('names the right row for a broken quote in a CSV with a title line', async () => {
    const dir = tempDir();
    const file = writeText(dir, 'r.csv', 'Tiêu đề\nMã hộ,Chủ hộ,Số khẩu\nM1,Một,3\nM2,"Hai,3\n');
    const { code, stderr } = await runCli(['ingest', file]);
    expect(code).toBe(1);
    expect(stderr).toContain('r.csv": row 4: a quoted cell is never closed');
  });

  it('gives up quickly on a large sheet without a header', async () => {
    const dir = tempDir();
    const lines = ['a,b,c,d,e,f,g,h,i,j,k,l', ...Array.from({ length: 3000 }, (_, i) => `x${i},y,z,w,v,u,t,s,r,q,p,o`)];
    const started = Date.now();
    const { code, stderr } = await runCli(['ingest', writeText(dir, 'odd.csv', lines.join('\n'))]);
    expect(code).toBe(1);
    expect(stderr).toContain('no sheet has a recognisable roll header');
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});

describe('duplicates and hidden sheets', () => {
  it('--on-duplicate last lists the replaced household as rejected', async () => {
    const dir = tempDir();
    const file = writeText(dir, 'r.csv', 'Mã hộ,Chủ hộ,Xã,TNBQ\nD1,Một,Xã An,900000\nD1,Hai,Xã An,800000\n');
    const rejects = join(dir, 'rejects.csv');
    const { households } = { households: records((await runCli(['ingest', file, '--on-duplicate', 'last', '--rejects', rejects])).stdout) };
    expect(households.map((h) => h.head_name)).toEqual(['Hai']);
    const { readFileSync } = await import('node:fs');
    expect(records(readFileSync(rejects, 'utf8')).map((r) => [r.row, r.reason])).toEqual([
      ['2', 'duplicate: household code "D1" appears again later; the last is kept (--on-duplicate last)'],
    ]);
  });

  it('does not read a hidden sheet, and says so', async () => {
    const dir = tempDir();
    const sheet = {
      name: 'Xã An',
      rows: [
        ['STT', 'Chủ hộ', 'Thu nhập bình quân'],
        [1, 'Một', 900000],
      ],
    };
    const path = await writeWorkbook(join(dir, 'r.xlsx'), [sheet, { ...sheet, name: 'Xã An (cũ)', hidden: true }]);
    const { stdout, stderr } = await runCli(['ingest', path]);
    expect(records(stdout)).toHaveLength(1);
    expect(stderr).toContain('sheet "Xã An (cũ)": hidden, not read');
  });
});
