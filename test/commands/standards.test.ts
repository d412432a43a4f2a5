import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { folderWith, runCli } from '../support/run-cli.js';

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
    expect(qd59.stdout).toContain('  poor       (income ≤ poverty (700,000/900,000)) or (income > poverty (700,000/900,000) and income ≤ near_poverty (1,000,000/1,300,000) and deprivations ≥ 3)');
  });

  it('prints a definition that reads back as the same standard', async () => {
    const { stdout } = await runCli(['standards', 'nd351-2025', '--json']);
    const dir = folderWith({ 'copy.json': stdout });
    const original = await runCli(['standards', 'nd351-2025']);
    const copy = await runCli(['standards', join(dir, 'copy.json')]);
    expect(copy.stdout).toBe(original.stdout);
  });

  it('refuses an unknown id as a usage error', async () => {
    const { code, stderr } = await runCli(['standards', 'nd99']);
    expect(code).toBe(2);
    expect(stderr).toBe('error: Unknown standard "nd99": expected one of qd59-2015, nd07-2021, nd351-2025 or a .json definition file\n');
  });
});
