import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { referenceClass } from '../support/reference.js';
import { HEADER, folderWith, records, row, runCli } from '../support/run-cli.js';

/**
 * Traps found by a tester who had not seen the first set (fixtures/traps):
 * each once gave a plausible wrong figure.
 */
const SURVEY_HEADER = 'Mã hộ,Chủ hộ,Xã,Năm rà soát,Khu vực,Số nhân khẩu';
const INDICATORS =
  'Việc làm,Người phụ thuộc,Dinh dưỡng,BHYT,Trình độ giáo dục của người lớn,Tình trạng đi học của trẻ em,Chất lượng nhà ở,Diện tích nhà ở,Nguồn nước sinh hoạt,Nhà tiêu hợp vệ sinh,Dịch vụ viễn thông,Phương tiện tiếp cận thông tin';
const NO_MARKS = ',,,,,,,,,,,';
const THREE_MARKS = 'x,x,x,,,,,,,,,';

describe('second traps', () => {
  it('divides an income given per year by 12, and says so', async () => {
    const incomes = [17_400_000, 18_000_000, 18_012_000, 30_000_000];
    // Farm households (the average class is for those only), so that the line above the band shows too.
    const lines = incomes.map((income, i) => `H${i},Hộ ${i},Xã An,2024,Nông thôn,4,${income},${THREE_MARKS},x`);
    const dir = folderWith({ 'r.csv': [`${SURVEY_HEADER},Thu nhập bình quân đầu người/năm (đồng),${INDICATORS},Hộ nông nghiệp`, ...lines].join('\n') + '\n' });
    const { code, stdout, stderr } = await runCli(['classify', join(dir, 'r.csv')]);
    expect(code, stderr).toBe(0);
    // 18,000,000 a year is 1,500,000 a month: at the rural line, so poor; 18,012,000 is 1,501,000, above it.
    const expected = incomes.map((income) => referenceClass(2024, 'rural', Math.round(income / 12), 3, true));
    expect(records(stdout).map((r) => [r.income_per_capita, r.class])).toEqual(incomes.map((income, i) => [String(Math.round(income / 12)), expected[i]]));
    expect(expected.slice(0, 3)).toEqual(['poor', 'poor', 'average']);
    expect(stderr).toContain('income per year, divided by 12, from its heading (4)');
  });

  it('rejects an income too small to be in đồng ("3,3" meaning 3.3 million)', async () => {
    const dir = folderWith({ 'r.csv': `${HEADER}\n${row({ household_id: 'A', income_per_capita: '3.3' })}\n${row({ household_id: 'B' })}\n` });
    const { code, stderr } = await runCli(['classify', join(dir, 'r.csv'), '--max-rejected', '50']);
    expect(code).toBe(0);
    expect(stderr).toContain('column "income_per_capita": expected an income in đồng a month, 0 or at least 1,000');
  });

  it('refuses the same roll given twice under two names', async () => {
    const dir = folderWith({ 'a.csv': `${HEADER}\n${row({ household_id: 'A' })}\n` });
    copyFileSync(join(dir, 'a.csv'), join(dir, 'a (gửi lại).csv'));
    const out = join(dir, 'summary.xlsx');
    const { code, stderr } = await runCli(['-q', 'run', join(dir, 'a.csv'), join(dir, 'a (gửi lại).csv'), '-o', out]);
    expect(code).toBe(1);
    expect(stderr).toMatch(
      /^error: Cannot classify roll ".*a \(gửi lại\)\.csv": it is the same file as ".*a\.csv" \(SHA-256 [0-9a-f]{12}…\), and its households would count twice; give each roll once\n$/,
    );
    expect(existsSync(out)).toBe(false);
  });

  it('gives no member count to a roll of one row per household without a size column, and no persons', async () => {
    const header = 'Mã hộ,Chủ hộ,Xã,Năm rà soát,Khu vực,Thu nhập bình quân';
    const dir = folderWith({
      'r.csv': `${header},${INDICATORS}\nH1,Một,Xã An,2024,Nông thôn,2500000${NO_MARKS}\nH2,Hai,Xã An,2024,Nông thôn,2600000${NO_MARKS}\n`,
    });
    const ingested = await runCli(['-q', 'ingest', join(dir, 'r.csv')]);
    expect(records(ingested.stdout).map((r) => r.members)).toEqual(['', '']);
    // A roll of one row per person counts its block instead.
    const persons = 'STT,Mã hộ,Họ và tên,Quan hệ với chủ hộ,Xã,Năm rà soát,Khu vực,Thu nhập bình quân';
    const personRows = folderWith({
      'p.csv': `${persons}\n1,H1,Một,Chủ hộ,Xã An,2024,Nông thôn,2500000\n,,Hai,Vợ,,,,\n2,H2,Ba,Chủ hộ,Xã An,2024,Nông thôn,2600000\n`,
    });
    expect(records((await runCli(['-q', 'ingest', join(personRows, 'p.csv')])).stdout).map((r) => r.members)).toEqual(['2', '1']);
  });

  it('notes that "Hộ thoát nghèo" is read as the class the household is in now', async () => {
    const dir = folderWith({
      'r.csv': `${SURVEY_HEADER},Thu nhập bình quân,Phân loại hộ,${INDICATORS}\nH1,Một,Xã An,2024,Nông thôn,4,2600000,Hộ thoát nghèo${NO_MARKS}\n`,
    });
    const { stderr } = await runCli(['classify', join(dir, 'r.csv')]);
    expect(stderr).toContain('assumed:');
    expect(stderr).toContain('"Hộ thoát nghèo" read as non-poor (the household left its former class) (1)');
  });
});

