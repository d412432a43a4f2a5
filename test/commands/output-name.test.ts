/**
 * Issue 12, item 2: `report` and `run` write an Excel workbook, so `-o` must
 * name one. `-o out.csv` is refused with one line that names the option and
 * the fix, a usage error's exit code, and nothing written: not the summary,
 * not the reject list, no temporary file beside them. The checks of the
 * target come first: an output that is also an input is refused as such.
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
    const { code, stdout, stderr } = await runCli([command, DEMO_2024, '-o', name, '--rejects', 'rejects.csv'], { env: EN, cwd: dir });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      `error: Cannot write "${name}": the summary is an Excel workbook, so -o/--output needs a name ending in .xlsx; write -o "${suggested}" (for CSV, use povroll rates or compare)\n`,
    );
    expect(readdirSync(dir)).toEqual([]);
  });

  it('says so in Vietnamese on a Vietnamese terminal, in one line', async () => {
    const dir = tempDir();
    const { code, stderr } = await runCli([command, DEMO_2024, '-o', 'out.csv'], { env: VI, cwd: dir });
    expect(code).toBe(2);
    expect(stderr).toBe(
      'lỗi: Không ghi được "out.csv": báo cáo tổng hợp là tệp Excel nên -o/--output cần tên tệp có đuôi .xlsx; hãy viết -o "out.xlsx" (muốn có tệp CSV, hãy dùng povroll rates hoặc compare)\n',
    );
    expect(existsSync(join(dir, 'out.csv'))).toBe(false);
  });

  it('names an output that is also an input as such, first', async () => {
    const { code, stderr } = await runCli([command, DEMO_2024, '-o', DEMO_2024], { env: EN });
    expect(code).toBe(1);
    expect(stderr).toBe(`error: Cannot write "${DEMO_2024}": it is also an input; choose another output path\n`);
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
