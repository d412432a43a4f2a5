/**
 * A household read from a raw roll and rejected later — by the value checks
 * (a negative income) or because a cell cannot be read — is a rejected row
 * in its sheet's accounting, not a household, and the assumptions made to
 * read it count it no more: they count the households used, on stderr and on
 * the "Cơ sở số liệu" sheet alike. Counts below are worked out by hand from
 * the five households of the roll.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { writeWorkbook } from '../support/roll-fixtures.js';
import { runCli, tempDir } from '../support/run-cli.js';

/**
 * The area column is blank for HT-001, HT-003 and HT-005 (the area is then taken from "Xã …");
 * the year comes from the title for every household; the class is a code (1, 2, 3) or a label.
 * HT-003 has a negative income: rejected by the value checks, after it was read on two assumptions
 * (area, year) and a third (farm household from its recorded class).
 * HT-004's income is no number: rejected while its cells are read, after the year was assumed.
 * Used: HT-001 (area, year, code 1, farm), HT-002 (year, code 2, farm), HT-005 (area, year, code 3, farm).
 */
const ROLL = [
  'UBND XÃ HOA THÁM,,,,,,,,,,,,,,,,,,,',
  '"DANH SÁCH KẾT QUẢ RÀ SOÁT HỘ NGHÈO, HỘ CẬN NGHÈO NĂM 2024",,,,,,,,,,,,,,,,,,,',
  'STT,Mã hộ,Họ và tên chủ hộ,Khu vực,Số nhân khẩu,Thu nhập bình quân (đồng/người/tháng),Việc làm,Người phụ thuộc,Dinh dưỡng,BHYT,Giáo dục người lớn,Trẻ em đi học,Chất lượng nhà ở,DT nhà ở BQ,Nước SH,Nhà tiêu HVS,Dịch vụ viễn thông,Phương tiện tiếp cận TT,Dân tộc,Phân loại hộ',
  '1,HT-001,Hoàng Văn Một,,4,1.200.000,x,,,x,x,,,,,,,,Tày,1',
  '2,HT-002,Lương Thị Hai,Nông thôn,3,1.400.000,,,,x,,,,,,,,,Tày,2',
  '3,HT-003,Nông Văn Ba,,5,"(1.234)",,,,,,,,,,,,,Nùng,Hộ không nghèo',
  '4,HT-004,Vi Thị Bốn,Nông thôn,2,không rõ,x,x,,x,,,x,,x,,,,Tày,1',
  '5,HT-005,Hà Văn Năm,,6,2.100.000,,,,,,,,,,,,,Tày,3',
].join('\n');

const LOCATION = ['--province', 'Tỉnh Lạng Sơn', '--district', 'Huyện Bình Gia', '--commune', 'Xã Hoa Thám', '--max-rejected', '50'];

