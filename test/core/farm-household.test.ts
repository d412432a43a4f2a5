/**
 * Issue 11, item 3: the average living standard (hộ làm nông nghiệp, lâm
 * nghiệp, ngư nghiệp, diêm nghiệp có mức sống trung bình) is for farm,
 * forestry, fishery and salt-making households only, on income above the
 * poverty line and at most the upper bound; any other household with that
 * income is non-poor. Expectations come from the reading of the law written
 * out below, never from povroll's classify.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { classifiedCells } from '../../src/core/classify-roll.js';
import { classify } from '../../src/core/classify.js';
import type { HouseholdClass } from '../../src/core/household.js';
import type { IndicatorCode } from '../../src/core/indicators.js';
import { parseCondition, parseStandard } from '../../src/core/standard.js';
import { household, standardFile } from '../support/households.js';
import { HEADER, folderWith, records, row, runCli } from '../support/run-cli.js';

const nd07 = standardFile('nd07-2021');
const qd59 = standardFile('qd59-2015');
const nd351 = standardFile('nd351-2025');

type Law = HouseholdClass | 'unclassified';

/**
 * Decree 07/2021 Art. 3, read independently: at or below the poverty line
 * (1,500,000 rural / 2,000,000 urban) a household is poor with 3 or more
 * deprivations, near-poor with fewer; above it and at most 2,250,000 /
 * 3,000,000 a farm household is of average living standard; anything else
 * is non-poor. Whether it farms: the roll's mark, else its recorded class
 * (recorded average = farm household, any other class = not one), else
 * unknown, which leaves a household of the band unclassified.
 */
function nd07Law(area: 'rural' | 'urban', income: number, deprivations: number, farm: boolean | null, recorded: HouseholdClass | null): Law {
  const poverty = area === 'rural' ? 1_500_000 : 2_000_000;
  const upper = area === 'rural' ? 2_250_000 : 3_000_000;
  if (income <= poverty) return deprivations >= 3 ? 'poor' : 'near_poor';
  if (income > upper) return 'non_poor';
  const farms = farm ?? (recorded === null ? null : recorded === 'average');
  if (farms === null) return 'unclassified';
  return farms ? 'average' : 'non_poor';
}

const DEPRIVED: IndicatorCode[] = ['water', 'latrine', 'telecom', 'information'];

interface Case {
  name: string;
  area: 'rural' | 'urban';
  income: number;
  deprivations: number;
  farm: boolean | null;
  recorded?: HouseholdClass;
  expected: Law;
}

const CASES: Case[] = [
  { name: 'rural at the poverty line, 2 deprivations, farm', area: 'rural', income: 1_500_000, deprivations: 2, farm: true, expected: 'near_poor' },
  { name: 'rural at the poverty line, 2 deprivations, not farm', area: 'rural', income: 1_500_000, deprivations: 2, farm: false, expected: 'near_poor' },
  { name: 'rural at the poverty line, 2 deprivations, farm unknown', area: 'rural', income: 1_500_000, deprivations: 2, farm: null, expected: 'near_poor' },
  { name: 'rural at the poverty line, 3 deprivations, farm unknown', area: 'rural', income: 1_500_000, deprivations: 3, farm: null, expected: 'poor' },
  { name: 'rural 1 đồng above the line, farm', area: 'rural', income: 1_500_001, deprivations: 0, farm: true, expected: 'average' },
  { name: 'rural 1 đồng above the line, not farm', area: 'rural', income: 1_500_001, deprivations: 0, farm: false, expected: 'non_poor' },
  { name: 'rural 1 đồng above the line, 4 deprivations, not farm', area: 'rural', income: 1_500_001, deprivations: 4, farm: false, expected: 'non_poor' },
  { name: 'rural at the upper bound, farm', area: 'rural', income: 2_250_000, deprivations: 0, farm: true, expected: 'average' },
  { name: 'rural 1 đồng above the upper bound, farm', area: 'rural', income: 2_250_001, deprivations: 0, farm: true, expected: 'non_poor' },
  { name: 'rural 1 đồng above the upper bound, farm unknown', area: 'rural', income: 2_250_001, deprivations: 0, farm: null, expected: 'non_poor' },
  { name: 'urban at the upper bound, farm', area: 'urban', income: 3_000_000, deprivations: 0, farm: true, expected: 'average' },
  { name: 'urban at the upper bound, not farm', area: 'urban', income: 3_000_000, deprivations: 0, farm: false, expected: 'non_poor' },
  { name: 'urban 1 đồng above the upper bound, farm', area: 'urban', income: 3_000_001, deprivations: 0, farm: true, expected: 'non_poor' },
  { name: 'urban at the poverty line, farm', area: 'urban', income: 2_000_000, deprivations: 0, farm: true, expected: 'near_poor' },
  { name: 'farm unknown, recorded average', area: 'rural', income: 1_800_000, deprivations: 0, farm: null, recorded: 'average', expected: 'average' },
  { name: 'farm unknown, recorded non-poor', area: 'rural', income: 1_800_000, deprivations: 0, farm: null, recorded: 'non_poor', expected: 'non_poor' },
  { name: 'farm unknown, recorded near-poor', area: 'rural', income: 1_800_000, deprivations: 0, farm: null, recorded: 'near_poor', expected: 'non_poor' },
  { name: 'farm unknown, no recorded class', area: 'rural', income: 1_800_000, deprivations: 0, farm: null, expected: 'unclassified' },
  {
    name: 'not farm although recorded average: the roll’s mark wins',
    area: 'rural',
    income: 1_800_000,
    deprivations: 0,
    farm: false,
    recorded: 'average',
    expected: 'non_poor',
  },
  {
    name: 'farm although recorded non-poor: the roll’s mark wins',
    area: 'rural',
    income: 1_800_000,
    deprivations: 0,
    farm: true,
    recorded: 'non_poor',
    expected: 'average',
  },
];

