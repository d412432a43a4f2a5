import { type Level, areaKey, columnsThrough, compareLocations, describeArea, locationValue } from '../areas.js';
import type { Area, Location } from '../household.js';
import { type Fraction, decimalFraction, formatFraction, formatPercent } from '../numbers.js';
import { type AreaRates, type ListEvidence, PlaceTallies, type RatesResult, emptyRates, finishRates } from '../rates.js';
import { type AreaFlows, FLOW_COLUMNS, type Flows, type Matches, brokenIdentity, computeFlows, emptyFlows, matchHouseholds } from './flows.js';
import { POOR, type PlaceTable, type RollStore } from './roll-store.js';
import { type TargetSet, reductionTargetFor } from './targets.js';

/** How a comparison of review years is computed and laid out (what `compareRolls` takes; the command's own options are CompareCommandOptions). */
export interface ComparisonOptions {
  levels: Level[];
  /** Years to divide a change by, instead of the review years' difference. */
  years?: number;
  allowStandardChange: boolean;
  targets?: TargetSet;
  /** With three or more rolls, add the first against the last. */
  span?: boolean;
  /** What says a year's roll lists only some households (then its rates are unknown). */
  listEvidence?: (year: number) => ListEvidence;
}

/** The columns of `povroll compare`: the contract's, then our own. */
export function compareColumns(levels: readonly Level[], targets?: TargetSet): string[] {
  const deepest = levels[levels.length - 1] ?? 'province';
  return [
    'level',
    ...columnsThrough(deepest),
    'from_year',
    'to_year',
    'poor_rate_before',
    'poor_rate_after',
    'poor_rate_change_pp',
    'near_poor_rate_before',
    'near_poor_rate_after',
    'near_poor_rate_change_pp',
    ...FLOW_COLUMNS.filter((c) => !c.endsWith('_missing_after')),
    'poor_reduction_pp_per_year',
    'years',
    'households_before',
    'households_after',
    'poor_rate_change_pct',
    'near_poor_reduction_pp_per_year',
    'poor_persons_rate_before',
    'poor_persons_rate_after',
    'poor_persons_rate_change_pp',
    'poor_missing_after',
    'near_poor_missing_after',
    'standard_before',
    'standard_after',
    'standard_changed',
    'reduction_rank',
    'reduction_quintile',
    'period',
    ...PERSON_FLOW_COLUMNS,
    ...(targets ? targetColumns(targets) : []),
  ];
}

/** The contract's flows again, in persons. */
const PERSON_FLOW_COLUMNS = FLOW_COLUMNS.filter((c) => !c.endsWith('_missing_after')).map((c) => `${c}_persons`);

function targetColumns(targets: TargetSet): string[] {
  const columns = targets.reduction.length > 0 ? ['target_poor_reduction_pp_per_year', 'poor_reduction_target_met'] : [];
  for (const target of targets.indicators) {
    columns.push(`target_poor_not_deprived_${target.id}_pct`, `poor_not_deprived_${target.id}_pct`, `poor_not_deprived_${target.id}_met`);
  }
  return columns;
}

/** One area of one pair of rolls. */
export interface ChangeRow {
  level: Level | 'total';
  location: Location;
  fromYear: number;
  toYear: number;
  /** A pair of successive rolls, or the whole span from the first to the last (--span). */
  period: 'step' | 'span';
  before: AreaRates | null;
  after: AreaRates | null;
  /** Null when households of the area have no code: their flows cannot be known. */
  flows: Flows | null;
  /** The same flows counted in persons (members), for the second row of forms 2 and 3. */
  persons: Flows | null;
  /** Reduction of the poor rate in points a year, unrounded; null when it cannot be said. */
  reduction: number | null;
  rank: number | null;
  quintile: number | null;
  values: Record<string, string>;
}

/** How unevenly one level's areas reduced poverty between two rolls. */
export interface Unevenness {
  fromYear: number;
  toYear: number;
  level: Level;
  areas: number;
  /** Mean reduction (points a year) of the best and the worst fifth of areas, and their difference, unrounded. */
  bestFifth: number;
  worstFifth: number;
  spread: number;
  /** The same as printed: 2 decimals, half up on the exact means (not on the binary fractions above). */
  printed: { bestFifth: string; worstFifth: string; spread: string };
  /** Areas whose printed reduction is below their target (0 without targets). */
  belowTarget: number;
}

