import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { referenceClass, referenceFarm, referenceIndicators, referenceRate } from '../support/reference.js';
import { DEMO_2023, DEMO_2024, HEADER, folderWith, records, row, runCli, tempDir } from '../support/run-cli.js';

interface RefArea {
  households: number;
  persons: number;
  poor: number;
  nearPoor: number;
  average: number;
  unclassified: number;
  poorPersons: number;
  poorWater: number;
}

/** Area counts computed straight from the raw roll with the reference classifier. */
function referenceAreas(roll: string): Map<string, RefArea> {
  const areas = new Map<string, RefArea>();
  for (const r of records(readFileSync(roll, 'utf8'))) {
    const year = Number(r.review_year);
    const deprived = referenceIndicators(year).filter((code) => r[`d_${code}`] === '1').length;
    const klass =
      r.income_per_capita === ''
        ? 'unclassified'
        : referenceClass(year, r.area as 'rural' | 'urban', Number(r.income_per_capita), deprived, referenceFarm(r.farm_household, r.recorded_class));
    for (const key of ['total', `district:${r.district_code}`, `commune:${r.commune_code}`]) {
      const a = areas.get(key) ?? { households: 0, persons: 0, poor: 0, nearPoor: 0, average: 0, unclassified: 0, poorPersons: 0, poorWater: 0 };
      a.households += 1;
      a.persons += Number(r.members);
      if (klass === 'poor') {
        a.poor += 1;
        a.poorPersons += Number(r.members);
        if (r.d_water === '1') a.poorWater += 1;
      }
      if (klass === 'near_poor') a.nearPoor += 1;
      if (klass === 'average') a.average += 1;
      if (klass === 'unclassified') a.unclassified += 1;
      areas.set(key, a);
    }
  }
  return areas;
}

async function classified(roll: string): Promise<string> {
  const out = join(tempDir(), 'classified.csv');
  const { code } = await runCli(['-q', 'classify', roll, '-o', out]);
  expect(code).toBe(0);
  return out;
}