describe('nd07-2021: the average living standard is for farm households only', () => {
  it.each(CASES)('$name: $expected', (c) => {
    const expected = nd07Law(c.area, c.income, c.deprivations, c.farm, c.recorded ?? null);
    expect(expected, 'the reading of the law in this test').toBe(c.expected);
    const h = household({ area: c.area, income: c.income, deprivedIn: DEPRIVED.slice(0, c.deprivations), farm: c.farm, recordedClass: c.recorded ?? null });
    expect(classify(h, nd07).class).toBe(expected);
  });

  it('leaves a household of the band whose farming nothing tells unclassified, average or non-poor, and says why', () => {
    const h = household({ income: 1_500_001, farm: null, recordedClass: null });
    const result = classify(h, nd07);
    const cells = classifiedCells(h, result);
    expect(cells.class).toBe('unclassified');
    expect(cells.possible_classes).toBe('average;non_poor');
    expect(cells.unclassified_reason).toBe('farm household unknown (no farm_household, no recorded class)');
    expect(cells.class_mismatch).toBe('0');
  });

  it('says nothing of farming when the household is classified', () => {
    for (const farm of [true, false]) {
      const cells = classifiedCells(household({ income: 1_500_001, farm }), classify(household({ income: 1_500_001, farm }), nd07));
      expect(cells.unclassified_reason).toBe('');
      expect(cells.possible_classes).toBe('');
    }
  });

  it('classifies a household by the B1 score as non-poor when it does not farm, since the average band cannot apply', () => {
    const scored = (farm: boolean | null) => classify(household({ income: null, scoreB1: 141, scoreB2: 0, assessedAll: [], farm }), nd07);
    expect(scored(false).class).toBe('non_poor');
    // A farm household above the B1 cut-off may still be average or non-poor: the score cannot tell the upper bound.
    expect(scored(true)).toMatchObject({ class: 'unclassified' });
    expect(scored(null).reason).toContain('score B1 cannot tell the line "average"');
  });
});

describe('qd59-2015 and nd351-2025', () => {
  it('applies the farm condition to the average band of Decision 59/2015 (above the near-poverty line, at most the upper bound)', () => {
    const at = (income: number, farm: boolean | null, area: 'rural' | 'urban' = 'rural') =>
      classify(household({ area, income, reviewYear: 2019, farm }), qd59).class;
    expect(at(1_000_000, false)).toBe('near_poor');
    expect(at(1_000_001, true)).toBe('average');
    expect(at(1_000_001, false)).toBe('non_poor');
    expect(at(1_500_000, true)).toBe('average');
    expect(at(1_500_001, true)).toBe('non_poor');
    expect(at(1_950_000, true, 'urban')).toBe('average');
    expect(at(1_950_000, null, 'urban')).toBe('unclassified');
  });

  it('has no average class under nd351-2025: farming changes nothing', () => {
    for (const farm of [true, false, null]) {
      expect(classify(household({ income: 2_200_001, reviewYear: 2027, farm }), nd351).class).toBe('non_poor');
    }
  });
});

