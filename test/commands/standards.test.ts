import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseStandard } from '../../src/core/standard.js';
import { readStandardFile } from '../../src/io/standard-files.js';
import { ROOT, folderWith, runCli } from '../support/run-cli.js';

describe('povroll standards', () => {
  it('lists the built-in standards on stdout', async () => {
    const { code, stdout, stderr } = await runCli(['standards']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const lines = stdout.split('\n');
    expect(lines[0]).toMatch(/^id\s+review years\s+poverty line rural \/ urban\s+indicators\s+title$/);
    expect(lines[1]).toMatch(/^qd59-2015\s+2016–2021\s+700,000 \/ 900,000\s+10\s/);
    expect(lines[2]).toMatch(/^nd07-2021\s+2022–2026\s+1,500,000 \/ 2,000,000\s+12\s/);
    expect(lines[3]).toMatch(/^nd351-2025\s+2027–2030\s+2,200,000 \/ 2,800,000\s+12\s/);
  });

  it('shows one standard with its rules in words', async () => {
    const { stdout } = await runCli(['standards', 'nd07-2021']);
    expect(stdout).toContain('  poor       income ≤ poverty (1,500,000/2,000,000) and deprivations ≥ 3');
    expect(stdout).toContain('  near_poor  income ≤ poverty (1,500,000/2,000,000) and deprivations < 3');
    expect(stdout).toContain('  average    income > poverty (1,500,000/2,000,000) and income ≤ average (2,250,000/3,000,000)');
    expect(stdout).toContain('  non_poor   otherwise');
    expect(stdout).toContain('Review scores [P]');
    expect(stdout).toContain('B1 ≤ 140 (rural) / ≤ 175 (urban) stands for income ≤ the poverty line');
    const qd59 = await runCli(['standards', 'qd59-2015']);
    expect(qd59.stdout).toContain(
      '  poor       (income ≤ poverty (700,000/900,000)) or (income > poverty (700,000/900,000) and income ≤ near_poverty (1,000,000/1,300,000) and deprivations ≥ 3)',
    );
  });

  it.each(['qd59-2015', 'nd07-2021', 'nd351-2025'])('prints %s as a definition that reads back as the same data', async (id) => {
    const file = JSON.parse(readFileSync(join(ROOT, 'standards', `${id}.json`), 'utf8')) as Record<string, unknown>;
    const { code, stdout } = await runCli(['standards', id, '--json']);
    expect(code).toBe(0);
    const printed = JSON.parse(stdout) as Record<string, unknown>;
    // parse → write → parse: the same standard, every line, rule, indicator and score, not just the same description.
    expect(parseStandard(printed)).toStrictEqual(parseStandard(file));
    expect(readStandardFile('copy.json', folderWith({ 'copy.json': stdout }))).toStrictEqual(parseStandard(file));
    // Every value the file holds is printed as it is written there; the printed definition adds only
    // the defaults it read ("confidence": "C" on a line). "income" is a note for readers, not data.
    const { income: _note, ...data } = file;
    expect(printed).toMatchObject(data);
    // Written again, the copy prints the same definition.
    const again = await runCli(['standards', join(folderWith({ 'copy.json': stdout }), 'copy.json'), '--json']);
    expect(JSON.parse(again.stdout)).toStrictEqual(printed);
  });

  it('refuses an unknown id as a usage error', async () => {
    const { code, stderr } = await runCli(['standards', 'nd99']);
    expect(code).toBe(2);
    expect(stderr).toBe('error: Unknown standard "nd99": expected one of qd59-2015, nd07-2021, nd351-2025 or a .json definition file\n');
  });
});
