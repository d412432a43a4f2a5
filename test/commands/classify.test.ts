import { readFileSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { referenceClass, referenceFarm, referenceIndicators } from '../support/reference.js';
import { DEMO_2023, DEMO_2024, HEADER, folderWith, records, row, runCli, tempDir } from '../support/run-cli.js';

describe('povroll classify', () => {
  it.each([DEMO_2023, DEMO_2024])('agrees with an independent reading of the law on every household of %s', async (roll) => {
    const { code, stdout } = await runCli(['-q', 'classify', roll]);
    expect(code).toBe(0);
    const rows = records(stdout);
    const source = records(readFileSync(roll, 'utf8'));
    expect(rows).toHaveLength(source.length);
    let compared = 0;
    rows.forEach((r, i) => {
      // Every input column passes through untouched.
      for (const [column, value] of Object.entries(source[i]!)) expect(r[column]).toBe(value);
      const year = Number(r.review_year);
      const indicators = referenceIndicators(year);
      const deprived = indicators.filter((code) => r[`d_${code}`] === '1');
      if (r.income_per_capita === '') {
        expect(r.class).toBe('unclassified');
        return;
      }
      compared += 1;
      expect(r.class).toBe(
        referenceClass(year, r.area as 'rural' | 'urban', Number(r.income_per_capita), deprived.length, referenceFarm(r.farm_household, r.recorded_class)),
      );
      expect(r.deprivation_count).toBe(String(deprived.length));
      expect(r.deprived).toBe(deprived.join(';'));
      expect(r.standard).toBe('nd07-2021');
      expect(r.class_basis).toBe('income');
      expect(r.class_mismatch).toBe(r.recorded_class !== r.class ? '1' : '0');
    });
    expect(compared).toBeGreaterThan(1000);
  });

  it('appends the contract columns after the roll’s own, and keeps extra columns', async () => {
    const dir = folderWith({ 'roll.csv': `${HEADER},note\n${row()},keep me\n` });
    const { code, stdout } = await runCli(['classify', join(dir, 'roll.csv')]);
    expect(code).toBe(0);
    const [header, first] = stdout.trim().split('\n');
    expect(header).toBe(
      `${HEADER},note,standard,poverty_line,deprivation_count,deprived,class,class_basis,class_mismatch,standard_indicators,unclassified_reason,possible_classes`,
    );
    expect(first).toContain(',keep me,nd07-2021,1500000,0,,near_poor,income,0,');
  });

  it('reads the roll from stdin with -', async () => {
    const { code, stdout } = await runCli(['classify', '-'], {
      stdin: `${HEADER}\n${row({ income_per_capita: '900000', d_water: '1', d_latrine: '1', d_telecom: '1' })}\n`,
    });
    expect(code).toBe(0);
    expect(records(stdout)[0]).toMatchObject({ class: 'poor', deprived: 'water;latrine;telecom' });
  });

  it('detects a semicolon-separated roll, as Excel writes where the decimal mark is a comma', async () => {
    const text = `${HEADER}\n${row()}\n`.replaceAll(',', ';');
    const { code, stdout } = await runCli(['classify', '-'], { stdin: text });
    expect(code).toBe(0);
    expect(records(stdout)[0]!.class).toBe('near_poor');
  });

  it('applies a standard given by id to every row, whatever its year', async () => {
    const { stdout } = await runCli(['classify', '-', '--standard', 'qd59-2015'], { stdin: `${HEADER}\n${row({ income_per_capita: '700000' })}\n` });
    expect(records(stdout)[0]).toMatchObject({ standard: 'qd59-2015', class: 'poor', poverty_line: '700000' });
  });

  it('applies a local standard file', async () => {
    const local = {
      id: 'local-test',
      lines: { poverty: { rural: 1_200_000, urban: 1_600_000 } },
      classes: [{ class: 'poor', when: [['income <= poverty']] }],
      indicators: [{ code: 'water' }],
    };
    const dir = folderWith({ 'local.json': JSON.stringify(local) });
    const { code, stdout } = await runCli(['classify', '-', '--standard', join(dir, 'local.json')], {
      stdin: `${HEADER}\n${row({ income_per_capita: '1100000' })}\n`,
    });
    expect(code).toBe(0);
    expect(records(stdout)[0]).toMatchObject({ standard: 'local-test', class: 'poor', standard_indicators: 'water' });
  });
});

describe('povroll classify on bad input', () => {
  it('names a missing column, what it is for, and what was found', async () => {
    const dir = folderWith({ 'roll.csv': 'household_id,Area,review_year,income_per_capita,d_water\nH1,rural,2024,1000000,1\n' });
    const { code, stderr, stdout } = await runCli(['classify', join(dir, 'roll.csv')]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      `error: Cannot read roll "${join(dir, 'roll.csv')}": missing column "area" (it picks the rural or urban line); found "household_id", "Area", "review_year", "income_per_capita", "d_water"; did you mean "Area"?\n`,
    );
  });

  it('needs income or the B1 score', async () => {
    const { code, stderr } = await runCli(['classify', '-'], { stdin: 'household_id,area,review_year,d_water\nH1,rural,2024,1\n' });
    expect(code).toBe(1);
    expect(stderr).toContain('missing any of the columns "income_per_capita", "score_b1" (the income per person, or the B1 score that stands for it)');
  });

  it('rejects a row with a non-numeric income, naming row and column, and goes on', async () => {
    const dir = folderWith({
      'roll.csv': `${HEADER}\n${row({ household_id: 'A' })}\n${row({ household_id: 'B', income_per_capita: '1.500.000' })}\n${row({ household_id: 'C', members: 'four' })}\n`,
    });
    const out = join(dir, 'classified.csv');
    const rejects = join(dir, 'rejects.csv');
    const { code, stderr } = await runCli(['classify', join(dir, 'roll.csv'), '-o', out, '--rejects', rejects, '--max-rejected', '70']);
    expect(code).toBe(0);
    expect(records(readFileSync(out, 'utf8')).map((r) => r.household_id)).toEqual(['A']);
    const rejected = records(readFileSync(rejects, 'utf8'));
    expect(rejected.map((r) => [r.row, r.column, r.reason])).toEqual([
      ['3', 'income_per_capita', 'column "income_per_capita": expected a plain number, found "1.500.000"'],
      ['4', 'members', 'column "members": expected a whole number, found "four"'],
    ]);
    expect(JSON.parse(rejected[0]!.record!)[0]).toBe('B');
    expect(stderr).toContain(`warning: 2 rows rejected, see ${rejects}`);
  });

  it('stops when more than --max-rejected of the rows are rejected, keeping the reject list and no output', async () => {
    const good = Array.from({ length: 98 }, (_, i) => row({ household_id: `G${i}` }));
    const bad = [row({ household_id: 'X1', members: 'four' }), row({ household_id: 'X2', income_per_capita: 'n/a' })];
    const dir = folderWith({ 'roll.csv': [HEADER, ...good, ...bad].join('\n') + '\n' });
    const out = join(dir, 'classified.csv');
    const rejects = join(dir, 'rejects.csv');
    const { code, stderr } = await runCli(['classify', join(dir, 'roll.csv'), '-o', out, '--rejects', rejects]);
    expect(code).toBe(1);
    expect(stderr).toBe(
      `error: Cannot classify roll: 2 of 100 rows (2.0 %) were rejected, more than --max-rejected 1 % (first: "${join(dir, 'roll.csv')}" row 100, column "members": expected a whole number, found "four"); list them with --rejects FILE, mend the roll, or raise --max-rejected\n`,
    );
    expect(existsSync(out)).toBe(false);
    expect(records(readFileSync(rejects, 'utf8')).map((r) => r.row)).toEqual(['100', '101']);
    // One row in a hundred is within the default.
    const withOne = folderWith({ 'roll.csv': [HEADER, ...good, row({ household_id: 'G98' }), bad[0]].join('\n') + '\n' });
    expect((await runCli(['classify', join(withOne, 'roll.csv'), '-o', join(withOne, 'out.csv')])).code).toBe(0);
  });

  it('stops when no household survives', async () => {
    const { code, stderr } = await runCli(['classify', '-', '--max-rejected', '100'], { stdin: `${HEADER}\n${row({ area: 'suburb' })}\n` });
    expect(code).toBe(1);
    expect(stderr).toBe(
      'error: Cannot classify roll "stdin": no household was read; all 1 rows were rejected (first: "stdin" row 2, column "area": expected "rural" or "urban", found "suburb")\n',
    );
  });

  it('says where the first rejected row is when no reject list is asked for', async () => {
    const { stderr } = await runCli(['classify', '-', '--max-rejected', '100'], {
      stdin: `${HEADER}\n${row({ area: 'suburb' })}\n${row({ household_id: 'H2' })}\n`,
    });
    expect(stderr).toContain(
      'warning: 1 row rejected (first: "stdin" row 2, column "area": expected "rural" or "urban", found "suburb"); list them all with --rejects FILE',
    );
  });

  it('stops at the first rejected row with --strict, leaving no output file', async () => {
    const dir = folderWith({ 'roll.csv': `${HEADER}\n${row()}\n${row({ income_per_capita: 'n/a' })}\n` });
    const out = join(dir, 'classified.csv');
    const { code, stderr } = await runCli(['classify', join(dir, 'roll.csv'), '-o', out, '--strict']);
    expect(code).toBe(1);
    expect(stderr).toBe(`error: Cannot classify roll "${join(dir, 'roll.csv')}": row 3, column "income_per_capita": expected a plain number, found "n/a"\n`);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir)).toEqual(['roll.csv']);
  });

  it('rejects a review year no standard covers', async () => {
    const { stderr, stdout, code } = await runCli(['classify', '-', '--strict'], { stdin: `${HEADER}\n${row({ review_year: '2014' })}\n` });
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('row 2, column "review_year": expected a review year with a standard (2016–2030; or pass --standard), found "2014"');
  });

  it('refuses an empty file', async () => {
    const dir = folderWith({ 'empty.csv': '' });
    const { code, stderr } = await runCli(['classify', join(dir, 'empty.csv')]);
    expect(code).toBe(1);
    expect(stderr).toBe(`error: Cannot read "${join(dir, 'empty.csv')}": the file is empty (no header row)\n`);
  });

  it('refuses a standard file with a missing line or a bad operator', async () => {
    const dir = folderWith({
      'no-urban.json': JSON.stringify({
        id: 'x',
        lines: { poverty: { rural: 1 } },
        classes: [{ class: 'poor', when: [['income <= poverty']] }],
        indicators: [{ code: 'water' }],
      }),
      'bad-op.json': JSON.stringify({
        id: 'x',
        lines: { poverty: { rural: 1, urban: 2 } },
        classes: [{ class: 'poor', when: [['income ≤ poverty']] }],
        indicators: [{ code: 'water' }],
      }),
    });
    const noUrban = await runCli(['classify', '-', '--standard', join(dir, 'no-urban.json')], { stdin: `${HEADER}\n` });
    expect(noUrban.code).toBe(1);
    expect(noUrban.stderr).toBe(
      `error: Invalid standard "${join(dir, 'no-urban.json')}": lines.poverty.urban: is missing: every line needs a rural and an urban value\n`,
    );
    const badOp = await runCli(['classify', '-', '--standard', join(dir, 'bad-op.json')], { stdin: `${HEADER}\n` });
    expect(badOp.stderr).toContain('classes[0].when[0][0]: "income ≤ poverty": unknown operator "≤"; expected one of <=, <, >=, >');
  });

  it('refuses to overwrite its input and to write into a missing folder', async () => {
    const dir = folderWith({ 'roll.csv': `${HEADER}\n${row()}\n` });
    const same = await runCli(['classify', join(dir, 'roll.csv'), '-o', join(dir, 'roll.csv')]);
    expect(same.code).toBe(1);
    expect(same.stderr).toContain('it is also an input; choose another output path');
    expect(readFileSync(join(dir, 'roll.csv'), 'utf8')).toBe(`${HEADER}\n${row()}\n`);
    const missing = await runCli(['classify', join(dir, 'roll.csv'), '-o', join(tempDir(), 'no/such/out.csv')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/Cannot write ".*no\/such\/out.csv": the folder ".*no\/such" does not exist/);
  });

  it('summarises on stderr, and says nothing with --quiet', async () => {
    const loud = await runCli(['classify', DEMO_2024]);
    expect(loud.stderr).toMatch(
      /^.*roll-2024\.csv: 1,200 households used\nClassified 1,200 households \(2024: nd07-2021\)\n {2}poor \d+ · near-poor \d+ · average \d+ · non-poor \d+ · unclassified \d+\n/,
    );
    const quiet = await runCli(['-q', 'classify', DEMO_2024]);
    expect(quiet.stderr).toBe('');
  });
});

