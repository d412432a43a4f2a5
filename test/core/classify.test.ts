import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classify, deprivedCodes } from '../../src/core/classify.js';
import type { HouseholdClass } from '../../src/core/household.js';
import type { IndicatorCode } from '../../src/core/indicators.js';
import { household, standardFile } from '../support/households.js';

const nd07 = standardFile('nd07-2021');
const qd59 = standardFile('qd59-2015');
const nd351 = standardFile('nd351-2025');
const ND07_CODES = nd07.indicators.map((i) => i.code);
const three: IndicatorCode[] = ['water', 'latrine', 'telecom'];
const two: IndicatorCode[] = ['water', 'latrine'];

describe('nd07-2021 (Decree 07/2021 Art. 3)', () => {
  it.each([
    ['rural', 1_500_000, three, 'poor'],
    ['rural', 1_500_000, two, 'near_poor'],
    ['rural', 1_500_001, three, 'average'],
    ['rural', 2_250_000, [], 'average'],
    ['rural', 2_250_001, three, 'non_poor'],
    ['urban', 2_000_000, three, 'poor'],
    ['urban', 2_000_000, [], 'near_poor'],
    ['urban', 2_000_001, three, 'average'],
    ['urban', 3_000_000, [], 'average'],
    ['urban', 3_000_001, [], 'non_poor'],
    ['rural', 0, [], 'near_poor'],
  ] as const)('%s income %d with %j deprivations is %s (a farm household)', (area, income, deprivedIn, expected) => {
    const result = classify(household({ area, income, deprivedIn: [...deprivedIn], farm: true }), nd07);
    expect(result.class).toBe(expected);
    expect(result.basis).toBe('income');
    expect(result.povertyLine).toBe(area === 'rural' ? 1_500_000 : 2_000_000);
  });

  it('has no income-only route: very low income with 2 deprivations is near-poor ("and", not "or")', () => {
    expect(classify(household({ income: 100_000, deprivedIn: two }), nd07).class).toBe('near_poor');
  });

  it('counts only the standard’s own indicators and lists them in legal order', () => {
    const result = classify(household({ income: 1_000_000, deprivedIn: ['telecom', 'employment', 'waste', 'health_access'] }), nd07);
    expect(result.deprivationCount).toBe(2);
    expect(deprivedCodes(result)).toEqual(['employment', 'telecom']);
    expect(result.class).toBe('near_poor');
  });
});

describe('qd59-2015 (Decision 59/2015)', () => {
  it.each([
    ['rural', 700_000, [], 'poor'],
    ['rural', 700_001, three, 'poor'],
    ['rural', 700_001, two, 'near_poor'],
    ['rural', 1_000_000, three, 'poor'],
    ['rural', 1_000_001, three, 'average'],
    ['rural', 1_500_000, [], 'average'],
    ['rural', 1_500_001, [], 'non_poor'],
    ['urban', 900_000, [], 'poor'],
    ['urban', 1_300_000, two, 'near_poor'],
    ['urban', 1_950_001, [], 'non_poor'],
  ] as const)('%s income %d with %j deprivations is %s (a farm household)', (area, income, deprivedIn, expected) => {
    expect(classify(household({ area, income, reviewYear: 2019, deprivedIn: [...deprivedIn], farm: true }), qd59).class).toBe(expected);
  });

  it('gives a household of the average band that does not farm non-poor', () => {
    expect(classify(household({ income: 1_000_001, reviewYear: 2019, farm: false }), qd59).class).toBe('non_poor');
    expect(classify(household({ area: 'urban', income: 1_950_000, reviewYear: 2019, farm: false }), qd59).class).toBe('non_poor');
  });
});

describe('nd351-2025 (Decree 351/2025)', () => {
  it.each([
    ['rural', 2_200_000, three, 'poor'],
    ['rural', 2_200_000, two, 'near_poor'],
    ['rural', 2_200_001, three, 'non_poor'],
    ['urban', 2_800_000, three, 'poor'],
    ['urban', 2_800_001, [], 'non_poor'],
  ] as const)('%s income %d with %j deprivations is %s (no average band is defined)', (area, income, deprivedIn, expected) => {
    expect(classify(household({ area, income, reviewYear: 2027, deprivedIn: [...deprivedIn] }), nd351).class).toBe(expected);
  });

  it('counts waste, which replaces information', () => {
    const result = classify(household({ income: 2_000_000, deprivedIn: ['information', 'waste', 'water'] }), nd351);
    expect(result.deprivationCount).toBe(2);
    expect(result.class).toBe('near_poor');
  });
});

