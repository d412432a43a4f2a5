/**
 * Issue 12, item 2: `report` and `run` write an Excel workbook, so `-o` must
 * name one. `-o out.csv` is refused with one line that names the option and
 * the fix, a usage error's exit code, and nothing written: not the summary,
 * not the reject list, no temporary file beside them.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_2024, runCli, tempDir } from '../support/run-cli.js';

const EN = { POVROLL_LANG: 'en' };
const VI = { POVROLL_LANG: 'vi' };

describe.each(['report', 'run'] as const)('%s -o with a name not ending in .xlsx', (command) => {
  it.each([
    ['out.csv', 'out.xlsx'],
    ['summary', 'summary.xlsx'],
    ['summary.xls', 'summary.xlsx'],
    ['summary.xlsx.csv', 'summary.xlsx'],
  ])('refuses %s, suggesting %s, and writes nothing', async (name, suggested) => {
    const dir = tempDir();
    const { code, stdout, stderr } = await runCli([command, DEMO_2024, '-o', join(dir, name), '--rejects', join(dir, 'rejects.csv')], { env: EN });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      `error: option '-o, --output <file>' argument '${join(dir, name)}' is invalid. the summary is an Excel workbook, so its name must end in .xlsx: write -o "${join(dir, suggested)}" (for CSV, use povroll rates or compare)\n`,
    );
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses the name before reading any roll', async () => {
    const dir = tempDir();
    const { code, stderr } = await runCli([command, join(dir, 'no-such-roll.csv'), '-o', join(dir, 'out.csv')], { env: EN });
    expect(code).toBe(2);
    expect(stderr).toMatch(/^error: option '-o, --output <file>' argument '.*out\.csv' is invalid\. .*must end in \.xlsx.*\n$/);
  });

  it('says so in Vietnamese on a Vietnamese terminal, in one line', async () => {
    const dir = tempDir();
    const { code, stderr } = await runCli([command, DEMO_2024, '-o', 'out.csv'], { env: VI, cwd: dir });
    expect(code).toBe(2);
    expect(stderr).toBe(
      "lỗi: giá trị 'out.csv' của tùy chọn '-o, --output <file>' không hợp lệ: báo cáo tổng hợp là tệp Excel nên tên tệp phải có đuôi .xlsx: hãy viết -o \"out.xlsx\" (muốn có tệp CSV, hãy dùng povroll rates hoặc compare)\n",
    );
    expect(existsSync(join(dir, 'out.csv'))).toBe(false);
  });
});

describe('a name ending in .xlsx', () => {
  it('is taken in any case', async () => {
    const dir = tempDir();
    const { code, stderr } = await runCli(['-q', 'run', DEMO_2024, '-o', join(dir, 'Summary.XLSX')], { env: EN });
    expect(code, stderr).toBe(0);
    expect(readdirSync(dir)).toEqual(['Summary.XLSX']);
  });
});