describe('povroll classify on exported number styles', () => {
  it('reads whole numbers and flags written as 4.0 and 1.0, as pandas exports do', async () => {
    const text = `${HEADER}\n${row({ members: '4.0', review_year: '2024.0', income_per_capita: '1200000.0', d_water: '1.0', d_latrine: '1.0', d_telecom: '1.0', d_employment: '0.0' })}\n`;
    const { code, stdout } = await runCli(['classify', '-', '--strict'], { stdin: text });
    expect(code).toBe(0);
    expect(records(stdout)[0]).toMatchObject({ class: 'poor', deprivation_count: '3', standard: 'nd07-2021' });
  });

  it('still rejects a fractional member count', async () => {
    const { code, stderr } = await runCli(['classify', '-', '--strict'], { stdin: `${HEADER}\n${row({ members: '3.5' })}\n` });
    expect(code).toBe(1);
    expect(stderr).toContain('row 2, column "members": expected a whole number, found "3.5"');
  });
});

describe('povroll classify into a pipe or device', () => {
  it('writes straight into a FIFO instead of replacing it with a renamed file', async () => {
    const { spawnSync } = await import('node:child_process');
    const { createReadStream, statSync } = await import('node:fs');
    const fifo = join(tempDir(), 'out.fifo');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const chunks: Buffer[] = [];
    const reading = new Promise<void>((resolve, reject) => {
      createReadStream(fifo)
        .on('data', (c) => chunks.push(c as Buffer))
        .on('end', resolve)
        .on('error', reject);
    });
    const { code } = await runCli(['-q', 'classify', DEMO_2024, '-o', fifo]);
    await reading;
    expect(code).toBe(0);
    expect(records(Buffer.concat(chunks).toString('utf8'))).toHaveLength(1200);
    expect(statSync(fifo).isFIFO()).toBe(true);
  });
});
