import { type Level, type LocationColumn, columnsThrough, locationValue } from './areas.js';
import { INDICATOR_CODES } from './indicators.js';
import { formatPercent, formatProportion } from './numbers.js';
import { type AreaRates, deprivedKnown } from './rates.js';

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
  ];
}

/** One area as a row of `ratesColumns(levels)`: counts as integers, rates with 2 decimals, AF with 6; empty where not known. */
export function ratesRow(area: AreaRates, columns: readonly string[], reviewYear: number | null): string[] {
  const t = area.tally;
  const households = area.households;
  const persons = area.persons;
  const classified = households === null ? null : households - t.unclassified;
  const values: Record<string, string> = {
    level: t.level,
    households: households === null ? '' : String(households),
    persons: persons === null ? '' : String(persons),
    poor: String(t.poor),
    poor_rate: formatPercent(t.poor, households),
    near_poor: String(t.nearPoor),
    near_poor_rate: formatPercent(t.nearPoor, households),
    multidim: String(t.poor + t.nearPoor),
    multidim_rate: formatPercent(t.poor + t.nearPoor, households),
    average: String(t.average),
    unclassified: String(t.unclassified),
    poor_persons: String(t.poorPersons),
    poor_persons_rate: formatPercent(t.poorPersons, persons),
    near_poor_persons: String(t.nearPoorPersons),
    af_h: formatProportion(t.poor, classified),
    af_a: area.af.a === null ? '' : area.af.a.toFixed(6),
    af_m0: area.af.m0 === null ? '' : area.af.m0.toFixed(6),
    review_year: reviewYear === null ? '' : String(reviewYear),
    non_poor: String(t.nonPoor),
    average_rate: formatPercent(t.average, households),
    near_poor_persons_rate: formatPercent(t.nearPoorPersons, persons),
    listed_households: String(t.households),
    members_unknown: String(t.membersUnknown),
  };
  INDICATOR_CODES.forEach((code, index) => {
    // Unknown where a poor household's status in the indicator is not known: a count of the known ones would pass for the whole.
    values[`poor_d_${code}`] = t.indicatorMask & (1 << index) && deprivedKnown(t.poorUnassessed, index) ? String(t.poorDeprived[index]) : '';
  });
  return columns.map((column) =>
    column in values ? values[column]! : t.level === 'total' ? '' : locationValue(t.location, column as LocationColumn),
  );
}
