import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { runCli, tempDir } from '../support/run-cli.js';

const calls = vi.hoisted(() => ({ ingest: vi.fn(), classify: vi.fn(), rates: vi.fn(), report: vi.fn(), run: vi.fn(), standards: vi.fn(), compare: vi.fn() }));
vi.mock('../../src/commands/ingest.js', () => ({ ingestCommand: calls.ingest }));
vi.mock('../../src/commands/classify.js', () => ({ classifyCommand: calls.classify }));
vi.mock('../../src/commands/rates.js', () => ({ ratesCommand: calls.rates }));
vi.mock('../../src/commands/report.js', () => ({ reportCommand: calls.report }));
vi.mock('../../src/commands/run.js', () => ({ runCommand: calls.run }));
vi.mock('../../src/commands/standards.js', () => ({ standardsCommand: calls.standards }));
vi.mock('../../src/commands/compare.js', () => ({ compareCommand: calls.compare }));

beforeEach(() => {
  for (const call of Object.values(calls)) call.mockReset();
});

/** A folder holding a settings file (povroll.json unless named), to run commands in. */
function withSettings(settings: unknown, name = 'povroll.json'): string {
  const dir = tempDir();
  mkdirSync(join(dir, name, '..'), { recursive: true });
  writeFileSync(join(dir, name), typeof settings === 'string' ? settings : JSON.stringify(settings));
  return dir;
}

const EVERY_KEY = {
  unit: 'UBND HUYỆN BÌNH GIA',
  place: 'Bình Gia',
  map: 'map.json',
  totals: 'totals.csv',
  targets: 'targets.json',
  crosswalk: 'crosswalk.csv',
  by: 'commune, district',
  lang: 'en',
  standard: 'nd07-2021',
  max_rejected: 2.5,
  max_members: 40,
  max_poor_share: 70,
  max_unclassified: '10%',
  only: 'district=Huyện Bình Gia',
};

const READING = { maxRejected: 2.5, maxMembers: 40 };
const LISTS = { maxPoorShare: 70, maxUnclassified: 10 };
const ENGLISH = { quiet: false, verbose: false, lang: 'en' };