describe('missing data', () => {
  it('decides the class when the unknown part cannot change it', () => {
    const result = classify(household({ income: 5_000_000, assessedAll: [] }), nd07);
    expect(result.class).toBe('non_poor');
    expect(result.deprivationCount).toBeNull();
  });

  it('is poor with unknown indicators once three are known deprived', () => {
    expect(classify(household({ income: 1_000_000, deprivedIn: three, assessedAll: three }), nd07).class).toBe('poor');
  });

  it('is unclassified, with the reason, when an unknown indicator could decide', () => {
    const result = classify(household({ income: 1_000_000, deprivedIn: two, assessedAll: ND07_CODES.filter((c) => c !== 'telecom') }), nd07);
    expect(result.class).toBe('unclassified');
    expect(result.basis).toBeNull();
    expect(result.reason).toBe('1 of 12 indicators unknown');
  });

  it('is unclassified, never non-poor, without income or score', () => {
    const result = classify(household({ income: null }), nd07);
    expect(result.class).toBe('unclassified');
    expect(result.reason).toBe('income and score B1 unknown');
  });

  it('is unclassified without the area, which picks the line', () => {
    const result = classify(household({ area: null }), nd07);
    expect(result).toMatchObject({ class: 'unclassified', reason: 'area (rural or urban) unknown', povertyLine: null });
  });
});

describe('review scores (Circular 07/2021)', () => {
  it('classifies by B1 and B2 where the roll has no income', () => {
    const poor = classify(household({ income: null, scoreB1: 140, scoreB2: 30, assessedAll: [] }), nd07);
    expect(poor).toMatchObject({ class: 'poor', basis: 'score', deprivationCount: 3 });
    const nearPoor = classify(household({ income: null, scoreB1: 175, scoreB2: 20, area: 'urban', assessedAll: [] }), nd07);
    expect(nearPoor).toMatchObject({ class: 'near_poor', basis: 'score', deprivationCount: 2 });
  });

  it('cannot tell average from non-poor above the B1 cut-off', () => {
    const result = classify(household({ income: null, scoreB1: 141, scoreB2: 0, assessedAll: [] }), nd07);
    expect(result.class).toBe('unclassified');
    expect(result.reason).toContain('score B1 cannot tell the line "average"');
  });

  it('lets income win over the score', () => {
    expect(classify(household({ income: 2_000_000, scoreB1: 100, scoreB2: 50, farm: true }), nd07)).toMatchObject({ class: 'average', basis: 'income' });
  });

  it('has no score route in a standard without cut-offs', () => {
    expect(classify(household({ income: null, scoreB1: 100, reviewYear: 2027 }), nd351).class).toBe('unclassified');
  });
});

const RANK: Record<HouseholdClass, number> = { poor: 0, near_poor: 1, average: 2, non_poor: 3 };
const standards = [nd07, qd59, nd351];
const arbitraryHousehold = fc.record({
  standard: fc.constantFrom(...standards),
  area: fc.constantFrom('rural' as const, 'urban' as const),
  income: fc.integer({ min: 0, max: 5_000_000 }),
  deprivedIn: fc.subarray(ND07_CODES.concat(['health_access', 'waste'] as IndicatorCode[])),
  farm: fc.boolean(),
});

describe('properties', () => {
  it('income exactly at the poverty line is poor or near-poor; one đồng above is neither', () => {
    fc.assert(
      fc.property(arbitraryHousehold, ({ standard, area, deprivedIn }) => {
        const line = standard.lines.poverty!.values[area];
        const at = classify(household({ area, income: line, deprivedIn }), standard).class;
        const above = classify(household({ area, income: line + 1, deprivedIn }), standard).class;
        expect(['poor', 'near_poor']).toContain(at);
        if (standard.id === 'qd59-2015') expect(at).toBe('poor');
        else expect(['poor', 'near_poor']).not.toContain(above);
      }),
    );
  });

  it('at or below the line, 3 deprivations make a household poor and 2 near-poor', () => {
    fc.assert(
      fc.property(fc.constantFrom(nd07, nd351), fc.constantFrom('rural' as const, 'urban' as const), fc.nat(), (standard, area, seed) => {
        const line = standard.lines.poverty!.values[area];
        const income = seed % (line + 1);
        const codes = standard.indicators.map((i) => i.code);
        const start = seed % (codes.length - 2);
        const atCutoff = codes.slice(start, start + 3);
        expect(classify(household({ area, income, deprivedIn: atCutoff }), standard).class).toBe('poor');
        expect(classify(household({ area, income, deprivedIn: atCutoff.slice(1) }), standard).class).toBe('near_poor');
      }),
    );
  });

  it('a household never gets a better class when its income falls or a deprivation is added', () => {
    fc.assert(
      fc.property(arbitraryHousehold, fc.integer({ min: 0, max: 2_000_000 }), fc.constantFrom(...ND07_CODES), (h, fall, extra) => {
        const before = classify(household(h), h.standard).class as HouseholdClass;
        const poorer = classify(household({ ...h, income: Math.max(0, h.income - fall) }), h.standard).class as HouseholdClass;
        const deprived = classify(household({ ...h, deprivedIn: [...h.deprivedIn, extra] }), h.standard).class as HouseholdClass;
        expect(RANK[poorer]).toBeLessThanOrEqual(RANK[before]);
        expect(RANK[deprived]).toBeLessThanOrEqual(RANK[before]);
      }),
    );
  });

  it('deprivation counts are exact integers', () => {
    fc.assert(
      fc.property(arbitraryHousehold, (h) => {
        const result = classify(household(h), h.standard);
        const expected = h.standard.indicators.filter((i) => h.deprivedIn.includes(i.code)).length;
        expect(result.deprivationCount).toBe(expected);
        expect(Number.isInteger(result.deprivationCount)).toBe(true);
      }),
    );
  });
});