describe('ingest: rows rejected after reading', () => {
  it('counts them as rejected rows of their sheet, and leaves them out of the assumption counts', async () => {
    const dir = tempDir();
    const roll = join(dir, 'xa-hoa-tham.csv');
    writeFileSync(roll, ROLL + '\n');
    const { code, stderr } = await runCli(['ingest', roll, ...LOCATION, '-o', join(dir, 'roll.csv')]);
    expect(code, stderr).toBe(0);
    // 8 rows: 2 title, 1 header, 3 households used, 2 rejected.
    expect(stderr).toContain('  8 rows read = 3 households + 0 member rows + 2 rejected + 3 skipped (2 title, 1 header)');
    const basis = stderr.split('\n').find((line) => line.startsWith(`${roll}: `))!;
    expect(basis).toContain('3 households used; 2 rows rejected');
    expect(basis).toContain('area from the commune’s name (xã rural; phường, thị trấn urban) (2)');
    expect(basis).toContain('review year from the title (3)');
    expect(basis).toContain('class code "1" read as poor (1)');
    expect(basis).toContain('class code "2" read as near-poor (1)');
    expect(basis).toContain('class code "3" read as average (1)');
    expect(basis).toContain('from the recorded class: yes when recorded average, no for any other class (3)');
  });

  it('gives the same counts on the "Cơ sở số liệu" sheet of the summary', async () => {
    const dir = tempDir();
    const roll = join(dir, 'xa-hoa-tham.csv');
    writeFileSync(roll, ROLL + '\n');
    const out = join(dir, 'summary.xlsx');
    const { code, stderr } = await runCli(['-q', 'run', roll, ...LOCATION, '-o', out]);
    expect(code, stderr).toBe(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out);
    const sheet = book.getWorksheet('Cơ sở số liệu')!;
    let row = 0;
    sheet.eachRow((r, n) => {
      if (r.getCell(2).value === roll) row = n;
    });
    expect(row).toBeGreaterThan(0);
    const cells = sheet.getRow(row);
    // Households used, rows rejected, then the assumptions with the households each was made for.
    expect([cells.getCell(3).value, cells.getCell(4).value]).toEqual([3, 2]);
    const assumed = String(cells.getCell(7).value);
    expect(assumed).toContain('khu vực suy từ tên đơn vị (xã: nông thôn; phường, thị trấn: thành thị) (2)');
    expect(assumed).toContain('năm rà soát lấy từ tiêu đề (3)');
    expect(assumed).toContain('phân loại khác là không (3)');
  });

  it('counts a household of a finished sheet rejected for its stray year there, and one rejected in the next sheet in that one', async () => {
    const header = [
      'STT',
      'Mã hộ',
      'Họ và tên chủ hộ',
      'Năm rà soát',
      'Số nhân khẩu',
      'Thu nhập bình quân (đồng/người/tháng)',
      'Việc làm',
      'Người phụ thuộc',
      'Dinh dưỡng',
      'BHYT',
      'Giáo dục người lớn',
      'Trẻ em đi học',
      'Chất lượng nhà ở',
      'DT nhà ở BQ',
      'Nước SH',
      'Nhà tiêu HVS',
      'Dịch vụ viễn thông',
      'Phương tiện tiếp cận TT',
    ];
    const household = (n: number, year: number, income: number) => [n, `HH-${n}`, `Chủ hộ ${n}`, year, 4, income, ...Array<null>(12).fill(null)];
    // First sheet: 25 households, one of 2023 among 24 of 2024 (4 %, under the 5 % a sheet may stray): rejected when
    // the sheet ends, which the reader knows only once the next sheet begins. Second sheet: 4 households, one with a negative income.
    const first = [header, ...Array.from({ length: 25 }, (_, i) => household(i + 1, i === 12 ? 2023 : 2024, 3_000_000))];
    const second = [header, ...Array.from({ length: 4 }, (_, i) => household(101 + i, 2024, i === 1 ? -5 : 3_000_000))];
    const path = await writeWorkbook(join(tempDir(), 'Huyện Bình Gia 2024.xlsx'), [
      { name: 'Xã Hoa Thám', rows: first },
      { name: 'Xã Tân Văn', rows: second },
    ]);
    const { code, stderr } = await runCli([
      'ingest',
      path,
      '--province',
      'Tỉnh Lạng Sơn',
      '--district',
      'Huyện Bình Gia',
      '--max-rejected',
      '50',
      '-o',
      join(tempDir(), 'roll.csv'),
    ]);
    expect(code, stderr).toBe(0);
    expect(stderr).toContain('  sheet "Xã Hoa Thám": 26 rows read = 24 households + 0 member rows + 1 rejected + 1 skipped (1 header)');
    expect(stderr).toContain('  sheet "Xã Tân Văn": 5 rows read = 3 households + 0 member rows + 1 rejected + 1 skipped (1 header)');
    const basis = stderr.split('\n').find((line) => line.startsWith(`${path}: `))!;
    // 24 + 3 households used, each read with its commune from the sheet's name and the area from the commune's.
    expect(basis).toContain('27 households used; 2 rows rejected');
    expect(basis).toContain('commune from the sheet name (27)');
    expect(basis).toContain('area from the commune’s name (xã rural; phường, thị trấn urban) (27)');
  });
});
