import { type Level, EMPTY_LOCATION } from '../areas.js';
import type { Location } from '../household.js';
import { NEAR_POOR, POOR, type PlaceTable, type RollStore, UNCLASSIFIED } from './roll-store.js';

/**
 * The flows of compare (docs/outputs.md), poor set then the near-poor columns
 * it does not share, then our own: households of each class missing from the
 * later roll altogether (in lists of poor and near-poor households only,
 * those missing without an exit record).
 */
export const FLOW_COLUMNS = [
  'poor_start',
  'poor_to_near_poor',
  'poor_escaped',
  'poor_other_decrease',
  'near_poor_to_poor',
  'poor_re_entered',
  'poor_new',
  'poor_other_increase',
  'poor_end',
  'near_poor_start',
  'near_poor_escaped',
  'near_poor_other_decrease',
  'near_poor_re_entered',
  'near_poor_new',
  'near_poor_other_increase',
  'near_poor_end',
  'poor_missing_after',
  'near_poor_missing_after',
] as const;
export type FlowColumn = (typeof FLOW_COLUMNS)[number];
const F = Object.fromEntries(FLOW_COLUMNS.map((name, i) => [name, i])) as Record<FlowColumn, number>;
const WIDTH = FLOW_COLUMNS.length;

export type Flows = Record<FlowColumn, number>;

/** Class of a household as flows see it: poor, near-poor, other (average or non-poor) or absent (also unclassified). */
const Side = { Poor: 0, NearPoor: 1, Other: 2, Absent: 3 } as const;
type Side = (typeof Side)[keyof typeof Side];

function side(store: RollStore, at: number): Side {
  if (at < 0) return Side.Absent;
  const klass = store.klass[at]!;
  return klass === POOR ? Side.Poor : klass === NEAR_POOR ? Side.NearPoor : klass === UNCLASSIFIED ? Side.Absent : Side.Other;
}

/** Households present in both rolls, by position: `after[i]` is the later position of earlier household i, or -1. */
export interface Matches {
  after: Int32Array;
  before: Int32Array;
}

export function matchHouseholds(before: RollStore, after: RollStore): Matches {
  const forward = new Int32Array(before.size).fill(-1);
  const backward = new Int32Array(after.size).fill(-1);
  for (let i = 0; i < before.size; i += 1) {
    const code = before.codes[i]!;
    if (code === '') continue;
    const j = after.ids.get(code);
    if (j === undefined) continue;
    forward[i] = j;
    backward[j] = i;
  }
  return { after: forward, before: backward };
}

/** Earlier rolls' word on a household: poor or near-poor in any roll before BEFORE, or the later roll's prior_status when there is none. */
interface History {
  earlier: readonly RollStore[];
}

function wasEver(history: History, code: string, klass: number): boolean {
  if (code === '') return false;
  for (const store of history.earlier) {
    const at = store.ids.get(code);
    if (at !== undefined && store.klass[at] === klass) return true;
  }
  return false;
}

/**
 * Whether a household that was average or non-poor in BEFORE and is poor
 * (or near-poor) in AFTER re-entered: it was of that class in an earlier
 * roll; with no earlier roll, the later list's own "tái nghèo" decides.
 */
function reEntered(history: History, after: RollStore, j: number, klass: number): boolean {
  if (history.earlier.length > 0) return wasEver(history, after.codes[j]!, klass);
  return after.priorOf(j) === 're_entered';
}

export interface AreaFlows {
  location: Location;
  /** Households, and the same flows counted in persons (members). */
  flows: Flows;
  persons: Flows;
  /**
   * False when a household of the area, in either roll, has no code: it
   * cannot be matched, so where it came from or went is not known, and
   * neither are the area's flows.
   */
  known: boolean;
  /** False when a household of the area has no member count: its flows in persons are not known. */
  personsKnown: boolean;
}

/**
 * The flows of every area at `level` ('total': one area) between two rolls.
 * A household whose area at this level differs between the rolls moved: an
 * other decrease where it was and an other increase where it went. Decreases
 * are counted on the earlier roll's side, increases on the later one's, so
 * each household is counted once per area and the identity holds by
 * construction (and is checked again before writing).
 */