export interface Comparison {
  /** Each roll's rates, in year order. */
  rates: RatesResult[];
  rows: ChangeRow[];
  unevenness: Unevenness[];
  /** Pairs whose rolls were classified under different standards. */
  standardChanges: { fromYear: number; toYear: number; before: string; after: string }[];
  /** Pairs whose later roll repeats the earlier household for household: the same roll under another year? */
  identical: { fromYear: number; toYear: number }[];
}

export class IdentityError extends Error {}

/** Rates at the given levels of a year's households tallied by place. */
function ratesOfPlaces(byPlace: PlaceTallies, levels: readonly Level[], evidence?: ListEvidence): RatesResult {
  const state = emptyRates(levels);
  byPlace.foldInto(state);
  return finishRates(state, undefined, evidence);
}

function talliesOfStore(store: RollStore, places: PlaceTable): PlaceTallies {
  const byPlace = new PlaceTallies();
  // One household and one outcome object, refilled: tallies copy what they need.
  const household = { members: null as number | null, assessed: 0 };
  const outcome = store.outcomeOf(0);
  for (let i = 0; i < store.size; i += 1) {
    const place = store.place[i]!;
    household.members = store.membersOf(i);
    household.assessed = store.assessed[i]!;
    store.fillOutcome(i, outcome);
    byPlace.add(place, places.places[place]!, household, outcome);
  }
  return byPlace;
}

/**
 * What comparing needs of each review year and of each pair of years
 * (positions in `years`): held in memory as RollStores, or gathered in
 * DuckDB by the flow engine so that memory does not grow with households.
 */
export interface ComparedYears {
  /** The review years, oldest first. */
  readonly years: readonly number[];
  /** Year k's households tallied by place. */
  tallies(k: number): PlaceTallies;
  /** The standards year k was classified under, sorted and joined by ";". */
  standards(k: number): string;
  /** Flows from year k to year `last` at a level; a step counts re-entry against every year before k. */
  flows(k: number, last: number, period: 'step' | 'span', level: Level | 'total'): AreaFlows[];
  /** Whether year `last` repeats year k household for household (see `repeats`). */
  repeats(k: number, last: number): boolean;
  /** Per area, poor households of year k deprived in none of `mask`'s indicators (see `notDeprivedCounts`). */
  notDeprived(k: number, mask: number, levels: readonly Level[]): Map<string, number | null>;
  /** Households of year k with no area (rural or urban). */
  withoutArea(k: number): number;
  /** Households found in years k and `last` whose area (rural or urban) changed. */
  movedAreaType(k: number, last: number): number;
  /** The same years, each with the households of one area type only (the sections of the 2016–2021 forms). */
  ofAreaType(area: Area): ComparedYears;
}

/** The years of stored rolls, compared in memory. */
export function yearsInMemory(stores: readonly RollStore[], places: PlaceTable): ComparedYears {
  const matched = new Map<string, Matches>();
  const matches = (k: number, last: number) => {
    const key = `${k}-${last}`;
    let found = matched.get(key);
    if (found === undefined) matched.set(key, (found = matchHouseholds(stores[k]!, stores[last]!)));
    return found;
  };
  return {
    years: stores.map((store) => store.year),
    tallies: (k) => talliesOfStore(stores[k]!, places),
    standards: (k) => standardsOf(stores[k]!),
    flows: (k, last, period, level) =>
      computeFlows(stores[k]!, stores[last]!, matches(k, last), { earlier: period === 'span' ? [] : stores.slice(0, k) }, places, level),
    repeats: (k, last) => repeats(stores[k]!, stores[last]!, matches(k, last)),
    notDeprived: (k, mask, levels) => notDeprivedCounts(stores[k]!, places, mask, levels),
    withoutArea: (k) => countWithoutArea(stores[k]!),
    movedAreaType: (k, last) => movedAreaType(stores[k]!, stores[last]!),
    ofAreaType: (area) =>
      yearsInMemory(
        stores.map((store) => store.ofAreaType(area)),
        places,
      ),
  };
}

function countWithoutArea(store: RollStore): number {
  let count = 0;
  for (let at = 0; at < store.size; at += 1) if (store.areaType[at] === 0) count += 1;
  return count;
}

function movedAreaType(before: RollStore, after: RollStore): number {
  let moved = 0;
  for (let i = 0; i < before.size; i += 1) {
    const code = before.codes[i]!;
    const j = code === '' ? undefined : after.ids.get(code);
    if (j !== undefined && after.areaType[j] !== before.areaType[i]) moved += 1;
  }
  return moved;
}