describe('the farm condition in standard files', () => {
  it('is written farm_household, with no operator, and kept as written', () => {
    expect(parseCondition('farm_household', 'x', nd07.lines)).toEqual({ subject: 'farm', text: 'farm_household' });
    const rule = nd07.classes.find((r) => r.class === 'average')!;
    expect(rule.when.map((g) => g.map((c) => c.text))).toEqual([['income > poverty', 'income <= average', 'farm_household']]);
    expect(qd59.classes.find((r) => r.class === 'average')!.when[0]!.map((c) => c.text)).toContain('farm_household');
  });

  it('refuses a misspelt condition, naming the forms it may take', () => {
    expect(() => parseCondition('farm', 'classes[2].when[0][2]', nd07.lines)).toThrow(
      '"farm" is not of the form "income <= LINE", "deprivations >= N" or "farm_household"',
    );
  });

  it('is shown by povroll standards, with what is done when the roll does not say', async () => {
    const { code, stdout } = await runCli(['standards', 'nd07-2021']);
    expect(code).toBe(0);
    expect(stdout).toContain('  average    income > poverty (1,500,000/2,000,000) and income ≤ average (2,250,000/3,000,000) and farm household\n');
    expect(stdout).toContain('When the roll does not carry farm_household, the recorded class says: recorded average = a farm household,');
    expect(stdout).toContain('unclassified (average or non_poor)');
    const nd351Text = (await runCli(['standards', 'nd351-2025'])).stdout;
    expect(nd351Text).not.toContain('farm household');
  });

  it('reads back from --json as the same standard', async () => {
    const { stdout } = await runCli(['standards', 'nd07-2021', '--json']);
    expect(JSON.parse(stdout).classes[2]).toEqual({ class: 'average', when: [['income > poverty', 'income <= average', 'farm_household']] });
    // The data, not its description: the farm condition and every other rule, line and indicator read back unchanged.
    expect(parseStandard(JSON.parse(stdout))).toStrictEqual(nd07);
    expect(nd07.classes[2]!.when[0]![2]).toMatchObject({ subject: 'farm' });
    const dir = folderWith({ 'copy.json': stdout });
    expect(JSON.parse((await runCli(['standards', join(dir, 'copy.json'), '--json'])).stdout)).toStrictEqual(JSON.parse(stdout));
  });
});

