import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classify } from '../../src/core/classify.js';
import type { Level } from '../../src/core/areas.js';
import type { Household, Location } from '../../src/core/household.js';
import { type IndicatorCode, INDICATOR_CODES } from '../../src/core/indicators.js';
import { type RatesState, addToRates, dropEmptyLevels, emptyRates, finishRates, MissingTotalError } from '../../src/core/rates.js';
import { ratesColumns, ratesRow } from '../../src/core/rates-table.js';
import { buildTotalsIndex } from '../../src/core/totals.js';
import { household, standardFile } from '../support/households.js';

const nd07 = standardFile('nd07-2021');

function place(district: string, commune: string, village = 'Thôn 1', codes = false): Location {
  return {
    provinceCode: codes ? '01' : '',
    province: 'Tỉnh A',
    districtCode: codes ? `D-${district}` : '',
    district,
    communeCode: codes ? `C-${district}-${commune}` : '',
    commune,
    village,
  };
}

function fold(households: Household[], levels: readonly Level[] = ['province', 'district', 'commune', 'village']): RatesState {
  const state = emptyRates(levels);
  for (const h of households) addToRates(state, h, classify(h, nd07));
  return state;
}

const poor = (location: Location, members = 4, deprivedIn: IndicatorCode[] = ['water', 'latrine', 'telecom']) =>
  household({ location, members, income: 1_000_000, deprivedIn });
const nearPoor = (location: Location, members = 3) => household({ location, members, income: 1_000_000, deprivedIn: [] });
const nonPoor = (location: Location, members = 5) => household({ location, members, income: 9_000_000 });

