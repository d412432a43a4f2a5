import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openXlsx } from '../../src/io/xlsx/workbook.js';
import { DEMO_2023, DEMO_2024, HEADER, ROOT, folderWith, records, row, runCli, tempDir } from '../support/run-cli.js';

/** Every row of a sheet as povroll's reader gives it (cached values, from column A). */
async function sheetRows(path: string, name: string): Promise<{ row: number; cells: unknown[] }[]> {
  const book = await openXlsx(path);
  const sheet = book.sheets.find((s) => s.name === name);
  if (sheet === undefined) throw new Error(`no sheet "${name}" in ${book.sheets.map((s) => s.name).join(', ')}`);
  const rows: { row: number; cells: unknown[] }[] = [];
  for await (const batch of book.rows(sheet)) rows.push(...batch);
  book.close();
  return rows;
}

const texts = (rows: { cells: unknown[] }[]) => rows.flatMap((r) => r.cells.filter((c): c is string => typeof c === 'string'));

async function summary(args: string[]): Promise<string> {
  const out = join(tempDir(), 'summary.xlsx');
  const { code, stderr } = await runCli(['-q', ...args, '-o', out]);
  expect(code, stderr).toBe(0);
  return out;
}

describe('what an official form carries', () => {
  it('opens with the issuing unit, the national motto and the form number of the Circular, and names the standard by its legal title', async () => {
    const out = await summary(['run', DEMO_2024, '--place', 'Thạch Kim']);
    const rows = await sheetRows(out, 'Biểu 01');
    const [first, second, third] = rows;
    expect(first!.cells.filter(Boolean)).toEqual(['UBND TỈNH THẠCH KIM', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM']);
    expect(second!.cells.filter(Boolean)).toEqual(['Độc lập - Tự do - Hạnh phúc']);
    const numbers = JSON.parse(readFileSync(join(ROOT, 'forms/circular-07-2021.json'), 'utf8')) as { forms: Record<string, { vi: string }> };
    expect(third!.cells.filter(Boolean)).toEqual([numbers.forms['form1']!.vi]);
    const all = texts(rows);
    expect(all).toContain('Chuẩn nghèo áp dụng: Chuẩn nghèo đa chiều giai đoạn 2022–2025 (Nghị định số 07/2021/NĐ-CP)');
    expect(all.some((t) => t.includes('nd07-2021'))).toBe(false);
    expect(all).toContain('Thạch Kim, ngày …… tháng …… năm ……');
    expect(texts(await sheetRows(out, 'Biểu 04-05'))).toContain(numbers.forms['form45']!.vi);
  });

  it('takes the issuing unit from --unit, and leaves a dotted one to fill in when the rolls name no province', async () => {
    const given = await summary(['run', DEMO_2024, '--unit', 'UBND HUYỆN BẮC KIM']);
    expect((await sheetRows(given, 'Biểu 01'))[0]!.cells[0]).toBe('UBND HUYỆN BẮC KIM');
    const dir = folderWith({
      'r.csv': `${HEADER}\n${row({ province: '', province_code: '' })}\n${row({ household_id: 'H2', province: '', province_code: '', income_per_capita: '2600000' })}\n`,
    });
    const none = await summary(['run', join(dir, 'r.csv'), '--max-poor-share', '100']);
    expect((await sheetRows(none, 'Biểu 01'))[0]!.cells[0]).toBe('UBND ……………………');
  });

  it('names the province as English does with --lang en', async () => {
    const out = await summary(['--lang', 'en', 'run', DEMO_2024]);
    expect((await sheetRows(out, 'Form 01'))[0]!.cells[0]).toBe('PEOPLE’S COMMITTEE OF THẠCH KIM PROVINCE');
  });

  it('tells apart units of the same name when the unit above them is not shown', async () => {
    const out = await summary(['run', DEMO_2024, '--by', 'commune,village']);
    const names = texts(await sheetRows(out, 'Biểu 01')).filter((t) => t.startsWith('Thị trấn An Kim'));
    const districts = [
      ...new Set(
        records(readFileSync(DEMO_2024, 'utf8'))
          .filter((r) => r.commune === 'Thị trấn An Kim')
          .map((r) => r.district),
      ),
    ].sort();
    expect(names.sort()).toEqual(districts.map((d) => `Thị trấn An Kim (${d})`));
  });

  it('gives tied reductions the same rank', async () => {
    // Two communes go from 20 % to 10 % poor, one from 20 % to 15 %: ranks 1, 1, 3.
    const roll = (year: string, poorOf: Record<string, number>) =>
      [
        HEADER,
        ...Object.entries(poorOf).flatMap(([commune, poor]) =>
          Array.from({ length: 20 }, (_, i) =>
            row({
              household_id: `${commune}-${i}`,
              commune,
              commune_code: '',
              review_year: year,
              income_per_capita: i < poor ? '900000' : '2600000',
              d_water: i < poor ? '1' : '0',
              d_latrine: i < poor ? '1' : '0',
              d_telecom: i < poor ? '1' : '0',
            }),
          ),
        ),
      ].join('\n') + '\n';
    const dir = tempDir();
    writeFileSync(join(dir, '2023.csv'), roll('2023', { 'Xã An': 4, 'Xã Bình': 4, 'Xã Chợ': 4 }));
    writeFileSync(join(dir, '2024.csv'), roll('2024', { 'Xã An': 2, 'Xã Bình': 2, 'Xã Chợ': 3 }));
    const { stdout } = await runCli(['compare', join(dir, '2023.csv'), join(dir, '2024.csv'), '--by', 'commune']);
    const ranks = records(stdout)
      .filter((r) => r.level === 'commune')
      .map((r) => [r.commune, r.poor_reduction_pp_per_year, r.reduction_rank]);
    expect(ranks).toEqual([
      ['Xã An', '10.00', '1'],
      ['Xã Bình', '10.00', '1'],
      ['Xã Chợ', '5.00', '3'],
    ]);
  });

  it('writes the information sheet in the summary’s language, with counts as numbers', async () => {
    const out = await summary(['run', DEMO_2023, DEMO_2024]);
    const info = await sheetRows(out, 'Thông tin');
    const value = (item: string) => info.find((r) => String(r.cells[0]).trim() === item)?.cells[1];
    expect(value('Cấp tổng hợp')).toBe('Tỉnh, Huyện, Xã');
    expect(value('Chuẩn nghèo (tùy chọn)')).toBe('tự động, theo năm rà soát');
    expect(value('Căn cứ pháp lý')).toMatch(/^Nghị định số 07\/2021\/NĐ-CP, Điều 3 \(áp dụng cho năm rà soát 2026 theo Nghị định số 351\/2025\/NĐ-CP/);
    expect(value('Năm rà soát')).toBe('2023');
    expect(typeof value('Số hộ đọc được')).toBe('number');
  });
});
