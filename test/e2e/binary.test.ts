import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_2024, ROOT, records, tempDir } from '../support/run-cli.js';

const BIN = join(ROOT, 'bin/povroll.js');

function povroll(args: string[], input?: string) {
  const result = spawnSync(process.execPath, [BIN, ...args], { input, encoding: 'utf8', cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(() => {
  // The binary runs the compiled code: `npm test` builds it first.
  expect(existsSync(join(ROOT, 'dist/src/cli.js')), 'run npm run build first').toBe(true);
});

describe('the povroll binary', () => {
  it('pipes classify into rates, with only data on stdout', () => {
    const classified = povroll(['classify', DEMO_2024]);
    expect(classified.code).toBe(0);
    expect(classified.stdout.split('\n')[0]).toMatch(/^household_id,head_name,/);
    expect(classified.stderr).toMatch(/^.*roll-2024\.csv: 1,200 households used\nClassified 1,200 households/);
    const rates = povroll(['rates', '-', '--by', 'province'], classified.stdout);
    expect(rates.code).toBe(0);
    const rows = records(rates.stdout);
    expect(rows.map((r) => r.level)).toEqual(['province', 'total']);
    expect(rows[0]!.households).toBe('1200');
  });

  it('compares two years, writes the summary with its change sheets, and re-adds it with check', () => {
    const dir = tempDir();
    const compared = povroll(['compare', join(ROOT, 'fixtures/demo/roll-2023.csv'), DEMO_2024, '--by', 'district']);
    expect(compared.code, compared.stderr).toBe(0);
    const total = records(compared.stdout).find((r) => r.level === 'total')!;
    expect(Number(total.poor_end)).toBe(
      Number(total.poor_start) -
        Number(total.poor_to_near_poor) -
        Number(total.poor_escaped) -
        Number(total.poor_other_decrease) +
        Number(total.near_poor_to_poor) +
        Number(total.poor_re_entered) +
        Number(total.poor_new) +
        Number(total.poor_other_increase),
    );
    const summary = join(dir, 'summary.xlsx');
    expect(povroll(['-q', 'run', join(ROOT, 'fixtures/demo/roll-2023.csv'), DEMO_2024, '-o', summary]).code).toBe(0);
    const checked = povroll(['check', summary]);
    expect(checked.code, checked.stderr).toBe(0);
    expect(checked.stdout).toBe('sheet,cell,rule,found,expected,difference\n');
    expect(checked.stderr).toContain('Diễn biến hộ nghèo: 32 rows checked, all add up');
  });

  it('exits 1 with one error line on stderr for bad data', () => {
    const { code, stdout, stderr } = povroll(['classify', 'no-such-roll.csv']);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe('error: Cannot read "no-such-roll.csv": no such file\n');
  });

  it('exits 2 on a usage error', () => {
    const { code, stderr } = povroll(['rates', 'x.csv']);
    expect(code).toBe(2);
    expect(stderr).toContain("error: required option '--by <levels>' not specified");
  });

  it('treats a closed pipe as success', () => {
    const result = spawnSync('bash', ['-c', `node ${BIN} classify ${DEMO_2024} | head -1`], { encoding: 'utf8', cwd: ROOT });
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toMatch(/^household_id,/);
    expect(result.stderr).not.toMatch(/EPIPE|Error/);
  });

  it('writes the demo summary', () => {
    const out = join(tempDir(), 'demo.xlsx');
    const { code } = povroll(['-q', 'run', DEMO_2024, '-o', out]);
    expect(code).toBe(0);
    expect(existsSync(out)).toBe(true);
  });

  it('ingests the bundled raw district workbook into the households of the clean demo roll', () => {
    const raw = join(ROOT, 'fixtures/demo/raw/Huyện Bắc Kim 2024.xlsx');
    const ingested = povroll(['-q', 'ingest', raw]);
    expect(ingested.code).toBe(0);
    const clean = records(readFileSync(DEMO_2024, 'utf8')).filter((r) => r.district === 'Huyện Bắc Kim');
    const facts = (rs: Record<string, string>[]) =>
      rs.map((r) => [r.household_id, r.commune, r.members, r.income_per_capita, r.recorded_class].join('|')).sort();
    // The workbook groups households by commune sheet; the clean roll interleaves them.
    expect(facts(records(ingested.stdout))).toEqual(facts(clean));
    const out = join(tempDir(), 'raw.xlsx');
    expect(povroll(['-q', 'run', join(ROOT, 'fixtures/demo/raw'), '-o', out]).code).toBe(0);
    expect(existsSync(out)).toBe(true);
  });

  it('prints its version', () => {
    expect(povroll(['--version']).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
