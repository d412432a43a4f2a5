/**
 * Issue 12, item 2: what `--by` is, said the same way by the help and by the
 * command. `rates`, `compare` and `durability` have no default levels: their
 * help says --by is required (here, or "by" in the settings file), and
 * leaving it out is a usage error of one line naming it, in either language.
 * `report` and `run` have a default, which their help states.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_2024, ROOT, runCli, tempDir } from '../support/run-cli.js';

const EN = { POVROLL_LANG: 'en' };
const VI = { POVROLL_LANG: 'vi' };

/** The description of one option in a help page, its wrapped lines joined. */
function optionHelp(help: string, flag: string): string {
  const lines = help.split('\n');
  const at = lines.findIndex((line) => line.trimStart().startsWith(flag));
  expect(at, `${flag} in the help`).toBeGreaterThanOrEqual(0);
  const column = lines[at]!.indexOf(lines[at]!.trimStart().slice(flag.length).trimStart());
  const text = [lines[at]!.slice(column)];
  for (const line of lines.slice(at + 1)) {
    if (line.slice(0, column).trim() !== '' || line.trim() === '') break;
    text.push(line.trim());
  }
  return text.join(' ').replace(/\s+/g, ' ');
}

describe.each([
  ['rates', ['rates', DEMO_2024]],
  ['compare', ['compare', DEMO_2024, DEMO_2024]],
  ['durability', ['durability', '--db', 'rolls.duckdb']],
])('%s without --by', (command, argv) => {
  it('is said to be required by its help, in English and in Vietnamese', async () => {
    const english = (await runCli([command, '--help'], { env: EN })).stdout;
    expect(optionHelp(english, '--by <levels>')).toBe('comma list of province, district, commune, village (required: here, or "by" in the settings file)');
    const vietnamese = (await runCli([command, '--help'], { env: VI })).stdout;
    expect(optionHelp(vietnamese, '--by <levels>')).toBe(
      'các cấp, cách nhau bằng dấu phẩy: province (tỉnh), district (huyện), commune (xã), village (thôn) (bắt buộc: ở đây, hoặc "by" trong tệp cấu hình)',
    );
  });

  it.each([
    ['English', EN, "error: required option '--by <levels>' not specified\n"],
    ['Vietnamese', VI, "lỗi: thiếu tùy chọn bắt buộc '--by <levels>'\n"],
  ])('is a usage error of one line, in %s', async (_, env, expected) => {
    const { code, stdout, stderr } = await runCli(argv, { env, cwd: tempDir() });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(expected);
  });
});

describe('rates takes --by from the settings file', () => {
  let classified = '';
  beforeAll(async () => {
    classified = join(tempDir(), 'classified-2024.csv');
    expect((await runCli(['-q', 'classify', DEMO_2024, '-o', classified])).code).toBe(0);
  });

  it('as examples/povroll.json gives it', async () => {
    const { code, stdout, stderr } = await runCli(['--config', join(ROOT, 'examples/povroll.json'), 'rates', classified], { env: EN });
    expect(code, stderr).toBe(0);
    const levels = stdout
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split(',')[0]);
    // "by": "district,commune": 3 districts, 12 communes, the total.
    expect(levels).toEqual([...Array(3).fill('district'), ...Array(12).fill('commune'), 'total']);
  });
});

describe.each(['report', 'run'])('%s --by', (command) => {
  it('states its default in the help, in English and in Vietnamese', async () => {
    const english = (await runCli([command, '--help'], { env: EN })).stdout;
    expect(optionHelp(english, '--by <levels>')).toMatch(/\(default: province, district and commune where the rolls name them\)$/);
    const vietnamese = (await runCli([command, '--help'], { env: VI })).stdout;
    expect(optionHelp(vietnamese, '--by <levels>')).toMatch(/\(mặc định: tỉnh, huyện và xã, ở những cấp danh sách có ghi\)$/);
  });
});