describe('the settings file', () => {
  it('gives each command the options it takes from povroll.json in the current folder', async () => {
    const cwd = withSettings(EVERY_KEY);
    const only = ['district=Huyện Bình Gia'];
    const levels = ['district', 'commune'];

    expect((await runCli(['rates', 'c.csv'], { cwd })).code).toBe(0);
    expect(calls.rates).toHaveBeenCalledWith(
      { roll: 'c.csv', by: levels, output: undefined, totals: 'totals.csv', year: undefined, rejects: undefined, strict: false, only, ...READING, ...LISTS },
      ENGLISH,
      expect.anything(),
    );

    await runCli(['compare', 'a.csv', 'b.csv'], { cwd });
    expect(calls.compare.mock.lastCall![0]).toEqual({
      rolls: ['a.csv', 'b.csv'],
      by: levels,
      map: 'map.json',
      targets: 'targets.json',
      crosswalk: 'crosswalk.csv',
      standard: 'nd07-2021',
      allowStandardChange: false,
      span: false,
      strict: false,
      memory: '1GB',
      only,
      ...READING,
      ...LISTS,
    });

    await runCli(['report', 'c.csv', '-o', 's.xlsx'], { cwd });
    const report = {
      rolls: ['c.csv'],
      output: 's.xlsx',
      by: levels,
      totals: 'totals.csv',
      targets: 'targets.json',
      crosswalk: 'crosswalk.csv',
      unit: 'UBND HUYỆN BÌNH GIA',
      place: 'Bình Gia',
      only,
      changeSheets: true,
      allowStandardChange: false,
      valuesOnly: false,
      stamp: false,
      withNames: false,
      strict: false,
      margin: 10,
      memory: '1GB',
      ...READING,
      ...LISTS,
    };
    expect(calls.report.mock.lastCall![0]).toEqual(report);
    expect(calls.report.mock.lastCall![1]).toEqual(ENGLISH);

    await runCli(['run', 'r.csv', '-o', 's.xlsx'], { cwd });
    expect(calls.run.mock.lastCall![0]).toEqual({ ...report, rolls: ['r.csv'], map: 'map.json', standard: 'nd07-2021' });

    await runCli(['classify', 'r.csv'], { cwd });
    expect(calls.classify.mock.lastCall![0]).toEqual({ roll: 'r.csv', map: 'map.json', standard: 'nd07-2021', strict: false, ...READING });

    await runCli(['ingest', 'r.xlsx'], { cwd });
    expect(calls.ingest.mock.lastCall![0]).toEqual({ files: ['r.xlsx'], map: 'map.json', explain: false, onDuplicate: 'keep', strict: false, ...READING });

    await runCli(['standards'], { cwd });
    expect(calls.standards.mock.lastCall![1]).toEqual(ENGLISH);
  });

  it('reads --config FILE instead, before or after the command, with its paths relative to its own folder', async () => {
    const cwd = withSettings({ totals: 'totals.csv', map: '../maps/map.json', standard: 'local.json', by: ['commune'] }, 'office/settings.json');
    await runCli(['--config', 'office/settings.json', 'rates', 'c.csv'], { cwd });
    expect(calls.rates.mock.lastCall![0]).toMatchObject({ by: ['commune'], totals: join('office', 'totals.csv') });
    await runCli(['run', 'r.csv', '-o', 's.xlsx', '--config', join(cwd, 'office/settings.json')], { cwd });
    expect(calls.run.mock.lastCall![0]).toMatchObject({
      by: ['commune'],
      totals: join('office', 'totals.csv'),
      map: join('maps', 'map.json'),
      standard: join('office', 'local.json'),
    });
    // A povroll.json beside it is not read when --config names another file.
    writeFileSync(join(cwd, 'povroll.json'), '{"lang": "en", "by": "province"}');
    await runCli(['--config', 'office/settings.json', 'rates', 'c.csv'], { cwd });
    expect(calls.rates.mock.lastCall![0]).toMatchObject({ by: ['commune'] });
    expect(calls.rates.mock.lastCall![1]).toEqual({ quiet: false, verbose: false, lang: 'vi' });
  });

  it('lets options on the command line win', async () => {
    const cwd = withSettings(EVERY_KEY);
    await runCli(
      [
        '--lang',
        'vi',
        'rates',
        'c.csv',
        '--by',
        'province',
        '--totals',
        'other.csv',
        '--max-members',
        '60',
        '--max-unclassified',
        '0',
        '--only',
        'commune=Xã Hoa Thám',
        '--only',
        'commune_code=00012',
      ],
      { cwd },
    );
    expect(calls.rates.mock.lastCall![0]).toEqual({
      roll: 'c.csv',
      by: ['province'],
      totals: 'other.csv',
      only: ['commune=Xã Hoa Thám', 'commune_code=00012'],
      strict: false,
      maxRejected: 2.5,
      maxMembers: 60,
      maxPoorShare: 70,
      maxUnclassified: 0,
    });
    expect(calls.rates.mock.lastCall![1]).toEqual({ quiet: false, verbose: false, lang: 'vi' });
    await runCli(['run', 'r.csv', '-o', 's.xlsx', '--unit', 'UBND XÃ HOA THÁM', '--place', 'Hoa Thám', '--standard', 'auto', '--map', 'mine.json'], { cwd });
    expect(calls.run.mock.lastCall![0]).toMatchObject({
      unit: 'UBND XÃ HOA THÁM',
      place: 'Hoa Thám',
      standard: 'auto',
      map: 'mine.json',
      totals: 'totals.csv',
    });
    // The command line's value wins even when it equals the default.
    await runCli(['--lang', 'vi', 'classify', 'r.csv', '--max-rejected', '1'], { cwd });
    expect(calls.classify.mock.lastCall![0]).toMatchObject({ maxRejected: 1, maxMembers: 40 });
  });

  it('passes --unit and --place to report and run, and nothing when neither gives them', async () => {
    await runCli(['report', 'c.csv', '-o', 's.xlsx', '--unit', 'UBND HUYỆN BÌNH GIA', '--place', 'Bình Gia']);
    expect(calls.report.mock.lastCall![0]).toMatchObject({ unit: 'UBND HUYỆN BÌNH GIA', place: 'Bình Gia' });
    await runCli(['run', 'r.csv', '-o', 's.xlsx'], { cwd: tempDir() });
    expect(calls.run.mock.lastCall![0].unit).toBeUndefined();
    expect(calls.run.mock.lastCall![0].place).toBeUndefined();
    expect(calls.run.mock.lastCall![0].only).toBeUndefined();
  });

  it('satisfies the --by that rates and compare need; without it anywhere, that is a usage error', async () => {
    const cwd = withSettings({ unit: 'UBND HUYỆN BÌNH GIA' });
    for (const argv of [
      ['rates', 'c.csv'],
      ['compare', 'a.csv', 'b.csv'],
    ]) {
      const { code, stdout, stderr } = await runCli(argv, { cwd });
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toBe("error: required option '--by <levels>' not specified\n");
    }
    expect(calls.rates).not.toHaveBeenCalled();
    expect(calls.compare).not.toHaveBeenCalled();
    const given = withSettings({ by: 'district' });
    expect((await runCli(['compare', 'a.csv', 'b.csv'], { cwd: given })).code).toBe(0);
    expect(calls.compare.mock.lastCall![0]).toMatchObject({ by: ['district'] });
  });

  it.each([
    [
      { tottals: 'totals.csv' },
      '"tottals": unknown key (did you mean "totals"?); the keys are unit, place, map, totals, targets, crosswalk, by, lang, standard, max_rejected, max_members, max_poor_share, max_unclassified, only',
    ],
    [
      { colour: 'red' },
      '"colour": unknown key; the keys are unit, place, map, totals, targets, crosswalk, by, lang, standard, max_rejected, max_members, max_poor_share, max_unclassified, only',
    ],
    [{ by: 'hamlet' }, '"by": expected a comma list of province, district, commune, village, found "hamlet"'],
    [{ by: 'district,hamlet' }, '"by": expected a comma list of province, district, commune, village, found "hamlet"'],
    [{ by: 3 }, '"by": expected a comma list of province, district, commune, village, found 3'],
    [{ unit: 12 }, '"unit": expected a text, found 12'],
    [{ place: '' }, '"place": expected a text, found ""'],
    [{ totals: ['a.csv'] }, '"totals": expected the path of a file (relative to the settings file), found ["a.csv"]'],
    [{ lang: 'fr' }, '"lang": expected "vi" or "en", found "fr"'],
    [{ standard: true }, '"standard": expected auto, a standard id or the path of a .json definition file, found true'],
    [{ max_rejected: 150 }, '"max_rejected": expected a percentage from 0 to 100, found 150'],
    [{ max_poor_share: 'most' }, '"max_poor_share": expected a percentage from 0 to 100, found "most"'],
    [{ max_members: 0 }, '"max_members": expected a whole number of members above 0, found 0'],
    [{ max_members: '50' }, '"max_members": expected a whole number of members above 0, found "50"'],
    [
      { only: 'Huyện Bắc Kim' },
      '"only": "Huyện Bắc Kim" does not say which level it names; write LEVEL=NAME, e.g. district=Huyện Bắc Kim or commune_code=00012',
    ],
    [
      { only: ['district=Huyện Bắc Kim', 'hamlet=Thôn Một'] },
      '"only": "hamlet" is not a level; use province, district, commune, village, province_code, district_code, commune_code',
    ],
    [{ only: 7 }, '"only": expected LEVEL=NAME (e.g. "district=Huyện Bắc Kim"), or a list of them, found 7'],
    [['by', 'district'], 'expected an object of settings, such as {"unit": "UBND HUYỆN BÌNH GIA", "by": "district,commune"}; found ["by","district"]'],
  ])('refuses %j with one line naming the file and the key (exit 1)', async (settings, detail) => {
    const cwd = withSettings(settings);
    for (const argv of [['rates', 'c.csv', '--by', 'district'], ['standards']]) {
      const { code, stdout, stderr } = await runCli(argv, { cwd });
      expect(code).toBe(1);
      expect(stdout).toBe('');
      expect(stderr).toBe(`error: Invalid settings "povroll.json": ${detail}\n`);
    }
    for (const call of Object.values(calls)) expect(call).not.toHaveBeenCalled();
  });

  it('names a settings file that is not JSON, and a --config file that does not exist', async () => {
    const broken = await runCli(['rates', 'c.csv', '--by', 'district'], { cwd: withSettings('{"by": "district",}') });
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/^error: Invalid settings "povroll\.json": not valid JSON \(.+\)\n$/);
    const missing = await runCli(['--config', 'nope.json', 'rates', 'c.csv', '--by', 'district'], { cwd: tempDir() });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe('error: Cannot read settings "nope.json": no such file\n');
    for (const call of Object.values(calls)) expect(call).not.toHaveBeenCalled();
    // No povroll.json: nothing to read, and no error.
    expect((await runCli(['rates', 'c.csv', '--by', 'district'], { cwd: tempDir() })).code).toBe(0);
    // A byte-order mark, as Notepad writes one, is allowed.
    expect((await runCli(['rates', 'c.csv'], { cwd: withSettings('\uFEFF{"by": "district"}') })).code).toBe(0);
    expect(calls.rates.mock.lastCall![0]).toMatchObject({ by: ['district'] });
  });

  it('says so in the help', async () => {
    const { stdout } = await runCli(['--help']);
    expect(stdout).toContain('--config <file>');
    expect(stdout).toContain('povroll.json');
    const run = await runCli(['run', '--help']);
    expect(run.stdout).toContain('--only <level=name>');
    expect(run.stdout).toContain('--unit <name>');
    expect(run.stdout).toContain('--place <name>');
    expect(run.stdout.replace(/\s+/g, ' ')).toContain('fills it in; does not select rows: to select units, use --only');
    const ingest = await runCli(['ingest', '--help']);
    expect(ingest.stdout.replace(/\s+/g, ' ')).toContain('fills it in; does not select rows: rates, compare, report and run select units with --only');
  });
});
