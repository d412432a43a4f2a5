/**
 * Counts per area straight from a raw canonical roll, read with csv-parse
 * and classified by the independent reading of the law (reference.ts): the
 * numbers two povroll commands are checked against, so that agreeing with
 * each other is not all they have to do. No code from src/.
 */
import { readFileSync } from 'node:fs';
import { referenceClass, referenceFarm, referenceIndicators, type RefResult } from './reference.js';
import type { RefHousehold } from './reference-flows.js';
import { records } from './run-cli.js';

export interface RefArea {
  households: number;
  persons: number;
  poor: number;
  nearPoor: number;
  average: number;
  unclassified: number;
  poorPersons: number;
  nearPoorPersons: number;
  /** Poor and near-poor households deprived in each indicator. */
  poorDeprived: Record<string, number>;
  nearPoorDeprived: Record<string, number>;
}

export interface RefRow {
  row: Record<string, string>;
  class: RefResult;
}

/** Every household of a canonical roll with its reference class (unclassified without an income). */
export function referenceRows(roll: string): RefRow[] {
  return records(readFileSync(roll, 'utf8')).map((r) => {
    const year = Number(r.review_year);
    const deprived = referenceIndicators(year).filter((code) => r[`d_${code}`] === '1').length;
    const klass =
      r.income_per_capita === ''
        ? 'unclassified'
        : referenceClass(year, r.area as 'rural' | 'urban', Number(r.income_per_capita), deprived, referenceFarm(r.farm_household, r.recorded_class));
    return { row: r, class: klass };
  });
}

/** Area key of a household or an output row: "total", "district:CODE" or "commune:CODE". */
export function areaKey(level: string, r: Record<string, string | undefined>): string {
  if (level === 'total') return 'total';
  return level === 'district' ? `district:${r.district_code}` : `commune:${r.commune_code}`;
}

/** Counts for the total, every district and every commune of a canonical roll. */
export function referenceAreas(roll: string): Map<string, RefArea> {
  const areas = new Map<string, RefArea>();
  for (const { row: r, class: klass } of referenceRows(roll)) {
    const members = Number(r.members);
    const deprived = referenceIndicators(Number(r.review_year)).filter((code) => r[`d_${code}`] === '1');
    for (const key of ['total', areaKey('district', r), areaKey('commune', r)]) {
      const a = areas.get(key) ?? {
        households: 0,
        persons: 0,
        poor: 0,
        nearPoor: 0,
        average: 0,
        unclassified: 0,
        poorPersons: 0,
        nearPoorPersons: 0,
        poorDeprived: {},
        nearPoorDeprived: {},
      };
      a.households += 1;
      a.persons += members;
      if (klass === 'poor') {
        a.poor += 1;
        a.poorPersons += members;
        for (const code of deprived) a.poorDeprived[code] = (a.poorDeprived[code] ?? 0) + 1;
      } else if (klass === 'near_poor') {
        a.nearPoor += 1;
        a.nearPoorPersons += members;
        for (const code of deprived) a.nearPoorDeprived[code] = (a.nearPoorDeprived[code] ?? 0) + 1;
      } else if (klass === 'average') a.average += 1;
      else if (klass === 'unclassified') a.unclassified += 1;
      areas.set(key, a);
    }
  }
  return areas;
}

/** The households of a roll for reference-flows.ts, placed in their area at `level`. */
export function referenceHouseholds(roll: string, level: 'district' | 'commune' | 'total'): (RefHousehold & { members: number })[] {
  return referenceRows(roll).map(({ row: r, class: klass }) => ({ id: r.household_id!, area: areaKey(level, r), class: klass, members: Number(r.members) }));
}

/**
 * (a/A − b/B) × 100 to two decimals, exactly: the magnitude rounded half up
 * in BigInt and the sign put back, "0.00" for no change.
 */
export function referenceChange(a: number, total: number, b: number, totalBefore: number): string {
  const numerator = (BigInt(a) * BigInt(totalBefore) - BigInt(b) * BigInt(total)) * 10_000n;
  const denominator = BigInt(total) * BigInt(totalBefore);
  const magnitude = (2n * (numerator < 0n ? -numerator : numerator) + denominator) / (2n * denominator);
  const text = `${magnitude / 100n}.${String(magnitude % 100n).padStart(2, '0')}`;
  return numerator < 0n && magnitude !== 0n ? `-${text}` : text;
}