describe('lists among full rolls', () => {
  const full = (district: string, commune: string, n: number, poor: number) =>
    Array.from({ length: n }, (_, i) =>
      row({
        household_id: `${district}-${commune}-${i}`,
        district,
        district_code: '',
        commune,
        commune_code: '',
        income_per_capita: i < poor ? '900000' : '2600000',
        d_water: i < poor ? '1' : '0',
        d_latrine: i < poor ? '1' : '0',
        d_telecom: i < poor ? '1' : '0',
      }),
    );

  it('leaves empty the rates of a district that sent only its poor households, and of the total, but not the others', async () => {
    const lines = [...full('Huyện Đông', 'Xã An', 20, 2), ...full('Huyện Tây', 'Xã An', 20, 3), ...full('Huyện Nam', 'Xã An', 4, 4)];
    const dir = folderWith({ 'r.csv': [HEADER, ...lines].join('\n') + '\n' });
    const classified = join(dir, 'c.csv');
    expect((await runCli(['-q', 'classify', join(dir, 'r.csv'), '-o', classified])).code).toBe(0);
    const { code, stdout, stderr } = await runCli(['rates', classified, '--by', 'district']);
    expect(code, stderr).toBe(0);
    expect(stderr).toContain('an area has more poor and near-poor households than any real commune (--max-poor-share 60 %): Huyện Nam: 100.0 %');
    expect(records(stdout).map((r) => [r.district, r.households, r.poor, r.poor_rate])).toEqual([
      ['Huyện Đông', '20', '2', '10.00'],
      ['Huyện Nam', '', '4', ''],
      ['Huyện Tây', '20', '3', '15.00'],
      ['', '', '9', ''],
    ]);
  });
});

describe('compare warns of what is not a change', () => {
  const roll = (year: string, district: string) =>
    [
      HEADER,
      ...['A', 'B', 'C', 'D', 'E'].map((id, i) =>
        row({
          household_id: id,
          review_year: year,
          district,
          district_code: '',
          income_per_capita: i === 0 ? '900000' : '2600000',
          d_water: i === 0 ? '1' : '0',
          d_latrine: i === 0 ? '1' : '0',
          d_telecom: i === 0 ? '1' : '0',
        }),
      ),
    ].join('\n') + '\n';

  it('says when a roll repeats the earlier one under another year', async () => {
    const dir = folderWith({ '2023.csv': roll('2023', 'Huyện Một'), '2024.csv': roll('2024', 'Huyện Một') });
    const { code, stderr } = await runCli(['compare', join(dir, '2023.csv'), join(dir, '2024.csv'), '--by', 'commune', '-o', join(dir, 'c.csv')]);
    expect(code).toBe(0);
    expect(stderr).toContain(
      'warning: the 2024 roll repeats the 2023 roll household for household (the same codes, classes, members, deprivations and places): is it the 2023 roll under another year? Every change shows as 0',
    );
  });

  it('says when rolls across the July 2025 reform are compared without a crosswalk', async () => {
    const dir = folderWith({ '2024.csv': roll('2024', 'Huyện Một'), '2025.csv': roll('2025', '') });
    const { stderr } = await runCli(['compare', join(dir, '2024.csv'), join(dir, '2025.csv'), '--by', 'commune', '-o', join(dir, 'c.csv')]);
    expect(stderr).toContain(
      'warning: the 2024 roll has districts and the 2025 roll has none (the July 2025 reform): without --crosswalk FILE their units do not correspond, and households seem to have moved',
    );
    expect(stderr).not.toContain('repeats');
  });
});

