import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EMPTY_LOCATION } from '../../src/core/areas.js';
import { FLOW_COLUMNS, brokenIdentity, computeFlows, matchHouseholds } from '../../src/core/compare/flows.js';
import { PlaceTable, RollStore } from '../../src/core/compare/roll-store.js';
import type { ClassResult, Location, PriorStatus } from '../../src/core/household.js';
import { type RefClass, type RefHousehold, referenceFlows } from '../support/reference-flows.js';

const COMMUNES: Location[] = [
  { ...EMPTY_LOCATION, province: 'Tỉnh Thử', district: 'Huyện Một', commune: 'Xã An' },
  { ...EMPTY_LOCATION, province: 'Tỉnh Thử', district: 'Huyện Một', commune: 'Xã Bình' },
  { ...EMPTY_LOCATION, province: 'Tỉnh Thử', district: 'Huyện Hai', commune: 'Xã Cường' },
];

interface Drawn {
  id: string;
  commune: number;
  class: ClassResult;
  prior: PriorStatus | null;
  members?: number;
}

function store(year: number, households: Drawn[], places: PlaceTable): RollStore {
  const roll = new RollStore(year);
  households.forEach((h, row) => {
    const outcome = { class: h.class, deprivedMask: 0, knownDeprivations: 0, countKnown: true, possible: 15, indicatorMask: 0, indicatorCount: 0 };
    roll.add(
      { id: h.id, members: h.members ?? 3, priorStatus: h.prior, assessed: 0 },
      places.place(COMMUNES[h.commune]!),
      outcome,
      'nd07-2021',
      'roll.csv',
      row + 2,
    );
  });
  return roll;
}

const householdFields = {
  id: fc.oneof(
    fc.constant(''),
    fc.integer({ min: 1, max: 25 }).map((n) => `H${n}`),
  ),
  commune: fc.integer({ min: 0, max: 2 }),
  class: fc.constantFrom<ClassResult>('poor', 'near_poor', 'average', 'non_poor', 'unclassified'),
  prior: fc.constantFrom<PriorStatus | null>(null, 'continuing', 're_entered', 'new'),
};
/** Households with distinct codes (code-less ones may repeat). */
function distinct<T extends { id: string }>(list: T[]): T[] {
  const seen = new Set<string>();
  return list.filter((h) => h.id === '' || (!seen.has(h.id) && seen.add(h.id)));
}
const roll = fc.array(fc.record(householdFields), { maxLength: 30 }).map(distinct);

