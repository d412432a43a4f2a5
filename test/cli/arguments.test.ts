import { beforeEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../support/run-cli.js';

const calls = vi.hoisted(() => ({ classify: vi.fn(), rates: vi.fn(), report: vi.fn(), run: vi.fn(), standards: vi.fn(), compare: vi.fn() }));
vi.mock('../../src/commands/classify.js', () => ({ classifyCommand: calls.classify }));
vi.mock('../../src/commands/rates.js', () => ({ ratesCommand: calls.rates }));
vi.mock('../../src/commands/report.js', () => ({ reportCommand: calls.report }));
vi.mock('../../src/commands/run.js', () => ({ runCommand: calls.run }));
vi.mock('../../src/commands/standards.js', () => ({ standardsCommand: calls.standards }));
vi.mock('../../src/commands/compare.js', () => ({ compareCommand: calls.compare }));

beforeEach(() => {
  for (const call of Object.values(calls)) call.mockReset();
});

describe('argument parsing', () => {
  it('turns classify arguments into options, with defaults', async () => {
    expect((await runCli(['classify', 'roll.csv'])).code).toBe(0);
    expect(calls.classify).toHaveBeenCalledWith(
      { roll: 'roll.csv', output: undefined, standard: 'auto', rejects: undefined, strict: false, maxRejected: 1, maxMembers: 50 },
      { quiet: false, verbose: false, lang: 'vi' },
      expect.anything(),
    );
    await runCli(['classify', '-', '-o', 'out.csv', '--standard', 'nd07-2021', '--rejects', 'r.csv', '--strict']);
    expect(calls.classify.mock.lastCall![0]).toEqual({
      roll: '-',
      output: 'out.csv',
      standard: 'nd07-2021',
      rejects: 'r.csv',
      strict: true,
      maxRejected: 1,
      maxMembers: 50,
    });
    await runCli(['classify', 'roll.csv', '--max-rejected', '2,5%', '--max-members', '60']);
    expect(calls.classify.mock.lastCall![0]).toMatchObject({ maxRejected: 2.5, maxMembers: 60 });
  });

  it('takes global options before or after the command', async () => {
    await runCli(['-q', '--lang', 'en', 'classify', 'roll.csv', '--verbose']);
    expect(calls.classify.mock.lastCall![1]).toEqual({ quiet: true, verbose: true, lang: 'en' });
  });

  it('parses --by into levels in administrative order, and --year into a number', async () => {
    await runCli(['rates', 'c.csv', '--by', 'commune, province', '--year', '2024', '--totals', 't.csv']);
    expect(calls.rates.mock.lastCall![0]).toMatchObject({ roll: 'c.csv', by: ['province', 'commune'], year: 2024, totals: 't.csv' });
  });

  it('passes several rolls to run and report', async () => {
    await runCli(['run', 'a.csv', 'b.csv', '-o', 's.xlsx', '--standard', 'x.json', '--by', 'district']);
    expect(calls.run.mock.lastCall![0]).toEqual({
      rolls: ['a.csv', 'b.csv'],
      output: 's.xlsx',
      by: ['district'],
      totals: undefined,
      rejects: undefined,
      strict: false,
      standard: 'x.json',
      allowStandardChange: false,
      valuesOnly: false,
      stamp: false,
      withNames: false,
      changeSheets: true,
      maxRejected: 1,
      maxMembers: 50,
      maxPoorShare: 60,
      maxUnclassified: 5,
      margin: 10,
      memory: '1GB',
    });
    await runCli(['report', 'c.csv', 'd.csv', '-o', 's.xlsx', '--targets', 't.json', '--allow-standard-change']);
    expect(calls.report.mock.lastCall![0]).toMatchObject({
      rolls: ['c.csv', 'd.csv'],
      output: 's.xlsx',
      by: undefined,
      targets: 't.json',
      allowStandardChange: true,
    });
  });

  it('passes the rolls, levels and files of compare, and reads --years as a number', async () => {
    await runCli([
      'compare',
      'a.csv',
      'b.csv',
      'c.csv',
      '--by',
      'commune,district',
      '--years',
      '5',
      '--targets',
      't.json',
      '--crosswalk',
      'x.csv',
      '--moves',
      'm.csv',
    ]);
    expect(calls.compare.mock.lastCall![0]).toEqual({
      rolls: ['a.csv', 'b.csv', 'c.csv'],
      by: ['district', 'commune'],
      years: 5,
      targets: 't.json',
      crosswalk: 'x.csv',
      moves: 'm.csv',
      allowStandardChange: false,
      span: false,
      standard: 'auto',
      strict: false,
      maxRejected: 1,
      maxMembers: 50,
      maxPoorShare: 60,
      maxUnclassified: 5,
      memory: '1GB',
    });
    const one = await runCli(['compare', 'a.csv', '--by', 'commune']);
    expect([one.code, one.stderr]).toEqual([2, expect.stringContaining('compare needs two or more rolls, or a registry with --db')]);
    await runCli(['compare', '--db', 'rolls.duckdb', '--by', 'commune']);
    expect(calls.compare.mock.lastCall![0]).toMatchObject({ rolls: [], db: 'rolls.duckdb', by: ['commune'] });
    expect((await runCli(['compare', 'a.csv', 'b.csv', '--by', 'commune', '--years', '0'])).stderr).toContain('"0" is not a positive number of years');
  });

  it.each([
    [['rates', 'c.csv', '--by', 'hamlet'], /"hamlet" is not a level; use province, district, commune, village/],
    [['rates', 'c.csv'], /required option '--by <levels>' not specified/],
    [['rates', 'c.csv', '--by', 'commune', '--year', '24'], /"24" is not a four-digit year/],
    [['classify'], /missing required argument 'roll'/],
    [['classify', 'r.csv', '--max-rejected', '101'], /"101" is not a percentage from 0 to 100/],
    [['classify', 'r.csv', '--max-members', '0'], /"0" is not a whole number of members above 0/],
    [['classify', 'r.csv', '--frobnicate'], /unknown option '--frobnicate'/],
    [['--lang', 'fr', 'standards'], /argument 'fr' is invalid. Allowed choices are vi, en/],
    [['run', 'a.csv'], /required option '-o, --output <file>' not specified/],
    [['clasify', 'r.csv'], /unknown command 'clasify'\n\(Did you mean classify\?\)/],
  ])('exits 2 on a usage error: %j', async (argv, message) => {
    const { code, stderr, stdout } = await runCli(argv);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    for (const call of Object.values(calls)) expect(call).not.toHaveBeenCalled();
  });

  it('prints help with examples on stdout and exits 0', async () => {
    const { code, stdout } = await runCli(['rates', '--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('Usage: povroll rates [options] <classified>');
    expect(stdout).toContain('$ povroll rates classified.csv --by district,commune -o rates.csv');
  });
});