describe('povroll rates', () => {
  it.each([DEMO_2023, DEMO_2024])('agrees with an independent count on every area of %s', async (roll) => {
    const { code, stdout } = await runCli(['-q', 'rates', await classified(roll), '--by', 'district,commune']);
    expect(code).toBe(0);
    const expected = referenceAreas(roll);
    const rows = records(stdout);
    expect(rows).toHaveLength(expected.size);
    for (const r of rows) {
      const key = r.level === 'total' ? 'total' : r.level === 'district' ? `district:${r.district_code}` : `commune:${r.commune_code}`;
      const e = expected.get(key)!;
      expect(e, key).toBeDefined();
      expect(r).toMatchObject({
        households: String(e.households),
        persons: String(e.persons),
        poor: String(e.poor),
        poor_rate: referenceRate(e.poor, e.households),
        near_poor: String(e.nearPoor),
        near_poor_rate: referenceRate(e.nearPoor, e.households),
        multidim: String(e.poor + e.nearPoor),
        multidim_rate: referenceRate(e.poor + e.nearPoor, e.households),
        average: String(e.average),
        unclassified: String(e.unclassified),
        poor_persons: String(e.poorPersons),
        poor_persons_rate: referenceRate(e.poorPersons, e.persons),
        poor_d_water: String(e.poorWater),
      });
    }
    expect(rows.map((r) => r.level)).toEqual(
      [...rows.filter((r) => r.level === 'district'), ...rows.filter((r) => r.level === 'commune'), ...rows.filter((r) => r.level === 'total')].map(
        (r) => r.level,
      ),
    );
  });

  it('refuses a roll of several review years unless one is picked', async () => {
    const dir = folderWith({
      'both.csv': `${HEADER}\n${row({ household_id: 'A', review_year: '2023' })}\n${row({ household_id: 'A', review_year: '2024', income_per_capita: '5000000' })}\n`,
    });
    const both = await classified(join(dir, 'both.csv'));
    const refused = await runCli(['-q', 'rates', both, '--by', 'commune']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(
      `error: Cannot compute rates for "${both}": the roll holds review years 2023, 2024; pick one with --year, or compare them with "povroll compare"\n`,
    );
    const picked = await runCli(['-q', 'rates', both, '--by', 'commune', '--year', '2024']);
    expect(records(picked.stdout).map((r) => [r.level, r.households, r.near_poor, r.review_year])).toEqual([
      ['commune', '1', '0', '2024'],
      ['total', '1', '0', '2024'],
    ]);
  });

  it('needs a classified roll', async () => {
    const { code, stderr } = await runCli(['rates', DEMO_2024, '--by', 'commune']);
    expect(code).toBe(1);
    expect(stderr).toContain('missing column "class" (rates count classified households; run "povroll classify" first)');
  });

  it('warns about a list of poor and near-poor households only, and uses --totals for it', async () => {
    const list = `${HEADER}\n${row({ household_id: 'A', d_water: '1', d_latrine: '1', d_telecom: '1' })}\n${row({ household_id: 'B' })}\n${row({ household_id: 'C', commune_code: '00002', commune: 'Xã Hai' })}\n`;
    const dir = folderWith({
      'list.csv': list,
      'totals.csv':
        'province_code,province,district_code,district,commune_code,commune,households,persons\n01,Tỉnh Thử,001,Huyện Một,00001,Xã Một,200,800\n01,Tỉnh Thử,001,Huyện Một,00002,Xã Hai,50,210\n',
    });
    const roll = await classified(join(dir, 'list.csv'));
    const warned = await runCli(['rates', roll, '--by', 'commune']);
    expect(warned.code).toBe(0);
    expect(warned.stderr).toContain(
      `warning: "${roll}" looks like a list of some households only (100.0 % of its households are poor or near-poor, more than any real commune (--max-poor-share 60 %)): rates need every resident household, so they are left empty; give the households of each area with --totals FILE`,
    );
    // Counts, but no rates and no households: a share of the list would pass for the area's rate.
    expect(
      records(warned.stdout).map((r) => [r.commune, r.households, r.poor, r.poor_rate, r.near_poor, r.near_poor_rate, r.af_h, r.listed_households]),
    ).toEqual([
      ['Xã Một', '', '1', '', '1', '', '', '2'],
      ['Xã Hai', '', '0', '', '1', '', '', '1'],
      ['', '', '1', '', '2', '', '', '3'],
    ]);
    const withTotals = await runCli(['rates', roll, '--by', 'district,commune', '--totals', join(dir, 'totals.csv')]);
    expect(withTotals.code).toBe(0);
    expect(withTotals.stderr).toContain('rates are over the households of --totals; counts of the classes the list does not hold are left empty');
    const rows = records(withTotals.stdout);
    expect(rows.map((r) => [r.level, r.commune, r.households, r.persons, r.poor, r.poor_rate, r.near_poor, r.near_poor_rate, r.listed_households])).toEqual([
      ['district', '', '250', '1010', '1', '0.40', '2', '0.80', '3'],
      ['commune', 'Xã Một', '200', '800', '1', '0.50', '1', '0.50', '2'],
      ['commune', 'Xã Hai', '50', '210', '0', '0.00', '1', '2.00', '1'],
      ['total', '', '250', '1010', '1', '0.40', '2', '0.80', '3'],
    ]);
  });

  it('names the area a totals file lacks', async () => {
    const dir = folderWith({
      'list.csv': `${HEADER}\n${row({ commune_code: '00009', commune: 'Xã Chín' })}\n`,
      'totals.csv': 'commune_code,commune,households\n00001,Xã Một,100\n',
    });
    const { code, stderr } = await runCli(['rates', await classified(join(dir, 'list.csv')), '--by', 'commune', '--totals', join(dir, 'totals.csv')]);
    expect(code).toBe(1);
    expect(stderr).toContain(
      'commune "Xã Chín" (code 00009) in district "Huyện Một" (code 001), province "Tỉnh Thử" (code 01): no total is given for this area',
    );
  });

  it('rejects a bad value in the totals with row and column', async () => {
    const dir = folderWith({ 'list.csv': `${HEADER}\n${row()}\n`, 'totals.csv': 'commune_code,households\n00001,many\n' });
    const { code, stderr } = await runCli(['rates', await classified(join(dir, 'list.csv')), '--by', 'commune', '--totals', join(dir, 'totals.csv')]);
    expect(code).toBe(1);
    expect(stderr).toBe(`error: Cannot read totals "${join(dir, 'totals.csv')}": row 2, column "households": expected a whole number, found "many"\n`);
  });
});

describe('povroll rates accounting', () => {
  it('warns when member counts are missing, and counts them per area', async () => {
    const dir = folderWith({ 'r.csv': `${HEADER}\n${row({ household_id: 'A', members: '' })}\n${row({ household_id: 'B', members: '5' })}\n` });
    const { stdout, stderr } = await runCli(['rates', await classified(join(dir, 'r.csv')), '--by', 'commune', '--max-poor-share', '100']);
    expect(stderr).toContain('warning: 1 household has no member count: the persons figures of their areas are left empty (column members_unknown)');
    // 5 persons are known, but the area has more: its persons are unknown, not 5.
    expect(records(stdout).map((r) => [r.persons, r.poor_persons, r.poor_persons_rate, r.members_unknown])).toEqual([
      ['', '', '', '1'],
      ['', '', '', '1'],
    ]);
  });

  it('accounts for every row of every input with --verbose', async () => {
    const dir = folderWith({ 'r.csv': `${HEADER}\n${row({ household_id: 'A' })}\n\n${row({ household_id: 'B', area: 'x' })}\n` });
    const out = join(dir, 's.xlsx');
    const { stderr } = await runCli(['--verbose', 'run', join(dir, 'r.csv'), '-o', out]);
    expect(stderr).toMatch(new RegExp(`${join(dir, 'r.csv')}: 3 rows = 1 household \\+ 1 rejected \\+ 1 skipped \\(SHA-256 [0-9a-f]{12}…\\)`));
  });
});
