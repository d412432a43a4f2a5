import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { DEMO_2023, DEMO_2024, records, runCli, tempDir } from '../support/run-cli.js';

async function edit(path: string, out: string, changes: Record<string, Record<string, number | string>>): Promise<void> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(path);
  for (const [sheet, cells] of Object.entries(changes))
    for (const [address, value] of Object.entries(cells)) book.getWorksheet(sheet)!.getCell(address).value = value;
  await book.xlsx.writeFile(out);
}

describe('povroll check', () => {
  it('finds nothing wrong in a summary povroll wrote', async () => {
    const out = join(tempDir(), 'summary.xlsx');
    expect((await runCli(['-q', 'run', DEMO_2023, DEMO_2024, '-o', out])).code).toBe(0);
    const { code, stdout, stderr } = await runCli(['check', out]);
    expect(code, stderr).toBe(0);
    expect(records(stdout)).toEqual([]);
    expect(stderr).toContain('Biểu 01 2024: 16 rows checked, all add up');
    expect(stderr).toContain('Diễn biến hộ nghèo: 32 rows checked, all add up');
  });

  it('finds every error planted in a summary, by cell', async () => {
    const dir = tempDir();
    const clean = join(dir, 'clean.xlsx');
    // Plain numbers: the planted values are what the file shows, with no formula to recompute them.
    expect((await runCli(['-q', 'run', DEMO_2023, DEMO_2024, '-o', clean, '--values-only'])).code).toBe(0);
    const planted = join(dir, 'planted.xlsx');
    // A rate within half a hundredth of the exact one is as printed: 24/1201 still shows 2.00, so H23 is fine.
    // Form 1 (under the unit, the motto and the form's number): row 10 is the first district, rows 11–14 its communes, row 25
    // the total. Form 2 gives each unit a households row and a persons row: rows 9–10 the district, 11–18 its communes;
    // column L is column 9 of the form.
    await edit(clean, planted, {
      'Biểu 01 2024': { E11: 50, C25: 1201, H12: 3.5 },
      'Diễn biến hộ nghèo': { L13: 7 },
    });
    const { code, stdout, stderr } = await runCli(['check', planted]);
    expect(code).toBe(1);
    expect(stderr).toContain('cells do not add up');
    const found = records(stdout).map((r) => `${r.sheet}!${r.cell} ${r.rule}`);
    expect(found).toEqual([
      'Biểu 01 2024!E10 sum of rows 11–14',
      'Biểu 01 2024!F11 4=3/1*100',
      'Biểu 01 2024!H12 6=5/1*100',
      'Biểu 01 2024!C25 sum of rows 10, 15, 20',
      'Biểu 01 2024!F25 4=3/1*100',
      'Biểu 01 2024!J25 8=7/1*100',
      'Diễn biến hộ nghèo!L9 sum of rows 11, 13, 15, 17',
      'Diễn biến hộ nghèo!L13 9=1-2-3-4+5+6+7+8',
    ]);
    const total = records(stdout).find((r) => r.cell === 'C25')!;
    expect(total).toMatchObject({ found: '1201', expected: '1200', difference: '1' });
  });

  it('re-adds a summary typed by hand in the official layout: the 2022 national totals', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Tổng hợp');
    sheet.addRow(['KẾT QUẢ RÀ SOÁT HỘ NGHÈO, HỘ CẬN NGHÈO NĂM 2022']);
    sheet.addRow([]);
    sheet.addRow(['STT', 'Vùng', 'Hộ nghèo', 'Hộ cận nghèo', 'Tổng số hộ nghèo và cận nghèo']);
    sheet.addRow(['A', 'B', 1, 2, '3=1+2']);
    sheet.addRow(['1', 'Vùng Một', '600.000', '500.000', '1.100.000']);
    sheet.addRow(['2', 'Vùng Hai', '457.374', '415.274', '872.648']);
    sheet.addRow(['', 'Tổng cộng', '1.057.374', '915.274', '1.972.767']);
    const path = join(tempDir(), 'typed.xlsx');
    await book.xlsx.writeFile(path);
    const { code, stdout } = await runCli(['check', path]);
    expect(code).toBe(1);
    // The printed total is wrong twice over: it is neither poor + near-poor nor the sum of the regions.
    expect(records(stdout)).toEqual([
      { sheet: 'Tổng hợp', cell: 'E7', rule: '3=1+2', found: '1972767', expected: '1972648', difference: '119' },
      { sheet: 'Tổng hợp', cell: 'E7', rule: 'sum of rows 5–6', found: '1972767', expected: '1972648', difference: '119' },
    ]);
  });

  it('reads the other ways forms are typed: numbers in brackets, "x 100", decimal commas, districts known by name', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Biểu 01');
    sheet.addRow(['UBND TỈNH THỬ']);
    sheet.addRow(['TỔNG HỢP KẾT QUẢ RÀ SOÁT HỘ NGHÈO NĂM 2024']);
    sheet.addRow(['TT', 'Đơn vị', 'Tổng số hộ', 'Số hộ nghèo', 'Tỷ lệ hộ nghèo (%)']);
    sheet.addRow(['(A)', '(B)', '(1)', '(2)', '(3) = (2) : (1) x 100%']);
    sheet.addRow(['', 'Huyện Một', '300', '30', '10,00']);
    sheet.addRow(['1', 'Xã An', '100', '10', '10,00']);
    sheet.addRow(['2', 'Xã Bình', '200', '21', '10,00']);
    sheet.addRow(['', 'Huyện Hai', '50', '5', '10,00']);
    sheet.addRow(['1', 'Xã Cường', '50', '5', '10,00']);
    sheet.addRow(['', 'TỔNG CỘNG', '350', '35', '10,00']);
    const path = join(tempDir(), 'typed.xlsx');
    await book.xlsx.writeFile(path);
    const { code, stdout } = await runCli(['check', path]);
    expect(code).toBe(1);
    expect(records(stdout).map((r) => `${r.cell} ${r.rule} ${r.found}→${r.expected}`)).toEqual([
      'D5 sum of rows 6–7 30→31',
      'E7 (3) = (2) : (1) x 100% 10→10.5',
    ]);
  });

  it('does not add up the list numbers of a form numbered 1, 2, 3 from its first column', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Biểu');
    sheet.addRow(['STT', 'Đơn vị', 'Số hộ', 'Số hộ nghèo']);
    sheet.addRow([1, 2, 3, 4]);
    sheet.addRow(['I', 'Huyện Một', 30, 3]);
    sheet.addRow(['1', 'Xã An', 10, 1]);
    sheet.addRow(['2', 'Xã Bình', 20, 2]);
    sheet.addRow(['', 'Tổng số', 30, 3]);
    const path = join(tempDir(), 'numbered.xlsx');
    await book.xlsx.writeFile(path);
    const { code, stdout, stderr } = await runCli(['check', path]);
    expect(code, stderr).toBe(0);
    expect(records(stdout)).toEqual([]);
  });

  it('refuses a workbook in no known layout, and a file that is no workbook', async () => {
    const dir = tempDir();
    const book = new ExcelJS.Workbook();
    book.addWorksheet('Notes').addRow(['Nothing', 'here', 1, 2]);
    await book.xlsx.writeFile(join(dir, 'notes.xlsx'));
    const unknown = await runCli(['check', join(dir, 'notes.xlsx')]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no sheet is in a known layout');
    writeFileSync(join(dir, 'a.csv'), 'a,b\n1,2\n');
    const csv = await runCli(['check', join(dir, 'a.csv')]);
    expect(csv.code).toBe(1);
    expect(csv.stderr).toContain('it is not an .xlsx workbook');
  });
});