describe('rates per area', () => {
  it('counts households, persons and classes per level, with the total last', () => {
    const a = place('Huyện Đông', 'Xã Hòa Bình');
    const b = place('Huyện Tây', 'Xã Hòa Bình');
    const result = finishRates(fold([poor(a), nearPoor(a), nonPoor(a), nonPoor(a), poor(b, 6)]));
    expect(result.areas.map((x) => `${x.tally.level}:${x.tally.location.district}/${x.tally.location.commune}`)).toEqual([
      'province:/',
      'district:Huyện Đông/',
      'district:Huyện Tây/',
      'commune:Huyện Đông/Xã Hòa Bình',
      'commune:Huyện Tây/Xã Hòa Bình',
      'village:Huyện Đông/Xã Hòa Bình',
      'village:Huyện Tây/Xã Hòa Bình',
    ]);
    const east = result.areas[3]!;
    expect(east.tally).toMatchObject({ households: 4, persons: 17, poor: 1, nearPoor: 1, nonPoor: 2, poorPersons: 4, nearPoorPersons: 3 });
    expect(result.total.tally).toMatchObject({ households: 5, poor: 2, persons: 23 });
  });

  it('keeps two communes of the same name in different districts apart, by name chain or by code', () => {
    for (const codes of [false, true]) {
      const result = finishRates(
        fold([poor(place('Huyện Đông', 'Xã Hòa Bình', 'Thôn 1', codes)), poor(place('Huyện Tây', 'Xã Hòa Bình', 'Thôn 1', codes))], ['commune']),
      );
      expect(result.areas).toHaveLength(2);
    }
  });

  it('treats names that differ only in case, spacing or Unicode composition as one area', () => {
    const composed = place('Huyện Đông', 'Xã Hòa Bình');
    const decomposed = place('Huyện Đông', 'xã  Hòa Bình'.normalize('NFD'));
    expect(finishRates(fold([poor(composed), poor(decomposed)], ['commune'])).areas).toHaveLength(1);
  });

  it('writes the contract columns with rates of two decimals and Alkire-Foster measures', () => {
    const a = place('Huyện Đông', 'Xã An');
    const households = [
      poor(a, 4, ['water', 'latrine', 'telecom']),
      poor(a, 2, ['water', 'latrine', 'telecom', 'employment', 'nutrition', 'dependents']),
      nearPoor(a),
      nonPoor(a),
      nonPoor(a),
      nonPoor(a),
      nonPoor(a),
      nonPoor(a),
    ];
    const result = finishRates(fold(households, ['commune']));
    const columns = ratesColumns(result.levels);
    const row = Object.fromEntries(columns.map((c, i) => [c, ratesRow(result.areas[0]!, columns, 2024)[i]]));
    expect(row).toMatchObject({
      level: 'commune',
      commune: 'Xã An',
      households: '8',
      persons: '34',
      poor: '2',
      poor_rate: '25.00',
      near_poor: '1',
      near_poor_rate: '12.50',
      multidim: '3',
      multidim_rate: '37.50',
      poor_persons: '6',
      poor_persons_rate: '17.65',
      poor_d_water: '2',
      poor_d_employment: '1',
      poor_d_health_access: '',
      poor_d_waste: '',
      af_h: '0.250000',
      // Intensity: (3/12 + 6/12) / 2 = 0.375; M0 = H × A.
      af_a: '0.375000',
      af_m0: '0.093750',
      review_year: '2024',
    });
    expect(columns.slice(0, 7)).toEqual(['level', 'province_code', 'province', 'district_code', 'district', 'commune_code', 'commune']);
    expect(columns).not.toContain('village');
  });

  it('counts unclassified households in the total but not in the Alkire-Foster base', () => {
    const a = place('Huyện Đông', 'Xã An');
    // Income unknown and three deprivations: poor or not, it cannot be said.
    const tally = fold([poor(a), nonPoor(a), household({ location: a, income: null, deprivedIn: ['water', 'latrine', 'telecom'] })], ['commune']);
    // One household in three may be poor: beyond the default 5 %, the poor count is not known.
    const strict = finishRates(tally);
    expect(strict.total.known.poor).toBe(false);
    expect(strict.total.af.h).toBeNull();
    // Income unknown but no deprivation: it cannot be poor, so the poor count stands.
    expect(finishRates(fold([poor(a), nonPoor(a), household({ location: a, income: null })], ['commune'])).total.known.poor).toBe(true);
    const result = finishRates(tally, undefined, { named: null, maxPoorShare: 0.6, maxUnclassified: 0.5 });
    expect(result.total.tally.unclassified).toBe(1);
    expect(result.total.households).toBe(3);
    expect(result.total.af.h).toBe(0.5);
  });

  it('takes a roll with more than 60 % poor and near-poor households for a list, and leaves its rates unknown', () => {
    const a = place('Huyện Đông', 'Xã An');
    const list = finishRates(fold([poor(a), nearPoor(a)], ['commune']));
    expect(list.list).toBe('100.0 % of its households are poor or near-poor, more than any real commune (--max-poor-share 60 %)');
    expect(list.total.households).toBeNull();
    expect(list.total.af.h).toBeNull();
    const columns = ratesColumns(list.levels);
    const row = ratesRow(list.areas[0]!, columns, 2024);
    const at = (column: string) => row[columns.indexOf(column)];
    expect([at('households'), at('poor'), at('poor_rate'), at('near_poor'), at('near_poor_rate'), at('af_h'), at('listed_households')]).toEqual([
      '',
      '1',
      '',
      '1',
      '',
      '',
      '2',
    ]);
    // 3 of 5 is 60 %, not more: a real roll.
    const atLine = finishRates(fold([poor(a), poor(a), nearPoor(a), nonPoor(a), nonPoor(a)]));
    expect(atLine.list).toBeNull();
    expect(atLine.total.households).toBe(5);
    expect(finishRates(fold([poor(a), poor(a), nearPoor(a), nonPoor(a), nonPoor(a)]), undefined, { named: null, maxPoorShare: 0.5 }).list).toMatch(/^60\.0 % /);
  });

  it('takes a roll for a list when its title says so, whatever its shares', () => {
    const a = place('Huyện Đông', 'Xã An');
    const result = finishRates(fold([poor(a), nonPoor(a), nonPoor(a)]), undefined, {
      named: '"ds.xlsx" is titled as a list of poor households',
      maxPoorShare: 0.6,
    });
    expect(result.list).toBe('"ds.xlsx" is titled as a list of poor households');
    expect(result.total.households).toBeNull();
  });

  it('drops levels that no household names (districts after the 2025 reform)', () => {
    const noDistrict = { ...place('', 'Xã An'), district: '' };
    const result = dropEmptyLevels(finishRates(fold([poor(noDistrict)], ['province', 'district', 'commune'])));
    expect(result.levels).toEqual(['province', 'commune']);
    expect(result.areas.map((a) => a.tally.level)).toEqual(['province', 'commune']);
  });
});

