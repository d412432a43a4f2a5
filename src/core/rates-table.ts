import { type Level, type LocationColumn, columnsThrough, locationValue } from './areas.js';
import { INDICATOR_CODES } from './indicators.js';
import { formatPercent, formatProportion } from './numbers.js';
import { type AreaRates, type GroupTally, deprivationShareSum, deprivedKnown, groupsOf } from './rates.js';

/** The columns of `povroll rates` for the given levels: the contract's, then our own. */
export function ratesColumns(levels: readonly Level[]): string[] {
  const deepest = levels[levels.length - 1] ?? 'province';
  return [
    'level',
    ...columnsThrough(deepest),
    'households',
    'persons',
    'poor',
    'poor_rate',
    'near_poor',
    'near_poor_rate',
    'multidim',
    'multidim_rate',
    'average',
    'unclassified',
    'poor_persons',
    'poor_persons_rate',
    'near_poor_persons',
    ...INDICATOR_CODES.map((code) => `poor_d_${code}`),
    'af_h',
    'af_a',
    'af_m0',
    'review_year',
    'non_poor',
    'average_rate',
    'near_poor_persons_rate',
    'listed_households',
    'members_unknown',
    // Minority figures both ways, never to be confused: the share of the class's households that are of an
    // ethnic minority (… DTTS trong tổng số hộ nghèo), and the class's rate among minority households (… trong tổng số hộ DTTS).
    'minority_households',
    'poor_minority',
    'poor_minority_share_pct',
    'minority_poor_rate',
    'near_poor_minority',
    'near_poor_minority_share_pct',
    'minority_near_poor_rate',
  ];
}

/** One area as a row of `ratesColumns(levels)`: counts as integers, rates with 2 decimals, AF with 6; empty where not known. */
export function ratesRow(area: AreaRates, columns: readonly string[], reviewYear: number | null): string[] {
  const t = area.tally;
  const households = area.households;
  const persons = area.persons;
  const known = area.known;
  const classified = households === null ? null : households - t.unclassified;
  // Alkire-Foster A and M0 from the exact sum of shares, not from its binary fraction.
  const shares = deprivationShareSum(t);
  // A count the rolls cannot give (near-poor in a list of the poor) is empty, and so is its rate.
  const count = (n: number, isKnown: boolean) => (isKnown ? String(n) : '');
  const rate = (n: number, of: number | null, isKnown: boolean) => (isKnown ? formatPercent(n, of) : '');
  const values: Record<string, string> = {
    level: t.level,
    households: households === null ? '' : String(households),
    persons: persons === null ? '' : String(persons),
    poor: count(t.poor, known.poor),
    poor_rate: rate(t.poor, households, known.poor),
    near_poor: count(t.nearPoor, known.nearPoor),
    near_poor_rate: rate(t.nearPoor, households, known.nearPoor),
    multidim: count(t.poor + t.nearPoor, known.poor && known.nearPoor),
    multidim_rate: rate(t.poor + t.nearPoor, households, known.poor && known.nearPoor),
    average: count(t.average, known.others),
    unclassified: count(t.unclassified, known.unclassified),
    poor_persons: count(t.poorPersons, known.poor && known.persons),
    poor_persons_rate: rate(t.poorPersons, persons, known.poor && known.persons),
    near_poor_persons: count(t.nearPoorPersons, known.nearPoor && known.persons),
    af_h: known.poor && known.others ? formatProportion(t.poor, classified) : '',
    af_a: area.af.a === null ? '' : formatProportion(shares.numerator, shares.denominator * t.poor),
    af_m0: area.af.m0 === null || classified === null ? '' : formatProportion(shares.numerator, shares.denominator * classified),
    review_year: reviewYear === null ? '' : String(reviewYear),
    non_poor: count(t.nonPoor, known.others),
    average_rate: rate(t.average, households, known.others),
    near_poor_persons_rate: rate(t.nearPoorPersons, persons, known.nearPoor && known.persons),
    listed_households: String(t.households),
    members_unknown: String(t.membersUnknown),
  };
  // Minority counts are known only where every household counted has its ethnicity known: a count of
  // the known ones would pass for the whole. The area's own households only when the rolls cover them all.
  const all = groupsOf(t, 'all');
  const minorityHouseholds = known.allHouseholds && all.kinh + all.minority === t.households ? all.minority : null;
  const minorityOf = (groups: GroupTally, n: number, isKnown: boolean) => (isKnown && groups.kinh + groups.minority === n ? groups.minority : null);
  const minorityFigures = (prefix: 'poor' | 'near_poor', n: number, minority: number | null) => {
    values[`${prefix}_minority`] = minority === null ? '' : String(minority);
    // Of the class's households, the share of minority ones (Tỷ lệ hộ … DTTS trong tổng số hộ …).
    values[`${prefix}_minority_share_pct`] = minority === null ? '' : formatPercent(minority, n);
    // Of the minority households, the share in the class (Tỷ lệ hộ … trong tổng số hộ DTTS).
    values[`minority_${prefix}_rate`] = minority === null || minorityHouseholds === null ? '' : formatPercent(minority, minorityHouseholds);
  };
  values.minority_households = minorityHouseholds === null ? '' : String(minorityHouseholds);
  minorityFigures('poor', t.poor, minorityOf(groupsOf(t, 'poorGroups'), t.poor, known.poor));
  minorityFigures('near_poor', t.nearPoor, minorityOf(groupsOf(t, 'nearPoorGroups'), t.nearPoor, known.nearPoor));
  INDICATOR_CODES.forEach((code, index) => {
    // Unknown where a poor household's status in the indicator is not known: a count of the known ones would pass for the whole.
    values[`poor_d_${code}`] = known.poor && t.indicatorMask & (1 << index) && deprivedKnown(t.poorUnassessed, index) ? String(t.poorDeprived[index]) : '';
  });
  return columns.map((column) => (column in values ? values[column]! : t.level === 'total' ? '' : locationValue(t.location, column as LocationColumn)));
}