/** Every pair of successive rolls (sorted by year), every area at every level and the total. */
export function compareRolls(stores: readonly RollStore[], places: PlaceTable, options: ComparisonOptions): Comparison {
  return compareYears(yearsInMemory(stores, places), options);
}

/** Every pair of successive review years, every area at every level and the total. */
export function compareYears(input: ComparedYears, options: ComparisonOptions): Comparison {
  const count = input.years.length;
  const rates = input.years.map((year, k) => ratesOfPlaces(input.tallies(k), options.levels, options.listEvidence?.(year)));
  const comparison: Comparison = { rates, rows: [], unevenness: [], standardChanges: [], identical: [] };
  // Successive pairs; with `span`, also the first roll against the last (no earlier roll for re-entry).
  const pairs: [number, number, 'step' | 'span'][] = input.years.slice(1).map((_, k) => [k, k + 1, 'step']);
  if (options.span && count > 2) pairs.push([0, count - 1, 'span']);
  for (const [k, last, period] of pairs) {
    const before = { year: input.years[k]! };
    const after = { year: input.years[last]! };
    const standardBefore = input.standards(k);
    const standardAfter = input.standards(last);
    const changed = standardBefore !== standardAfter;
    if (changed) comparison.standardChanges.push({ fromYear: before.year, toYear: after.year, before: standardBefore, after: standardAfter });
    if (period === 'step' && input.repeats(k, last)) comparison.identical.push({ fromYear: before.year, toYear: after.year });
    const years = options.years ?? after.year - before.year;
    const notDeprived = options.targets?.indicators.map((target) => ({ target, counts: input.notDeprived(last, target.mask, options.levels) })) ?? [];
    for (const level of [...options.levels, 'total'] as const) {
      const keyOf = (f: { location: Location }) => areaKey(f.location, level === 'total' ? 'province' : level);
      const flows = new Map(input.flows(k, last, period, level).map((f) => [keyOf(f), f]));
      const beforeAreas = areasAt(rates[k]!, level);
      const afterAreas = areasAt(rates[last]!, level);
      const keys = new Set([...beforeAreas.keys(), ...afterAreas.keys(), ...flows.keys()]);
      const rows: ChangeRow[] = [];
      for (const key of keys) {
        const b = beforeAreas.get(key) ?? null;
        const a = afterAreas.get(key) ?? null;
        const location = (a ?? b)?.tally.location ?? flows.get(key)!.location;
        const found = flows.get(key);
        const known = found?.known ?? true;
        const areaFlows = known ? (found?.flows ?? emptyFlows()) : null;
        const persons = known && (found?.personsKnown ?? true) ? (found?.persons ?? emptyFlows()) : null;
        const broken = areaFlows === null || persons === null ? null : (brokenIdentity(areaFlows) ?? brokenIdentity(persons));
        if (broken !== null) throw new IdentityError(`${describeArea(location, level)}, ${before.year}→${after.year}: ${broken}`);
        const reduction = reductionPerYear(b, a, years, changed && !options.allowStandardChange);
        rows.push({
          level,
          location,
          fromYear: before.year,
          toYear: after.year,
          period,
          before: b,
          after: a,
          flows: areaFlows,
          persons,
          reduction,
          rank: null,
          quintile: null,
          values: {},
        });
      }
      rows.sort((x, y) => compareLocations(x.location, y.location));
      const unevenness = level === 'total' ? null : rank(rows, level, years, changed && !options.allowStandardChange);
      for (const row of rows) {
        row.values = rowValues(
          row,
          years,
          { before: standardBefore, after: standardAfter, changed, hide: changed && !options.allowStandardChange },
          options.targets,
          notDeprived,
          level,
        );
      }
      if (unevenness !== null) {
        unevenness.belowTarget = rows.filter((row) => row.values['poor_reduction_target_met'] === '0').length;
        comparison.unevenness.push(unevenness);
      }
      comparison.rows.push(...rows);
    }
  }
  return comparison;
}

/**
 * A later roll that gives every household of the earlier one, and only
 * those, with the same class, members and deprivations: no real review
 * leaves a commune unchanged to the last household, so it is most likely the
 * earlier roll sent again under the later year.
 */