export function computeFlows(before: RollStore, after: RollStore, matches: Matches, history: History, places: PlaceTable, level: Level | 'total'): AreaFlows[] {
  const table = level === 'total' ? null : places.areas(level);
  const areaOf = (store: RollStore, at: number) => (table === null ? 0 : table.ids[store.place[at]!]!);
  const areaCount = table === null ? 1 : table.locations.length;
  const counts = new Int32Array(areaCount * WIDTH);
  const personCounts = new Float64Array(areaCount * WIDTH);
  const seen = new Uint8Array(areaCount);
  const codeless = new Uint8Array(areaCount);
  const sizeless = new Uint8Array(areaCount);
  for (const store of [before, after]) {
    for (let at = 0; at < store.size; at += 1) {
      if (store.codes[at] === '') codeless[areaOf(store, at)] = 1;
      if (store.members[at]! < 0) sizeless[areaOf(store, at)] = 1;
    }
  }
  // Households count 1; persons count the members the roll of that side gives (unknown: 0). Both in one pass.
  let weight = 0;
  const members = (store: RollStore, at: number) => Math.max(0, store.members[at]!);
  const add = (area: number, column: number) => {
    counts[area * WIDTH + column]! += 1;
    personCounts[area * WIDTH + column]! += weight;
  };
  /**
   * Persons: a household's members may change between the rolls. Decreases
   * count its earlier members and increases its later ones, so the
   * difference goes to other increases (or decreases) of the class it ends
   * in among the two — for the near-poor when either side is near-poor, since
   * the columns the two classes share count one side's members only.
   */
  const adjust = (area: number, poor: boolean, difference: number) => {
    if (difference === 0) return;
    const column = difference > 0 ? (poor ? F.poor_other_increase : F.near_poor_other_increase) : poor ? F.poor_other_decrease : F.near_poor_other_decrease;
    personCounts[area * WIDTH + column]! += Math.abs(difference);
  };

  for (let i = 0; i < before.size; i += 1) {
    const from = side(before, i);
    if (from !== Side.Poor && from !== Side.NearPoor) continue;
    const area = areaOf(before, i);
    seen[area] = 1;
    weight = members(before, i);
    const j = matches.after[i]!;
    let to = side(after, j);
    if (to !== Side.Absent && areaOf(after, j) !== area) to = Side.Absent;
    const missing = j < 0 || after.klass[j] === UNCLASSIFIED;
    if (from === Side.Poor) {
      add(area, F.poor_start);
      if (to === Side.NearPoor) add(area, F.poor_to_near_poor);
      else if (to === Side.Other) add(area, F.poor_escaped);
      else if (to === Side.Absent) add(area, F.poor_other_decrease);
      if (missing) add(area, F.poor_missing_after);
    } else {
      add(area, F.near_poor_start);
      if (to === Side.Other) add(area, F.near_poor_escaped);
      else if (to === Side.Absent) add(area, F.near_poor_other_decrease);
      // Near-poor to poor is counted once, on the later side, as an increase of the poor.
      if (missing) add(area, F.near_poor_missing_after);
    }
  }

  for (let j = 0; j < after.size; j += 1) {
    const to = side(after, j);
    if (to !== Side.Poor && to !== Side.NearPoor) continue;
    const area = areaOf(after, j);
    seen[area] = 1;
    weight = members(after, j);
    const i = matches.before[j]!;
    let from = side(before, i);
    if (from !== Side.Absent && areaOf(before, i) !== area) from = Side.Absent;
    if (from === Side.Poor || from === Side.NearPoor) adjust(area, from === Side.Poor && to === Side.Poor, weight - members(before, i));
    if (to === Side.Poor) {
      add(area, F.poor_end);
      if (from === Side.NearPoor) add(area, F.near_poor_to_poor);
      else if (from === Side.Other) add(area, reEntered(history, after, j, POOR) ? F.poor_re_entered : F.poor_new);
      else if (from === Side.Absent) add(area, F.poor_other_increase);
    } else {
      add(area, F.near_poor_end);
      // Poor to near-poor was counted on the earlier side, as a decrease of the poor.
      if (from === Side.Other) add(area, reEntered(history, after, j, NEAR_POOR) ? F.near_poor_re_entered : F.near_poor_new);
      else if (from === Side.Absent) add(area, F.near_poor_other_increase);
    }
  }

  const result: AreaFlows[] = [];
  for (let area = 0; area < areaCount; area += 1) {
    if (seen[area] === 0) continue;
    const flows = {} as Flows;
    const persons = {} as Flows;
    FLOW_COLUMNS.forEach((name, k) => {
      flows[name] = counts[area * WIDTH + k]!;
      persons[name] = personCounts[area * WIDTH + k]!;
    });
    result.push({
      location: table === null ? EMPTY_LOCATION : table.locations[area]!,
      flows,
      persons,
      known: codeless[area] === 0,
      personsKnown: sizeless[area] === 0,
    });
  }
  return result;
}

/** The accounting identities of forms 2 and 3: the name of the first that fails, or null. */
export function brokenIdentity(f: Flows): string | null {
  const poor =
    f.poor_start - f.poor_to_near_poor - f.poor_escaped - f.poor_other_decrease + f.near_poor_to_poor + f.poor_re_entered + f.poor_new + f.poor_other_increase;
  if (poor !== f.poor_end)
    return `poor_end ${f.poor_end} ≠ ${poor} (start − moved to near-poor − escaped − other decreases + from near-poor + re-entered + new + other increases)`;
  const near =
    f.near_poor_start -
    f.near_poor_to_poor -
    f.near_poor_escaped -
    f.near_poor_other_decrease +
    f.poor_to_near_poor +
    f.near_poor_re_entered +
    f.near_poor_new +
    f.near_poor_other_increase;
  if (near !== f.near_poor_end)
    return `near_poor_end ${f.near_poor_end} ≠ ${near} (start − moved to poor − escaped − other decreases + from poor + re-entered + new + other increases)`;
  return null;
}

export function emptyFlows(): Flows {
  return Object.fromEntries(FLOW_COLUMNS.map((name) => [name, 0])) as Flows;
}