describe('povroll classify with farm households', () => {
  it('reads the farm_household column of a canonical roll', async () => {
    const households: { id: string; income: string; farm: string; recorded: string; deprived?: number }[] = [
      { id: 'A', income: '1500001', farm: '1', recorded: '' },
      { id: 'B', income: '1500001', farm: '0', recorded: '' },
      { id: 'C', income: '2250000', farm: '', recorded: 'average' },
      { id: 'D', income: '2250000', farm: '', recorded: 'non_poor' },
      { id: 'E', income: '2250000', farm: '', recorded: '' },
      { id: 'F', income: '1500000', farm: '', recorded: '', deprived: 2 },
      { id: 'G', income: '2250001', farm: '1', recorded: 'average' },
    ];
    const lines = households.map((h) => {
      const marks = Object.fromEntries(DEPRIVED.slice(0, h.deprived ?? 0).map((code) => [`d_${code}`, '1']));
      return `${row({ household_id: h.id, income_per_capita: h.income, recorded_class: h.recorded, ...marks })},${h.farm}`;
    });
    const dir = folderWith({ 'roll.csv': [`${HEADER},farm_household`, ...lines].join('\n') + '\n' });
    const { code, stdout, stderr } = await runCli(['classify', join(dir, 'roll.csv')]);
    expect(code, stderr).toBe(0);
    const out = records(stdout);
    const expected = households.map((h) =>
      nd07Law('rural', Number(h.income), h.deprived ?? 0, h.farm === '' ? null : h.farm === '1', h.recorded === '' ? null : (h.recorded as HouseholdClass)),
    );
    expect(expected).toEqual(['average', 'non_poor', 'average', 'non_poor', 'unclassified', 'near_poor', 'non_poor']);
    expect(out.map((r) => r.class)).toEqual(expected);
    const e = out.find((r) => r.household_id === 'E')!;
    expect(e.possible_classes).toBe('average;non_poor');
    expect(e.unclassified_reason).toBe('farm household unknown (no farm_household, no recorded class)');
    expect(out.find((r) => r.household_id === 'G')!.class_mismatch).toBe('1');
    expect(stderr).toContain('unclassified: farm household unknown (no farm_household, no recorded class) (1)');
  });

  it('refuses a farm_household value that is no mark of a canonical roll', async () => {
    const dir = folderWith({ 'roll.csv': `${HEADER},farm_household\n${row({ income_per_capita: '1600000' })},yes\n` });
    const { code, stderr } = await runCli(['classify', join(dir, 'roll.csv'), '--strict']);
    expect(code).toBe(1);
    expect(stderr).toContain('column "farm_household": expected 1, 0 or empty, found "yes"');
  });

  const SURVEY = 'Mã hộ,Chủ hộ,Xã,Năm rà soát,Khu vực,Số nhân khẩu,Thu nhập bình quân đầu người';
  const INDICATORS =
    'Việc làm,Người phụ thuộc,Dinh dưỡng,BHYT,Trình độ giáo dục của người lớn,Tình trạng đi học của trẻ em,Chất lượng nhà ở,Diện tích nhà ở,Nguồn nước sinh hoạt,Nhà tiêu hợp vệ sinh,Dịch vụ viễn thông,Phương tiện tiếp cận thông tin';
  const NO_MARKS = ',,,,,,,,,,,';

  it('reads the heading "Hộ làm nông, lâm, ngư, diêm nghiệp" of a raw roll as a mark', async () => {
    const rows = [
      ['H1', '1.500.001', 'x'],
      ['H2', '1.500.001', ''],
      ['H3', '2.250.000', 'X'],
      ['H4', '2.250.001', 'x'],
      ['H5', '1.200.000', ''],
    ];
    const text =
      [
        `${SURVEY},${INDICATORS},"Hộ làm nông, lâm, ngư, diêm nghiệp"`,
        ...rows.map(([id, income, mark], i) => `${id},Hộ ${i},Xã An,2024,Nông thôn,4,"${income}",${NO_MARKS},${mark}`),
      ].join('\n') + '\n';
    const dir = folderWith({ 'r.csv': text });
    const { code, stdout, stderr } = await runCli(['classify', join(dir, 'r.csv')]);
    expect(code, stderr).toBe(0);
    const out = records(stdout);
    expect(out.map((r) => r.farm_household)).toEqual(['1', '0', '1', '1', '0']);
    const expected = rows.map(([, income, mark]) => nd07Law('rural', Number(income!.replaceAll('.', '')), 0, mark !== '', null));
    expect(expected).toEqual(['average', 'non_poor', 'average', 'non_poor', 'near_poor']);
    expect(out.map((r) => r.class)).toEqual(expected);
    // The farm column is read, so nothing is assumed about farming.
    expect(stderr).not.toContain('farm household (the condition of the average living standard) from the recorded class');
    const ingested = await runCli(['ingest', join(dir, 'r.csv'), '--explain']);
    expect(ingested.code, ingested.stderr).toBe(0);
    expect(records(ingested.stdout).map((r) => r.farm_household)).toEqual(['1', '0', '1', '1', '0']);
  });

  it('takes farming from the recorded class of a raw roll without the column, and says so', async () => {
    const rows = [
      ['H1', '1.800.000', 'Hộ có mức sống trung bình'],
      ['H2', '1.800.000', 'Hộ không nghèo'],
      ['H3', '1.800.000', ''],
    ];
    const text =
      [
        `${SURVEY},${INDICATORS},Phân loại hộ`,
        ...rows.map(([id, income, recorded], i) => `${id},Hộ ${i},Xã An,2024,Nông thôn,4,"${income}",${NO_MARKS},${recorded}`),
      ].join('\n') + '\n';
    const dir = folderWith({ 'r.csv': text });
    const { code, stdout, stderr } = await runCli(['classify', join(dir, 'r.csv')]);
    expect(code, stderr).toBe(0);
    const out = records(stdout);
    expect(out.map((r) => r.farm_household)).toEqual(['', '', '']);
    expect(out.map((r) => [r.recorded_class, r.class, r.possible_classes])).toEqual([
      ['average', nd07Law('rural', 1_800_000, 0, null, 'average'), ''],
      ['non_poor', nd07Law('rural', 1_800_000, 0, null, 'non_poor'), ''],
      ['', 'unclassified', 'average;non_poor'],
    ]);
    expect(stderr).toContain(
      'farm household (the condition of the average living standard) from the recorded class: yes when recorded average, no for any other class (2)',
    );
  });
});
