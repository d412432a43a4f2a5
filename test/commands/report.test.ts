import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { DEMO_2023, DEMO_2024, ROOT, folderWith, records, HEADER, row, runCli, tempDir } from '../support/run-cli.js';

async function workbook(path: string): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(path);
  return book;
}

/** The rows of a summary sheet below its header, as arrays of cell values. */
function tableOf(sheet: ExcelJS.Worksheet): { header: string[]; rows: unknown[][] } {
  let headerRow = 0;
  sheet.eachRow((r, n) => {
    if (headerRow === 0 && r.getCell(2).value !== null && r.getCell(1).value !== null && n > 1 && !r.getCell(1).isMerged) headerRow = n;
  });
  const header = (sheet.getRow(headerRow).values as unknown[]).slice(1).map(String);
  const rows: unknown[][] = [];
  for (let n = headerRow + 1; n <= sheet.rowCount; n += 1) rows.push((sheet.getRow(n).values as unknown[]).slice(1));
  return { header, rows };
}

describe('povroll run: change between review years', () => {
  it('adds rate changes, the movement of poor and near-poor households and targets, equal to the compare command', async () => {
    const out = join(tempDir(), 'summary.xlsx');
    const targets = join(ROOT, 'examples/targets-lang-son-2021-2025.json');
    const { code, stderr } = await runCli(['run', DEMO_2023, DEMO_2024, '-o', out, '--targets', targets]);
    expect(code, stderr).toBe(0);
    const compared = records((await runCli(['-q', 'compare', DEMO_2023, DEMO_2024, '--by', 'province,district,commune', '--targets', targets])).stdout).filter(
      (r) => r.level === 'commune' || r.level === 'total',
    );
    const book = await workbook(out);
    const poor = tableOf(book.getWorksheet('Diễn biến hộ nghèo')!);
    expect(poor.header.slice(6)).toEqual(['1. Đầu kỳ', '2. Chuyển thành hộ cận nghèo', '3. Thoát nghèo (lên trên chuẩn cận nghèo)', '4. Giảm khác (chết, chuyển đi, nhập hộ)', '5. Từ hộ cận nghèo', '6. Tái nghèo', '7. Phát sinh mới', '8. Tăng khác (chuyển đến, tách hộ)', '9. Cuối kỳ']);
    expect(poor.rows).toHaveLength(compared.length);
    const flows = ['poor_start', 'poor_to_near_poor', 'poor_escaped', 'poor_other_decrease', 'near_poor_to_poor', 'poor_re_entered', 'poor_new', 'poor_other_increase', 'poor_end'];
    poor.rows.forEach((cells, i) => expect(cells.slice(6)).toEqual(flows.map((f) => Number(compared[i]![f]))));
    const near = tableOf(book.getWorksheet('Diễn biến hộ cận nghèo')!);
    const nearFlows = ['near_poor_start', 'near_poor_to_poor', 'near_poor_escaped', 'near_poor_other_decrease', 'poor_to_near_poor', 'near_poor_re_entered', 'near_poor_new', 'near_poor_other_increase', 'near_poor_end'];
    near.rows.forEach((cells, i) => expect(cells.slice(6)).toEqual(nearFlows.map((f) => Number(compared[i]![f]))));
    const changes = tableOf(book.getWorksheet('Thay đổi tỷ lệ')!);
    changes.rows.forEach((cells, i) => expect(cells.slice(6, 10)).toEqual(['poor_rate_before', 'poor_rate_after', 'poor_rate_change_pp', 'poor_reduction_pp_per_year'].map((c) => Number(compared[i]![c]))));
    const target = tableOf(book.getWorksheet('Chỉ tiêu')!);
    expect(target.header[6]).toBe('Giảm tỷ lệ hộ nghèo (điểm %/năm): Mức chỉ tiêu');
    target.rows.forEach((cells, i) => {
      const met = compared[i]!.poor_reduction_target_met;
      expect(cells.slice(6, 9)).toEqual([3, Number(compared[i]!.poor_reduction_pp_per_year), met === '1' ? 'Đạt' : 'Không đạt']);
    });
  });

  it('writes no change sheets for a single roll', async () => {
    const out = join(tempDir(), 'summary.xlsx');
    const { code, stderr } = await runCli(['run', DEMO_2024, '-o', out]);
    expect(code, stderr).toBe(0);
    expect((await workbook(out)).worksheets.map((w) => w.name)).toEqual(['Tỉnh', 'Huyện', 'Xã', 'Thiếu hụt', 'Thông tin']);
  });
});