function repeats(before: RollStore, after: RollStore, matches: Matches): boolean {
  if (before.size === 0 || before.size !== after.size) return false;
  for (let i = 0; i < before.size; i += 1) {
    const j = matches.after[i]!;
    if (j < 0) return false;
    if (
      before.klass[i] !== after.klass[j] ||
      before.members[i] !== after.members[j] ||
      before.deprived[i] !== after.deprived[j] ||
      before.place[i] !== after.place[j]
    )
      return false;
  }
  return true;
}

function standardsOf(store: RollStore): string {
  return [...new Set(store.standards.filter((s) => s !== ''))].sort().join(';');
}

function areasAt(rates: RatesResult, level: Level | 'total'): Map<string, AreaRates> {
  if (level === 'total') return new Map([[areaKey(rates.total.tally.location, 'province'), rates.total]]);
  return new Map(rates.areas.filter((a) => a.tally.level === level).map((a) => [areaKey(a.tally.location, level), a]));
}

/**
 * Whether a roll's rate of the class is known in an area: the area is in the
 * roll, its households are known, and so is its count of the class — as
 * `rates` judges it (a list leaves out other classes; more than
 * `--max-unclassified` of the area's households unclassified and possibly of
 * the class leave the count unknown).
 */
function rateKnown(area: AreaRates | null, kind: 'poor' | 'nearPoor'): area is AreaRates & { households: number } {
  return area !== null && area.households !== null && area.known[kind];
}

/**
 * The reduction of the poor rate in points a year as an exact fraction:
 * (b/B − a/A) × 100 ÷ years; null when either rate is unknown, a change of
 * standard hides it, or there are no years to divide by.
 */
function reductionFraction(before: AreaRates | null, after: AreaRates | null, years: number, hidden: boolean): Fraction | null {
  if (hidden || years <= 0 || !rateKnown(before, 'poor') || !rateKnown(after, 'poor') || before.households === 0 || after.households === 0) return null;
  const B = BigInt(before.households);
  const A = BigInt(after.households);
  const y = decimalFraction(years);
  // (b·A − a·B) / (A·B) × 100 / (yn / yd)
  return { numerator: (BigInt(before.tally.poor) * A - BigInt(after.tally.poor) * B) * 100n * y.denominator, denominator: A * B * y.numerator };
}

function reductionPerYear(before: AreaRates | null, after: AreaRates | null, years: number, hidden: boolean): number | null {
  if (reductionFraction(before, after, years, hidden) === null) return null;
  return ((before!.tally.poor / before!.households! - after!.tally.poor / after!.households!) * 100) / years;
}

/** x − y, exactly (x > y: positive). */
function difference(x: Fraction, y: Fraction): Fraction {
  return { numerator: x.numerator * y.denominator - y.numerator * x.denominator, denominator: x.denominator * y.denominator };
}

/** The exact mean of fractions (0 for none). */
function meanOf(list: readonly Fraction[]): Fraction {
  if (list.length === 0) return { numerator: 0n, denominator: 1n };
  let sum: Fraction = { numerator: 0n, denominator: 1n };
  for (const f of list) sum = { numerator: sum.numerator * f.denominator + f.numerator * sum.denominator, denominator: sum.denominator * f.denominator };
  return { numerator: sum.numerator, denominator: sum.denominator * BigInt(list.length) };
}