describe('computeFlows', () => {
  it('agrees with the contract’s definitions, household by household, at every level, over three rolls', () => {
    fc.assert(
      fc.property(fc.array(roll, { minLength: 2, maxLength: 4 }), (drawn) => {
        const places = new PlaceTable();
        const stores = drawn.map((households, k) => store(2021 + k, households, places));
        for (const level of ['district', 'commune', 'total'] as const) {
          const areaOf = (h: Drawn) => (level === 'total' ? '' : level === 'district' ? COMMUNES[h.commune]!.district : COMMUNES[h.commune]!.commune);
          const reference = drawn.map((households) =>
            households.map((h): RefHousehold => ({ id: h.id, area: areaOf(h), class: h.class as RefClass, prior: h.prior ?? '' })),
          );
          for (let k = 0; k + 1 < stores.length; k += 1) {
            const flows = computeFlows(stores[k]!, stores[k + 1]!, matchHouseholds(stores[k]!, stores[k + 1]!), { earlier: stores.slice(0, k) }, places, level);
            const expected = referenceFlows(reference, k);
            const got = new Map(flows.map((f) => [level === 'total' ? '' : level === 'district' ? f.location.district : f.location.commune, f.flows]));
            expect([...got.keys()].sort()).toEqual([...expected.keys()].sort());
            for (const [area, want] of expected) {
              for (const column of FLOW_COLUMNS) expect(got.get(area)![column], `${level} ${area} ${column}`).toBe(want[column] ?? 0);
              expect(brokenIdentity(got.get(area)!)).toBeNull();
            }
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('counts persons so that both identities hold and the ends are the rolls’ poor and near-poor persons, members changing or not', () => {
    const withMembers = fc.array(fc.record({ ...householdFields, members: fc.integer({ min: 1, max: 9 }) }), { maxLength: 30 }).map(distinct);
    fc.assert(
      fc.property(withMembers, withMembers, (a, b) => {
        const places = new PlaceTable();
        const [before, after] = [store(2023, a, places), store(2024, b, places)];
        for (const level of ['commune', 'total'] as const) {
          for (const { location, persons: flows } of computeFlows(before, after, matchHouseholds(before, after), { earlier: [] }, places, level)) {
            expect(brokenIdentity(flows)).toBeNull();
            const inArea = (h: Drawn) => level === 'total' || COMMUNES[h.commune]!.commune === location.commune;
            const persons = (list: Drawn[], klass: ClassResult) => list.filter((h) => h.class === klass && inArea(h)).reduce((n, h) => n + h.members!, 0);
            expect(flows.poor_start).toBe(persons(a, 'poor'));
            expect(flows.poor_end).toBe(persons(b, 'poor'));
            expect(flows.near_poor_start).toBe(persons(a, 'near_poor'));
            expect(flows.near_poor_end).toBe(persons(b, 'near_poor'));
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('counts a household that moved between communes as an other decrease in one and an other increase in the other', () => {
    const places = new PlaceTable();
    const before = store(2023, [{ id: 'M1', commune: 0, class: 'poor', prior: null }], places);
    const after = store(2024, [{ id: 'M1', commune: 1, class: 'poor', prior: null }], places);
    const communes = computeFlows(before, after, matchHouseholds(before, after), { earlier: [] }, places, 'commune');
    const byName = new Map(communes.map((f) => [f.location.commune, f.flows]));
    expect(byName.get('Xã An')).toMatchObject({ poor_start: 1, poor_other_decrease: 1, poor_end: 0, poor_missing_after: 0 });
    expect(byName.get('Xã Bình')).toMatchObject({ poor_start: 0, poor_other_increase: 1, poor_end: 1 });
    // Within the same district it is no move at all.
    const [district] = computeFlows(before, after, matchHouseholds(before, after), { earlier: [] }, places, 'district');
    expect(district!.flows).toMatchObject({ poor_start: 1, poor_other_decrease: 0, poor_other_increase: 0, poor_end: 1 });
  });

  it('tells re-entry from earlier rolls, and from the list’s own word when there is none', () => {
    const places = new PlaceTable();
    const y1 = store(
      2021,
      [
        { id: 'R1', commune: 0, class: 'poor', prior: null },
        { id: 'R2', commune: 0, class: 'average', prior: null },
      ],
      places,
    );
    const y2 = store(
      2022,
      [
        { id: 'R1', commune: 0, class: 'average', prior: null },
        { id: 'R2', commune: 0, class: 'average', prior: null },
      ],
      places,
    );
    const y3 = store(
      2023,
      [
        { id: 'R1', commune: 0, class: 'poor', prior: null },
        { id: 'R2', commune: 0, class: 'poor', prior: 're_entered' },
      ],
      places,
    );
    const [withHistory] = computeFlows(y2, y3, matchHouseholds(y2, y3), { earlier: [y1] }, places, 'total');
    expect(withHistory!.flows).toMatchObject({ poor_re_entered: 1, poor_new: 1 });
    const [fromList] = computeFlows(y2, y3, matchHouseholds(y2, y3), { earlier: [] }, places, 'total');
    expect(fromList!.flows).toMatchObject({ poor_re_entered: 1, poor_new: 1 });
  });

  it('refuses a household code twice in one review year, naming both rows', () => {
    const places = new PlaceTable();
    expect(() =>
      store(
        2024,
        [
          { id: 'D1', commune: 0, class: 'poor', prior: null },
          { id: 'D1', commune: 1, class: 'average', prior: null },
        ],
        places,
      ),
    ).toThrow('household code "D1" appears twice in review year 2024: roll.csv!2 and roll.csv!3');
  });
});