describe('povroll run', () => {
  it('writes a summary per level and year whose numbers equal the rates command', async () => {
    const out = join(tempDir(), 'summary.xlsx');
    const { code, stderr } = await runCli(['run', DEMO_2023, DEMO_2024, '-o', out]);
    expect(code).toBe(0);
    expect(stderr).toContain(
      `Wrote ${out} (12 sheets: Tỉnh 2023, Huyện 2023, Xã 2023, Thiếu hụt 2023, Tỉnh 2024, Huyện 2024, Xã 2024, Thiếu hụt 2024, Thay đổi tỷ lệ, Diễn biến hộ nghèo, Diễn biến hộ cận nghèo, Thông tin)`,
    );
    const book = await workbook(out);
    const classified = join(tempDir(), 'c.csv');
    await runCli(['-q', 'classify', DEMO_2024, '-o', classified]);
    const rates = records((await runCli(['-q', 'rates', classified, '--by', 'commune'])).stdout);
    const { header, rows } = tableOf(book.getWorksheet('Xã 2024')!);
    expect(header.slice(0, 9)).toEqual(['Mã tỉnh', 'Tỉnh', 'Mã huyện', 'Huyện', 'Mã xã', 'Xã', 'Tổng số hộ', 'Tổng số nhân khẩu', 'Số hộ nghèo']);
    expect(rows).toHaveLength(rates.length);
    rows.forEach((cells, i) => {
      const r = rates[i]!;
      const at = (name: string) => cells[header.indexOf(name)];
      expect(at('Tổng số hộ')).toBe(Number(r.households));
      expect(at('Số hộ nghèo')).toBe(Number(r.poor));
      expect(at('Tỷ lệ hộ nghèo (%)')).toBe(Number(r.poor_rate));
      expect(at('Số hộ cận nghèo')).toBe(Number(r.near_poor));
      expect(at('Tỷ lệ hộ cận nghèo (%)')).toBe(Number(r.near_poor_rate));
      expect(at('Số khẩu nghèo')).toBe(Number(r.poor_persons));
    });
    expect(rows[rows.length - 1]![1]).toBe('Tổng cộng');
  });

  it('keeps personal data out of the summary', async () => {
    const out = join(tempDir(), 'summary.xlsx');
    await runCli(['-q', 'run', DEMO_2024, '-o', out]);
    const book = await workbook(out);
    const names = new Set(records((await import('node:fs')).readFileSync(DEMO_2024, 'utf8')).map((r) => r.head_name));
    book.eachSheet((sheet) =>
      sheet.eachRow((r) => r.eachCell((cell) => expect(names.has(String(cell.value)), `${sheet.name}!${cell.address}`).toBe(false))),
    );
  });

  it('writes English labels with --lang en, and an information sheet with the inputs’ SHA-256', async () => {
    const out = join(tempDir(), 'summary.xlsx');
    const { code } = await runCli(['-q', '--lang', 'en', 'run', DEMO_2024, '-o', out]);
    expect(code).toBe(0);
    const book = await workbook(out);
    expect(book.worksheets.map((s) => s.name)).toEqual(['Province', 'District', 'Commune', 'Deprivations', 'Information']);
    const info = book.getWorksheet('Information')!;
    const values = info.getSheetValues().flat().map(String);
    const { createHash } = await import('node:crypto');
    const sha = createHash('sha256').update((await import('node:fs')).readFileSync(DEMO_2024)).digest('hex');
    expect(values).toContain(sha);
    expect(values).toContain('nd07-2021: Multidimensional poverty standard 2022–2025');
    expect(values.some((v) => /\d{4}-\d{2}-\d{2}T/.test(v))).toBe(false);
    const deprivations = tableOf(book.getWorksheet('Deprivations')!);
    expect(deprivations.header).toContain('Domestic water: Households');
    expect(deprivations.header).not.toContain('Waste: Households');
  });

  it('gives the same bytes for the same inputs: no clock time in the zip or the document', async () => {
    const dir = tempDir();
    await runCli(['-q', 'run', DEMO_2024, '-o', join(dir, 'a.xlsx')]);
    await runCli(['-q', 'run', DEMO_2024, '-o', join(dir, 'b.xlsx')]);
    const bytes = readFileSync(join(dir, 'a.xlsx'));
    expect(bytes.equals(readFileSync(join(dir, 'b.xlsx')))).toBe(true);
    const zip = await JSZip.loadAsync(bytes);
    const years = new Set(Object.values(zip.files).map((entry) => entry.date.getFullYear()));
    expect(years).toEqual(new Set([2000]));
    expect(await zip.file('docProps/core.xml')!.async('string')).toContain('2000-01-01T12:00:00Z');
  });

  it('leaves no file behind when it fails', async () => {
    const dir = folderWith({ 'bad.csv': `${HEADER}\n${row({ income_per_capita: 'x' })}\n` });
    const out = join(dir, 'summary.xlsx');
    const { code, stderr } = await runCli(['run', join(dir, 'bad.csv'), '-o', out, '--strict']);
    expect(code).toBe(1);
    expect(stderr).toContain('row 2, column "income_per_capita"');
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir)).toEqual(['bad.csv']);
  });

  it('drops the district level for rolls after the 2025 reform', async () => {
    const dir = folderWith({ 'r.csv': `${HEADER}\n${row({ review_year: '2025', district: '', district_code: '' })}\n` });
    const out = join(dir, 'summary.xlsx');
    await runCli(['-q', 'run', join(dir, 'r.csv'), '-o', out]);
    expect((await workbook(out)).worksheets.map((s) => s.name)).toEqual(['Tỉnh', 'Xã', 'Thiếu hụt', 'Thông tin']);
  });
});

describe('povroll report', () => {
  it('summarises classified rolls like run does', async () => {
    const dir = tempDir();
    await runCli(['-q', 'classify', DEMO_2024, '-o', join(dir, 'c.csv')]);
    await runCli(['-q', 'report', join(dir, 'c.csv'), '-o', join(dir, 'report.xlsx'), '--by', 'district']);
    await runCli(['-q', 'run', DEMO_2024, '-o', join(dir, 'run.xlsx'), '--by', 'district']);
    const report = tableOf((await workbook(join(dir, 'report.xlsx'))).getWorksheet('Huyện')!);
    const run = tableOf((await workbook(join(dir, 'run.xlsx'))).getWorksheet('Huyện')!);
    expect(report.rows).toEqual(run.rows);
    expect(report.rows).toHaveLength(4);
  });
});