/** Ranks a level's areas by reduction (1 = largest) and measures the spread between the best and worst fifth. */
function rank(rows: ChangeRow[], level: Level, years: number, hidden: boolean): Unevenness {
  const exact = new Map<ChangeRow, Fraction>();
  for (const row of rows) {
    const fraction = row.reduction === null ? null : reductionFraction(row.before, row.after, years, hidden);
    if (fraction !== null) exact.set(row, fraction);
  }
  const sign = (f: Fraction) => (f.numerator > 0n ? 1 : f.numerator < 0n ? -1 : 0);
  const ranked = [...exact.keys()].sort((x, y) => sign(difference(exact.get(y)!, exact.get(x)!)) || compareLocations(x.location, y.location));
  // The best and worst fifths are the areas the spread is measured on; the middle shares quintiles 2–4.
  const fifth = Math.max(1, Math.floor(ranked.length / 5));
  const middle = ranked.length - 2 * fifth;
  // Areas whose reductions print the same share a rank (1, 2, 2, 4): an official reads the printed figure.
  const printed = (row: ChangeRow) => {
    const f = exact.get(row)!;
    return formatFraction(f.numerator, f.denominator);
  };
  ranked.forEach((row, i) => {
    const previous = ranked[i - 1];
    row.rank = previous !== undefined && printed(previous) === printed(row) ? previous.rank : i + 1;
    row.quintile = i < fifth ? 1 : i >= ranked.length - fifth ? 5 : 2 + Math.floor(((i - fifth) * 3) / middle);
  });
  const mean = (list: ChangeRow[]) => (list.length === 0 ? 0 : list.reduce((sum, r) => sum + r.reduction!, 0) / list.length);
  const bestFifth = mean(ranked.slice(0, fifth));
  const worstFifth = mean(ranked.slice(-fifth));
  const best = meanOf(ranked.slice(0, fifth).map((r) => exact.get(r)!));
  const worst = meanOf(ranked.slice(-fifth).map((r) => exact.get(r)!));
  const spread = difference(best, worst);
  const shown = (f: Fraction) => formatFraction(f.numerator, f.denominator);
  return {
    fromYear: rows[0]?.fromYear ?? 0,
    toYear: rows[0]?.toYear ?? 0,
    level,
    areas: ranked.length,
    bestFifth,
    worstFifth,
    spread: bestFifth - worstFifth,
    printed: { bestFifth: shown(best), worstFifth: shown(worst), spread: shown(spread) },
    belowTarget: 0,
  };
}

/**
 * Per level, how many poor households of each area are deprived in none of
 * `mask`'s indicators — or null for an area where some poor household's
 * status in them is not known (a roll with only a deprivation count): a
 * household not known to be deprived is not known to be free of it.
 */
function notDeprivedCounts(store: RollStore, places: PlaceTable, mask: number, levels: readonly Level[]): Map<string, number | null> {
  const counts = new Map<string, number | null>();
  for (const level of [...levels, 'total'] as const) {
    const table = level === 'total' ? null : places.areas(level);
    const perArea = new Int32Array(table === null ? 1 : table.locations.length);
    const unknown = new Uint8Array(perArea.length);
    for (let i = 0; i < store.size; i += 1) {
      if (store.klass[i] !== POOR) continue;
      const area = table === null ? 0 : table.ids[store.place[i]!]!;
      if ((store.deprived[i]! & mask) !== 0) continue;
      if ((store.assessed[i]! & mask) !== mask) unknown[area] = 1;
      else perArea[area]! += 1;
    }
    perArea.forEach((count, area) => {
      const location = table === null ? null : table.locations[area]!;
      counts.set(`${level}\u0002${location === null ? '' : areaKey(location, level as Level)}`, unknown[area] ? null : count);
    });
  }
  return counts;
}