describe('--totals', () => {
  const a = place('Huyện Đông', 'Xã An');
  const b = place('Huyện Đông', 'Xã Bình');
  const totals = buildTotalsIndex([
    { location: { ...a, village: '' }, households: 40, persons: 160 },
    { location: { ...b, village: '' }, households: 60, persons: null },
  ]);

  it('uses the area totals as denominators and sums them for the areas above', () => {
    const result = finishRates(fold([poor(a), nearPoor(a), poor(b)], ['district', 'commune']), totals);
    const [district, communeA, communeB] = result.areas;
    expect(communeA).toMatchObject({ households: 40, persons: 160 });
    expect(communeB).toMatchObject({ households: 60, persons: null });
    expect(district).toMatchObject({ households: 100, persons: null });
    expect(result.total.households).toBe(100);
    const columns = ratesColumns(result.levels);
    expect(ratesRow(communeA!, columns, null)[columns.indexOf('poor_rate')]).toBe('2.50');
    expect(ratesRow(communeB!, columns, null)[columns.indexOf('poor_persons_rate')]).toBe('');
    // Three households, all poor or near-poor: a list, whose average and non-poor households are not known.
    expect(result.list).toMatch(/^100\.0 % of its households/);
    expect(result.total.known).toEqual({ poor: true, nearPoor: true, others: false, unclassified: false, allHouseholds: false, persons: true });
    expect(ratesRow(communeA!, columns, null)[columns.indexOf('average')]).toBe('');
  });

  it('refuses an area without a total, or with fewer households than the roll lists', () => {
    const c = place('Huyện Tây', 'Xã Cát');
    expect(() => finishRates(fold([poor(c)], ['commune']), totals)).toThrow(MissingTotalError);
    const small = buildTotalsIndex([{ location: { ...a, village: '' }, households: 1, persons: null }]);
    expect(() => finishRates(fold([poor(a), poor(a)], ['commune']), small)).toThrow('the total gives 1 households but the roll lists 2');
  });
});

describe('properties', () => {
  const arbitraryRoll = fc.array(
    fc.record({
      district: fc.constantFrom('Huyện Đông', 'Huyện Tây'),
      commune: fc.constantFrom('Xã An', 'Xã Bình', 'Xã Hòa Bình'),
      income: fc.option(fc.integer({ min: 0, max: 4_000_000 }), { freq: 10 }),
      members: fc.integer({ min: 1, max: 9 }),
      deprivedIn: fc.subarray([...INDICATOR_CODES]),
    }),
    { maxLength: 60 },
  );

  it('rates stay within 0–100 and the areas of each level add up to the total', () => {
    fc.assert(
      fc.property(arbitraryRoll, (rows) => {
        const households = rows.map((r) =>
          household({ location: place(r.district, r.commune), income: r.income, members: r.members, deprivedIn: r.deprivedIn }),
        );
        const result = finishRates(fold(households));
        const columns = ratesColumns(result.levels);
        for (const area of [...result.areas, result.total]) {
          const row = ratesRow(area, columns, null);
          for (const column of ['poor_rate', 'near_poor_rate', 'multidim_rate', 'poor_persons_rate']) {
            const text = row[columns.indexOf(column)]!;
            if (text !== '') expect(Number(text)).toBeGreaterThanOrEqual(0);
            if (text !== '') expect(Number(text)).toBeLessThanOrEqual(100);
          }
          if (area.af.h !== null) expect(area.af.m0!).toBeLessThanOrEqual(area.af.h + 1e-12);
        }
        for (const level of result.levels) {
          const areas = result.areas.filter((a) => a.tally.level === level);
          for (const key of ['households', 'persons', 'poor', 'nearPoor', 'average', 'nonPoor', 'unclassified', 'poorPersons'] as const) {
            expect(areas.reduce((sum, a) => sum + a.tally[key], 0)).toBe(result.total.tally[key]);
          }
        }
      }),
    );
  });

  it('af_h × 100 equals the poor rate when no household is unclassified', () => {
    fc.assert(
      fc.property(arbitraryRoll, (rows) => {
        const households = rows.map((r) =>
          household({ location: place(r.district, r.commune), income: r.income ?? 0, members: r.members, deprivedIn: r.deprivedIn }),
        );
        const result = finishRates(fold(households, ['commune']));
        const columns = ratesColumns(result.levels);
        for (const area of [...result.areas, result.total]) {
          const row = ratesRow(area, columns, null);
          const h = row[columns.indexOf('af_h')]!;
          if (h !== '') expect((Number(h) * 100).toFixed(2)).toBe(row[columns.indexOf('poor_rate')]);
        }
      }),
    );
  });
});