describe('workbooks saved without calculating', () => {
  it('says that formula cells have no saved values, rather than that a column is missing', async () => {
    const { default: ExcelJS } = await import('exceljs');
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Xã An');
    sheet.addRow(['Mã hộ', 'Chủ hộ', 'Năm rà soát', 'Khu vực', 'Số nhân khẩu', 'Thu nhập tháng', 'Thu nhập bình quân', ...INDICATORS.split(',')]);
    for (let i = 0; i < 3; i += 1) sheet.addRow([`H${i}`, `Hộ ${i}`, 2024, 'Nông thôn', 4, 6_000_000, { formula: `F${i + 2}/E${i + 2}` }]);
    const dir = folderWith({});
    await book.xlsx.writeFile(join(dir, 'r.xlsx'));
    const { code, stderr } = await runCli(['classify', join(dir, 'r.xlsx')]);
    expect(code).toBe(1);
    expect(stderr).toContain(
      '3 cells hold formulas saved without their values; open the workbook in Excel or LibreOffice and save it again, so that the values are stored',
    );
  });
});

describe('scores only', () => {
  it('knows the poor and near-poor among households the B1 score places above the line, and leaves only the average unknown', async () => {
    const header = 'Mã hộ,Chủ hộ,Xã,Năm rà soát,Khu vực,Số nhân khẩu,Điểm A,Điểm B';
    // B1 ≤ 140 stands for income at or below the rural line; B2 is 10 points an indicator.
    const scores = [
      [120, 40],
      [130, 10],
      [150, 0],
      [160, 30],
      [170, 0],
      [180, 0],
      [190, 0],
      [200, 0],
      [210, 0],
      [220, 0],
    ];
    const lines = scores.map(([b1, b2], i) => `H${i},Hộ ${i},Xã An,2024,Nông thôn,4,${b1},${b2}`);
    const dir = folderWith({ 'r.csv': [header, ...lines].join('\n') + '\n' });
    const classified = join(dir, 'c.csv');
    const done = await runCli(['-q', 'classify', join(dir, 'r.csv'), '-o', classified]);
    expect(done.code, done.stderr).toBe(0);
    const rows = records(readFileSync(classified, 'utf8'));
    expect(rows.map((r) => [r.class, r.possible_classes])).toEqual([['poor', ''], ['near_poor', ''], ...Array(8).fill(['unclassified', 'average;non_poor'])]);
    const { stdout } = await runCli(['-q', 'rates', classified, '--by', 'commune']);
    const total = records(stdout).at(-1)!;
    expect([total.poor, total.poor_rate, total.near_poor, total.near_poor_rate, total.average, total.unclassified]).toEqual([
      '1',
      '10.00',
      '1',
      '10.00',
      '',
      '8',
    ]);
  });

  it('tells a survey roll given to rates to classify it first', async () => {
    const dir = folderWith({ 'r.csv': `${SURVEY_HEADER},Thu nhập bình quân\nH1,Một,Xã An,2024,Nông thôn,4,2600000\n` });
    const { code, stderr } = await runCli(['rates', join(dir, 'r.csv'), '--by', 'commune']);
    expect(code).toBe(1);
    expect(stderr).toContain(
      'it is a survey roll, and this command reads classified rolls; run "povroll classify" on it first, or "povroll run" for a summary',
    );
  });
});

describe('pipes', () => {
  it('reads a roll from a named pipe, as from <(…), once', async () => {
    const { execFileSync } = await import('node:child_process');
    const { createWriteStream } = await import('node:fs');
    const dir = folderWith({});
    const fifo = join(dir, 'roll.pipe');
    execFileSync('mkfifo', [fifo]);
    // The writer blocks until povroll opens the pipe for reading.
    createWriteStream(fifo).end(`${HEADER}\n${row({ household_id: 'P1' })}\n${row({ household_id: 'P2' })}\n`);
    const { code, stdout, stderr } = await runCli(['classify', fifo]);
    expect(code, stderr).toBe(0);
    expect(records(stdout).map((r) => r.household_id)).toEqual(['P1', 'P2']);
  });
});