function rowValues(
  row: ChangeRow,
  years: number,
  standards: { before: string; after: string; changed: boolean; hide: boolean },
  targets: TargetSet | undefined,
  notDeprived: { target: TargetSet['indicators'][number]; counts: Map<string, number | null> }[],
  level: Level | 'total',
): Record<string, string> {
  const b = row.before;
  const a = row.after;
  const hide = standards.hide;
  // A rate is shown only where `rates` shows it: a count of the class the roll cannot give (a list of other
  // classes, too many unclassified households that may be of it) leaves its rate, and every change of it, empty.
  type Kind = 'poor' | 'nearPoor';
  const rate = (area: AreaRates | null, kind: Kind, count: (x: AreaRates) => number) =>
    area === null || !area.known[kind] ? '' : formatPercent(count(area), area.households);
  // Differences of fractions in integers: (a/A − b/B) × 100 = (a·B − b·A) / (A·B) × 100.
  const change = (kind: Kind, count: (x: AreaRates) => number, denominator: (x: AreaRates) => number | null, divisor = 1, sign = 1) => {
    if (hide || b === null || a === null || !b.known[kind] || !a.known[kind]) return '';
    const db = denominator(b);
    const da = denominator(a);
    if (db === null || da === null || db === 0 || da === 0 || divisor <= 0) return '';
    return formatPercent(sign * (count(a) * db - count(b) * da), da * db * divisor);
  };
  // Persons are null where a member count is missing (rates' `known.persons`).
  const personsRate = (area: AreaRates | null) => (area === null || !area.known.poor ? '' : formatPercent(area.tally.poorPersons, area.persons));
  const poor = (x: AreaRates) => x.tally.poor;
  const near = (x: AreaRates) => x.tally.nearPoor;
  const households = (x: AreaRates) => x.households;
  const persons = (x: AreaRates) => x.persons;
  const values: Record<string, string> = {
    level: row.level,
    from_year: String(row.fromYear),
    period: row.period,
    to_year: String(row.toYear),
    poor_rate_before: rate(b, 'poor', poor),
    poor_rate_after: rate(a, 'poor', poor),
    poor_rate_change_pp: change('poor', poor, households),
    near_poor_rate_before: rate(b, 'nearPoor', near),
    near_poor_rate_after: rate(a, 'nearPoor', near),
    near_poor_rate_change_pp: change('nearPoor', near, households),
    poor_reduction_pp_per_year: change('poor', poor, households, years, -1),
    years: String(years),
    households_before: b === null ? '0' : b.households === null ? '' : String(b.households),
    households_after: a === null ? '0' : a.households === null ? '' : String(a.households),
    poor_rate_change_pct:
      hide || !rateKnown(b, 'poor') || !rateKnown(a, 'poor') || b.tally.poor === 0
        ? ''
        : formatPercent(a.tally.poor * b.households - b.tally.poor * a.households, b.tally.poor * a.households),
    near_poor_reduction_pp_per_year: change('nearPoor', near, households, years, -1),
    poor_persons_rate_before: personsRate(b),
    poor_persons_rate_after: personsRate(a),
    poor_persons_rate_change_pp: change('poor', (x) => x.tally.poorPersons, persons),
    standard_before: standards.before,
    standard_after: standards.after,
    standard_changed: standards.changed ? '1' : '0',
    reduction_rank: row.rank === null ? '' : String(row.rank),
    reduction_quintile: row.quintile === null ? '' : String(row.quintile),
  };
  for (const column of FLOW_COLUMNS) {
    values[column] = row.flows === null ? '' : String(row.flows[column]);
    values[`${column}_persons`] = row.persons === null ? '' : String(row.persons[column]);
  }
  if (row.level !== 'total') for (const column of columnsThrough(row.level)) values[column] = locationValue(row.location, column);
  if (targets) {
    const target = targets.reduction.length > 0 ? reductionTargetFor(targets, row.location, level) : null;
    if (targets.reduction.length > 0) {
      values['target_poor_reduction_pp_per_year'] = target === null ? '' : String(target.minPointsPerYear);
      // Judged on the figure as printed (2 decimals), as the official reading it would.
      const shown = values['poor_reduction_pp_per_year']!;
      values['poor_reduction_target_met'] = target === null || shown === '' ? '' : Number(shown) >= target.minPointsPerYear ? '1' : '0';
    }
    for (const { target: indicator, counts } of notDeprived) {
      const key = `${level}\u0002${level === 'total' ? '' : areaKey(row.location, level)}`;
      const poorAfter = a?.tally.poor ?? 0;
      const count = counts.get(key);
      // A share of the poor households is unknown where their count is (too many unclassified may be poor).
      const share = a === null || !a.known.poor || poorAfter === 0 || count === null ? '' : formatPercent(count ?? 0, poorAfter);
      values[`target_poor_not_deprived_${indicator.id}_pct`] = String(indicator.minPercent);
      values[`poor_not_deprived_${indicator.id}_pct`] = share;
      values[`poor_not_deprived_${indicator.id}_met`] = share === '' ? '' : Number(share) >= indicator.minPercent ? '1' : '0';
    }
  }
  return values;
}

/**
 * Pairs of rolls on either side of the July 2025 reform (districts in the
 * earlier, none in the later): without a crosswalk their units do not
 * correspond, and every household would seem to have moved.
 */
export function acrossTheReform(stores: readonly RollStore[], places: PlaceTable): { fromYear: number; toYear: number }[] {
  const hasDistricts = (store: RollStore) => {
    for (let i = 0; i < store.size; i += 1) {
      const place = places.places[store.place[i]!]!;
      if (place.district !== '' || place.districtCode !== '') return true;
    }
    return false;
  };
  const pairs: { fromYear: number; toYear: number }[] = [];
  for (let k = 0; k + 1 < stores.length; k += 1) {
    if (hasDistricts(stores[k]!) && !hasDistricts(stores[k + 1]!)) pairs.push({ fromYear: stores[k]!.year, toYear: stores[k + 1]!.year });
  }
  return pairs;
}
