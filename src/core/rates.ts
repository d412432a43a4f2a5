import { type Level, LEVELS, compareLocations, nameKey, truncateLocation, EMPTY_LOCATION } from './areas.js';
import { detached } from './detached.js';
import { CLASS_BITS, type Outcome } from './classify.js';
import { type Household, type Location, TRAIT_ETHNICITY_KNOWN, TRAIT_FEMALE_HEAD, TRAIT_MERIT, TRAIT_MINORITY, TRAIT_NO_LABOR } from './household.js';
import { CAUSES, causesOf } from './causes.js';
import { INDICATOR_CODES } from './indicators.js';
import { formatPercent } from './numbers.js';
import type { ListKind } from './ingest/title.js';
import type { TotalsIndex } from './totals.js';

/** Running counts of one area. Counts only; rates are derived when finishing. */
export interface AreaTally {
  level: Level | 'total';
  location: Location;
  households: number;
  persons: number;
  /** Households whose member count is unknown: their persons are missing from `persons`. */
  membersUnknown: number;
  poor: number;
  nearPoor: number;
  average: number;
  nonPoor: number;
  unclassified: number;
  /** Unclassified households that may be poor, near-poor or of average living standard (Outcome.possible). */
  maybePoor: number;
  maybeNearPoor: number;
  maybeAverage: number;
  poorPersons: number;
  nearPoorPersons: number;
  /** Poor households deprived in each indicator, indexed like INDICATOR_CODES. */
  poorDeprived: number[];
  /** Near-poor households deprived in each indicator (forms 6 and 7). */
  nearPoorDeprived: number[];
  /**
   * Poor (and near-poor) households whose status in each indicator of their
   * standard is not known — a roll carrying only a deprivation count or B2.
   * Where any is, the number deprived in that indicator is not known either.
   */
  poorUnassessed: number[];
  nearPoorUnassessed: number[];
  /** Poor households whose deprivation count is only a lower bound: the Alkire-Foster intensity is then not known. */
  poorCountUnknown: number;
  /** Indicators of the standards applied in the area (mask over INDICATOR_CODES). */
  indicatorMask: number;
  /**
   * Alkire-Foster: deprivations of poor households summed per indicator count
   * of their standard (index = count), so intensity stays exact until the end.
   */
  poorDeprivationsByIndicatorCount: number[];
  /**
   * Households by ethnicity and target group (forms 8, 9, 12–13), for all
   * households and for each class; made on first use (null: none yet), since
   * a national fold has tens of thousands of areas. Read them with groupsOf.
   */
  all: GroupTally | null;
  poorGroups: GroupTally | null;
  nearPoorGroups: GroupTally | null;
}

/** An area's group tally, or an empty one. */
export function groupsOf(tally: AreaTally, which: 'all' | 'poorGroups' | 'nearPoorGroups'): GroupTally {
  return tally[which] ?? EMPTY_GROUPS;
}

/** Target groups of forms 8, in their priority order: a household counts in the first it belongs to. */
const PRIORITY_GROUPS = ['minority', 'no_labor', 'merit', 'other'] as const;

export interface GroupTally {
  minority: number;
  minorityPersons: number;
  kinh: number;
  kinhPersons: number;
  /** Counts by PRIORITY_GROUPS. */
  priority: number[];
  /** "Of which" counts, not exclusive. */
  merit: number;
  noLabor: number;
  femaleHead: number;
  /** Made on the first household whose ethnicity is known. */
  byEthnicity: Map<string, number> | null;
  /** Counts by CAUSES (a household may name several). */
  byCause: number[];
  /** Households with no cause recorded (form 10's "không ghi nguyên nhân"). */
  noCause: number;
}

function emptyGroups(): GroupTally {
  return {
    minority: 0,
    minorityPersons: 0,
    kinh: 0,
    kinhPersons: 0,
    priority: new Array<number>(PRIORITY_GROUPS.length).fill(0),
    merit: 0,
    noLabor: 0,
    femaleHead: 0,
    byEthnicity: null,
    byCause: new Array<number>(CAUSES.length).fill(0),
    noCause: 0,
  };
}

const EMPTY_GROUPS: Readonly<GroupTally> = Object.freeze(emptyGroups());

type Traits = Partial<Pick<Household, 'traits' | 'ethnicity' | 'cause' | 'assessed'>>;

function addToGroups(groups: GroupTally, household: Traits, persons: number, detailed: boolean): void {
  const traits = household.traits ?? 0;
  if (traits & TRAIT_ETHNICITY_KNOWN) {
    if (traits & TRAIT_MINORITY) {
      groups.minority += 1;
      groups.minorityPersons += persons;
    } else {
      groups.kinh += 1;
      groups.kinhPersons += persons;
    }
  }
  if (!detailed) return;
  const priority = traits & TRAIT_MINORITY ? 0 : traits & TRAIT_NO_LABOR ? 1 : traits & TRAIT_MERIT ? 2 : 3;
  groups.priority[priority]! += 1;
  if (traits & TRAIT_MERIT) groups.merit += 1;
  if (traits & TRAIT_NO_LABOR) groups.noLabor += 1;
  if (traits & TRAIT_FEMALE_HEAD) groups.femaleHead += 1;
  const ethnicity = household.ethnicity ?? '';
  if (ethnicity !== '') {
    const counts = (groups.byEthnicity ??= new Map());
    counts.set(ethnicity, (counts.get(ethnicity) ?? 0) + 1);
  }
  const causes = causesOf(household.cause ?? '');
  if (causes === 0) groups.noCause += 1;
  for (let bits = causes; bits !== 0; bits &= bits - 1) groups.byCause[31 - Math.clz32(bits & -bits)]! += 1;
}

/**
 * Areas form a tree from the province down. Each unit is found by its code
 * when it has one and by its name otherwise, so two communes of the same name
 * in different districts stay two areas, and a lookup hashes a short code
 * instead of a long joined key — this runs once per household and level.
 */
interface AreaNode {
  tally: AreaTally | null;
  byCode: Map<string, AreaNode>;
  byName: Map<string, AreaNode>;
}

export interface RatesState {
  levels: Level[];
  /** Depth of the deepest level asked for (0 province … 3 village). */
  depth: number;
  wanted: boolean[];
  root: AreaNode;
  total: AreaTally;
}

/** The fold's empty state. */
export function emptyRates(levels: readonly Level[]): RatesState {
  const ordered = LEVELS.filter((level) => levels.includes(level));
  const total = emptyTally('total', EMPTY_LOCATION);
  return {
    levels: ordered,
    depth: Math.max(-1, ...ordered.map((level) => LEVELS.indexOf(level))),
    wanted: LEVELS.map((level) => ordered.includes(level)),
    root: { tally: total, byCode: new Map(), byName: new Map() },
    total,
  };
}

/** Adds one classified household to its area at every level asked for, and to the total. */
export function addToRates(state: RatesState, household: Pick<Household, 'location' | 'members'> & Traits, outcome: Outcome): void {
  addToTally(state.total, household, outcome);
  // Walks the area tree without collecting the tallies: this runs for every household.
  let node = state.root;
  for (let depth = 0; depth <= state.depth; depth += 1) {
    node = childOf(state, node, household.location, depth);
    if (node.tally !== null) addToTally(node.tally, household, outcome);
  }
}

/**
 * Tallies of single places, for callers that hold households by place
 * (compare): each household is added to its place's tally once, and each
 * place's tally to its areas once, instead of every household to every level.
 */
export class PlaceTallies {
  private readonly tallies: AreaTally[] = [];

  add(place: number, location: Location, household: Pick<Household, 'members'> & Partial<Pick<Household, 'assessed'>>, outcome: Outcome): void {
    addToTally((this.tallies[place] ??= emptyTally('village', location)), household, outcome);
  }

  /**
   * Adds households of one place alike in outcome at once, as many add()
   * calls would: the flow engine's households read by DuckDB come grouped.
   */
  addGroup(place: number, location: Location, outcome: Outcome, group: HouseholdGroup): void {
    addGroupToTally((this.tallies[place] ??= emptyTally('village', location)), outcome, group);
  }

  /** Adds every place's tally to the areas of `state`. Group tallies are not carried (these households have none). */
  foldInto(state: RatesState): void {
    for (const place of this.tallies) {
      if (place === undefined) continue;
      for (const tally of talliesOf(state, place.location)) mergeCounts(tally, place);
    }
  }
}

function mergeCounts(into: AreaTally, from: AreaTally): void {
  into.households += from.households;
  into.persons += from.persons;
  into.membersUnknown += from.membersUnknown;
  into.poor += from.poor;
  into.nearPoor += from.nearPoor;
  into.average += from.average;
  into.nonPoor += from.nonPoor;
  into.unclassified += from.unclassified;
  into.maybePoor += from.maybePoor;
  into.maybeNearPoor += from.maybeNearPoor;
  into.maybeAverage += from.maybeAverage;
  into.poorPersons += from.poorPersons;
  into.nearPoorPersons += from.nearPoorPersons;
  into.indicatorMask |= from.indicatorMask;
  from.poorDeprived.forEach((n, i) => (into.poorDeprived[i]! += n));
  from.nearPoorDeprived.forEach((n, i) => (into.nearPoorDeprived[i]! += n));
  from.poorUnassessed.forEach((n, i) => (into.poorUnassessed[i]! += n));
  from.nearPoorUnassessed.forEach((n, i) => (into.nearPoorUnassessed[i]! += n));
  into.poorCountUnknown += from.poorCountUnknown;
  from.poorDeprivationsByIndicatorCount.forEach((n, i) => (into.poorDeprivationsByIndicatorCount[i]! += n));
}

/** The total and the tallies of the location's areas at every level asked for. */
function talliesOf(state: RatesState, location: Location): AreaTally[] {
  const tallies = [state.total];
  let node = state.root;
  for (let depth = 0; depth <= state.depth; depth += 1) {
    node = childOf(state, node, location, depth);
    if (node.tally !== null) tallies.push(node.tally);
  }
  return tallies;
}

/** The node of the location's unit at `depth` under `node`, made on first use. */
function childOf(state: RatesState, node: AreaNode, location: Location, depth: number): AreaNode {
  const code = codeAtDepth(location, depth);
  const map = code !== '' ? node.byCode : node.byName;
  const key = code !== '' ? code : nameKey(nameAtDepth(location, depth));
  let child = map.get(key);
  if (child === undefined) {
    const level = LEVELS[depth]!;
    child = {
      tally: state.wanted[depth] ? emptyTally(level, truncateLocation(location, level)) : null,
      byCode: new Map(),
      byName: new Map(),
    };
    map.set(detached(key), child);
  }
  return child;
}

/** The code of the location's unit at `depth` (0 province … 3 village, which has none). */
function codeAtDepth(location: Location, depth: number): string {
  return depth === 0 ? location.provinceCode : depth === 1 ? location.districtCode : depth === 2 ? location.communeCode : '';
}

/** The name of the location's unit at `depth`, as the roll writes it. */
function nameAtDepth(location: Location, depth: number): string {
  return depth === 0 ? location.province : depth === 1 ? location.district : depth === 2 ? location.commune : location.village;
}

function emptyTally(level: AreaTally['level'], location: Location): AreaTally {
  return {
    level,
    location,
    households: 0,
    persons: 0,
    membersUnknown: 0,
    poor: 0,
    nearPoor: 0,
    average: 0,
    nonPoor: 0,
    unclassified: 0,
    maybePoor: 0,
    maybeNearPoor: 0,
    maybeAverage: 0,
    poorPersons: 0,
    nearPoorPersons: 0,
    poorDeprived: new Array<number>(INDICATOR_CODES.length).fill(0),
    nearPoorDeprived: new Array<number>(INDICATOR_CODES.length).fill(0),
    poorUnassessed: new Array<number>(INDICATOR_CODES.length).fill(0),
    nearPoorUnassessed: new Array<number>(INDICATOR_CODES.length).fill(0),
    poorCountUnknown: 0,
    indicatorMask: 0,
    poorDeprivationsByIndicatorCount: new Array<number>(INDICATOR_CODES.length + 1).fill(0),
    all: null,
    poorGroups: null,
    nearPoorGroups: null,
  };
}

function addToTally(tally: AreaTally, household: Pick<Household, 'members'> & Traits, outcome: Outcome): void {
  const members = household.members;
  const persons = members ?? 0;
  // Households without traits (compare's stored ones) skip the group tallies altogether.
  if (household.traits !== undefined) {
    // Over all households only the ethnic groups are counted, which a household without traits is in none of.
    if (household.traits) addToGroups((tally.all ??= emptyGroups()), household, persons, false);
    if (outcome.class === 'poor') addToGroups((tally.poorGroups ??= emptyGroups()), household, persons, true);
    if (outcome.class === 'near_poor') addToGroups((tally.nearPoorGroups ??= emptyGroups()), household, persons, true);
  }
  // Households held without their marks (compare's) count as unassessed: unknown, never 0.
  addCounts(tally, outcome, 1, persons, members === null ? 1 : 0, household.assessed ?? 0);
}

/** Households alike in outcome and marks, counted together: their persons, and those of unknown size. */
export interface HouseholdGroup {
  households: number;
  persons: number;
  membersUnknown: number;
  /** The indicators every household of the group has a value for (mask over INDICATOR_CODES); the others, none has. */
  assessed: number;
}

/** The counts of addToTally for a group of households without traits: each times the group's size. */
function addGroupToTally(tally: AreaTally, outcome: Outcome, group: HouseholdGroup): void {
  addCounts(tally, outcome, group.households, group.persons, group.membersUnknown, group.assessed);
}

/**
 * `n` households of one outcome, with `persons` persons, `membersUnknown` of
 * them of unknown size, all assessed in the indicators of `assessed`.
 * Runs for every household: scalars, no object.
 */
function addCounts(tally: AreaTally, outcome: Outcome, n: number, persons: number, membersUnknown: number, assessed: number): void {
  tally.households += n;
  tally.persons += persons;
  tally.membersUnknown += membersUnknown;
  tally.indicatorMask |= outcome.indicatorMask;
  const unassessed = outcome.indicatorMask & ~assessed;
  switch (outcome.class) {
    case 'poor': {
      tally.poor += n;
      tally.poorPersons += persons;
      const deprived = tally.poorDeprived;
      for (let m = outcome.deprivedMask; m !== 0; m &= m - 1) deprived[31 - Math.clz32(m & -m)]! += n;
      const unknown = tally.poorUnassessed;
      for (let m = unassessed; m !== 0; m &= m - 1) unknown[31 - Math.clz32(m & -m)]! += n;
      tally.poorDeprivationsByIndicatorCount[outcome.indicatorCount]! += outcome.knownDeprivations * n;
      if (!outcome.countKnown) tally.poorCountUnknown += n;
      break;
    }
    case 'near_poor': {
      tally.nearPoor += n;
      tally.nearPoorPersons += persons;
      const deprived = tally.nearPoorDeprived;
      for (let m = outcome.deprivedMask; m !== 0; m &= m - 1) deprived[31 - Math.clz32(m & -m)]! += n;
      const unknown = tally.nearPoorUnassessed;
      for (let m = unassessed; m !== 0; m &= m - 1) unknown[31 - Math.clz32(m & -m)]! += n;
      break;
    }
    case 'average':
      tally.average += n;
      break;
    case 'non_poor':
      tally.nonPoor += n;
      break;
    case 'unclassified':
      tally.unclassified += n;
      if (outcome.possible & CLASS_BITS.poor) tally.maybePoor += n;
      if (outcome.possible & CLASS_BITS.near_poor) tally.maybeNearPoor += n;
      if (outcome.possible & CLASS_BITS.average) tally.maybeAverage += n;
      break;
  }
}

/** One finished area: counts, the denominators rates use, and Alkire-Foster measures. */
export interface AreaRates {
  tally: AreaTally;
  /**
   * Resident households of the area: the roll's count, or the `--totals`
   * figure; null when the roll lists only some households and no totals
   * were given — every rate is then unknown.
   */
  households: number | null;
  /** Resident persons, or null when not known (`--totals` gave households only, or a list without totals). */
  persons: number | null;
  /**
   * Alkire-Foster over classified households: headcount H, intensity A,
   * adjusted headcount M0 (0–1). Their denominator leaves out the
   * unclassified households, where the poor rate's does not.
   */
  af: { h: number | null; a: number | null; m0: number | null };
  /** Which counts the rolls can give (all, unless they list only some households). */
  known: KnownCounts;
}

/**
 * A list of poor households says nothing of the near-poor, and a list of
 * those that escaped poverty nothing of who is poor: counts of the classes a
 * list does not cover are unknown, not 0.
 */
export interface KnownCounts {
  poor: boolean;
  nearPoor: boolean;
  /** Average and non-poor households. */
  others: boolean;
  /** Unclassified households: known unless the rolls list only some households. */
  unclassified: boolean;
  /** Splits of all resident households (Kinh and minorities, persons): a list gives only its own. */
  allHouseholds: boolean;
  /** Persons: every household of the area has a member count (else a sum of the known ones would pass for all). */
  persons: boolean;
}

const ALL_KNOWN: KnownCounts = { poor: true, nearPoor: true, others: true, unclassified: true, allHouseholds: true, persons: true };

/** Whether an indicator's count of deprived households is known: every household counted has that indicator assessed. */
export function deprivedKnown(unassessed: readonly number[], index: number): boolean {
  return unassessed[index] === 0;
}

export interface RatesResult {
  levels: Level[];
  /** Areas level by level from the top, each level ordered by code then name. */
  areas: AreaRates[];
  total: AreaRates;
  /**
   * Why the rolls look like a list of some households only — a title or sheet
   * name ("DANH SÁCH HỘ NGHÈO"), or a share of poor and near-poor households no
   * real commune has — or null. Without `--totals`, such rolls give counts
   * but no rates.
   */
  list: string | null;
  /** The counts the rolls can give at all (a list of poor households: not the near-poor); each area may know fewer. */
  coverage: KnownCounts;
  /** The share of unclassified households above which an area's counts of the classes they may be in are unknown. */
  maxUnclassified: number;
}

/** What says a roll lists only some households: its titles, and the share of poor and near-poor above which no real commune is. */
export interface ListEvidence {
  /** "title "DANH SÁCH HỘ NGHÈO" in ds-2024.xlsx", or null. */
  named: string | null;
  /** What the title says the list holds, when it says. */
  kind?: ListKind | null;
  /** A share (0–1) of poor and near-poor households among all households (`--max-poor-share`, default 0.6). */
  maxPoorShare: number;
  /**
   * The share (0–1) of an area's households that may be unclassified and
   * yet poor (or near-poor) before its count of them is unknown
   * (`--max-unclassified`, default 0.05): the form shows the unclassified
   * households beside the count, but a count missing a tenth of its
   * households would pass for the area's.
   */
  maxUnclassified?: number;
}

const DEFAULT_LIST_EVIDENCE: ListEvidence = { named: null, maxPoorShare: 0.6, maxUnclassified: 0.05 };

export class MissingTotalError extends Error {
  constructor(
    readonly tally: AreaTally,
    detail: string,
  ) {
    super(detail);
    this.name = 'MissingTotalError';
  }
}

/** A warning for households whose member count is unknown, or null when every count is known. */
export function membersWarning(result: RatesResult): string | null {
  const unknown = result.total.tally.membersUnknown;
  if (unknown === 0) return null;
  const households = unknown === 1 ? '1 household has' : `${unknown.toLocaleString('en')} households have`;
  return `${households} no member count: the persons figures of their areas are left empty (column members_unknown)`;
}

/**
 * Orders the areas and derives denominators and AF measures; `totals`
 * replaces the roll's own counts. A roll that lists only some households
 * (see ListEvidence) has no denominators of its own: without totals its
 * rates are unknown, not shares of the list.
 */
export function finishRates(state: RatesState, totals?: TotalsIndex, evidence: ListEvidence = DEFAULT_LIST_EVIDENCE): RatesResult {
  const byLevel = new Map<Level, AreaTally[]>(state.levels.map((level) => [level, []]));
  const visit = (node: AreaNode) => {
    for (const child of [...node.byCode.values(), ...node.byName.values()]) {
      if (child.tally !== null) byLevel.get(child.tally.level as Level)!.push(child.tally);
      visit(child);
    }
  };
  visit(state.root);
  const listed = listedAreas(state, evidence.maxPoorShare);
  const list = listReason(state.total, evidence) ?? describeListed(listed.found, evidence.maxPoorShare);
  const coverage = list === null ? ALL_KNOWN : knownCounts(state.total, evidence.kind ?? null);
  // With totals, the list's classes get rates over the area's households; without, nothing does.
  const wholeList = evidence.named !== null || (list !== null && listed.found.length === 0);
  const tolerance = evidence.maxUnclassified ?? 0.05;
  const finish = (tally: AreaTally) => {
    const inList = wholeList || listed.tallies.has(tally);
    // An area holding a list has no denominators of its own, nor counts of the classes a list leaves out.
    const own = listed.tallies.has(tally) ? { ...coverage, others: false, unclassified: false, allHouseholds: false } : coverage;
    return finishArea(tally, totals, inList && totals === undefined, knownIn(tally, own, tolerance));
  };
  const areas: AreaRates[] = [];
  for (const level of state.levels) {
    const tallies = byLevel.get(level)!.sort((a, b) => compareLocations(a.location, b.location));
    for (const tally of tallies) areas.push(finish(tally));
  }
  return { levels: state.levels, areas, total: finish(state.total), list, coverage, maxUnclassified: tolerance };
}

/**
 * Communes (or the deepest level folded above villages) whose households are
 * mostly poor and near-poor: an office that sent only its list among others
 * that sent full rolls. Their tallies, and those of every area above and
 * below them, are returned: none of those has denominators of its own.
 */
function listedAreas(
  state: RatesState,
  maxShare: number,
): { tallies: Set<AreaTally>; found: { tally: Pick<AreaTally, 'households' | 'poor' | 'nearPoor'>; location: Location }[] } {
  const tallies = new Set<AreaTally>();
  const found: { tally: Pick<AreaTally, 'households' | 'poor' | 'nearPoor'>; location: Location }[] = [];
  const checkDepth = Math.min(state.depth, 2);
  const children = (node: AreaNode) => [...node.byCode.values(), ...node.byName.values()];
  const sums = (node: AreaNode): Pick<AreaTally, 'households' | 'poor' | 'nearPoor'> => {
    if (node.tally !== null) return node.tally;
    const sum = { households: 0, poor: 0, nearPoor: 0 };
    for (const child of children(node)) {
      const part = sums(child);
      sum.households += part.households;
      sum.poor += part.poor;
      sum.nearPoor += part.nearPoor;
    }
    return sum;
  };
  const markBelow = (node: AreaNode) => {
    if (node.tally !== null) tallies.add(node.tally);
    for (const child of children(node)) markBelow(child);
  };
  const walk = (node: AreaNode, depth: number, location: Location | null): boolean => {
    if (depth === checkDepth) {
      const counts = sums(node);
      if (counts.households === 0 || counts.poor + counts.nearPoor <= maxShare * counts.households) return false;
      found.push({ tally: counts, location: location ?? firstLocation(node) });
      markBelow(node);
      return true;
    }
    let any = false;
    for (const child of children(node)) if (walk(child, depth + 1, child.tally?.location ?? null)) any = true;
    if (any && node.tally !== null) tallies.add(node.tally);
    return any;
  };
  if (state.depth >= 0) for (const child of children(state.root)) if (walk(child, 0, child.tally?.location ?? null)) tallies.add(state.total);
  return { tallies, found };
}

function describeListed(found: readonly { tally: Pick<AreaTally, 'households' | 'poor' | 'nearPoor'>; location: Location }[], maxShare: number): string | null {
  if (found.length === 0) return null;
  const shown = found.slice(0, 3).map((f) => `${unitLabel(f.location)}: ${formatPercent(f.tally.poor + f.tally.nearPoor, f.tally.households, 1)} %`);
  const more = found.length > 3 ? ` and ${found.length - 3} more` : '';
  return `${found.length === 1 ? 'an area has' : `${found.length} areas have`} more poor and near-poor households than any real commune (--max-poor-share ${percentOption(maxShare)} %): ${shown.join('; ')}${more}`;
}

/** The place of the first tally under a node (a commune not folded is named by its villages' place). */
function firstLocation(node: AreaNode): Location {
  if (node.tally !== null) return node.tally.location;
  for (const child of [...node.byCode.values(), ...node.byName.values()]) return firstLocation(child);
  return EMPTY_LOCATION;
}

/** The name of the smallest unit a location names, with its district: commune names repeat across districts. */
function unitLabel(location: Location): string {
  const unit =
    location.village ||
    location.commune ||
    location.communeCode ||
    location.district ||
    location.districtCode ||
    location.province ||
    location.provinceCode ||
    '(no name)';
  const district = location.district || location.districtCode;
  return district !== '' && district !== unit ? `${unit} (${district})` : unit;
}

/** The counts an area can give: those its rolls cover, less those too many of its unclassified households may belong to. */
function knownIn(tally: AreaTally, coverage: KnownCounts, tolerance: number): KnownCounts {
  const within = (maybe: number) => maybe <= tolerance * tally.households;
  if (tally.maybePoor === 0 && tally.maybeNearPoor === 0 && tally.maybeAverage === 0 && tally.membersUnknown === 0) return coverage;
  return {
    poor: coverage.poor && within(tally.maybePoor),
    nearPoor: coverage.nearPoor && within(tally.maybeNearPoor),
    others: coverage.others && within(tally.maybeAverage),
    unclassified: coverage.unclassified,
    allHouseholds: coverage.allHouseholds,
    persons: coverage.persons && tally.membersUnknown === 0,
  };
}

/** Areas whose poor or near-poor count is unknown because too many of their households are unclassified. */
export function areasWithUnknownCounts(result: RatesResult): AreaRates[] {
  return [...result.areas, result.total].filter((a) => (result.coverage.poor && !a.known.poor) || (result.coverage.nearPoor && !a.known.nearPoor));
}

/** The classes a list covers: as its title says, else those it holds (a list found by its shares holds poor, near-poor or both). */
function knownCounts(total: AreaTally, kind: ListKind | null): KnownCounts {
  switch (kind) {
    case 'poor':
      return { poor: true, nearPoor: false, others: false, unclassified: false, allHouseholds: false, persons: true };
    case 'near_poor':
      return { poor: false, nearPoor: true, others: false, unclassified: false, allHouseholds: false, persons: true };
    case 'poor_and_near_poor':
      return { poor: true, nearPoor: true, others: false, unclassified: false, allHouseholds: false, persons: true };
    case 'escaped':
      return { poor: false, nearPoor: false, others: false, unclassified: false, allHouseholds: false, persons: true };
    case null:
      return { poor: total.poor > 0, nearPoor: total.nearPoor > 0, others: false, unclassified: false, allHouseholds: false, persons: true };
  }
}

/** A share given as a percentage option, as the user wrote it: half up to 2 decimals on the exact value, trailing zeros dropped. */
function percentOption(share: number): string {
  return String(Number(formatPercent(share, 1, 2)));
}

function listReason(total: AreaTally, evidence: ListEvidence): string | null {
  if (evidence.named !== null) return evidence.named;
  const listed = total.poor + total.nearPoor;
  if (total.households === 0 || listed <= evidence.maxPoorShare * total.households) return null;
  return `${formatPercent(listed, total.households, 1)} % of its households are poor or near-poor, more than any real commune (--max-poor-share ${percentOption(evidence.maxPoorShare)} %)`;
}

function finishArea(tally: AreaTally, totals: TotalsIndex | undefined, noDenominators: boolean, known: KnownCounts): AreaRates {
  let households: number | null = noDenominators ? null : tally.households;
  let persons: number | null = noDenominators || !known.persons ? null : tally.persons;
  if (totals !== undefined) {
    const given = totals.lookup(tally.level, tally.location);
    if (given === undefined) throw new MissingTotalError(tally, 'no total is given for this area');
    if (given.households < tally.households) {
      throw new MissingTotalError(tally, `the total gives ${given.households} households but the roll lists ${tally.households}`);
    }
    households = given.households;
    persons = given.persons;
  }
  const classifiedHouseholds = households === null ? null : households - tally.unclassified;
  let shareSum = 0;
  tally.poorDeprivationsByIndicatorCount.forEach((deprivations, indicatorCount) => {
    if (indicatorCount > 0) shareSum += deprivations / indicatorCount;
  });
  // Intensity needs every poor household's exact count: a lower bound would understate it.
  const intensityKnown = tally.poorCountUnknown === 0;
  // Unclassified households of a list say nothing of those of the area: the AF base is then unknown.
  const base = known.poor && known.others ? classifiedHouseholds : null;
  return {
    tally,
    households,
    persons,
    af: {
      h: base !== null && base > 0 ? tally.poor / base : null,
      a: known.poor && tally.poor > 0 && intensityKnown ? shareSum / tally.poor : null,
      m0: base !== null && base > 0 && intensityKnown ? shareSum / base : null,
    },
    known,
  };
}

/**
 * The poor households' shares of their standards' indicators summed
 * (Σ deprivations ÷ indicator count), as an exact fraction: the numerator
 * of the Alkire-Foster intensity A (÷ poor) and of M0 (÷ classified
 * households), so that they are printed half up on the exact value.
 */
export function deprivationShareSum(tally: AreaTally): { numerator: number; denominator: number } {
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  // The least common multiple of the indicator counts present (at most that of 1–14, 360,360).
  let denominator = 1;
  tally.poorDeprivationsByIndicatorCount.forEach((deprivations, indicatorCount) => {
    if (indicatorCount > 0 && deprivations > 0) denominator = (denominator / gcd(denominator, indicatorCount)) * indicatorCount;
  });
  let numerator = 0;
  tally.poorDeprivationsByIndicatorCount.forEach((deprivations, indicatorCount) => {
    if (indicatorCount > 0) numerator += deprivations * (denominator / indicatorCount);
  });
  return { numerator, denominator };
}

/**
 * Drops the levels no household names a unit of — districts in rolls after
 * the July 2025 reform, villages in rolls without them — so summaries do not
 * show a single nameless area.
 */
export function dropEmptyLevels(result: RatesResult): RatesResult {
  const named = (area: AreaRates, level: Level): boolean => {
    const l = area.tally.location;
    switch (level) {
      case 'province':
        return l.provinceCode !== '' || l.province !== '';
      case 'district':
        return l.districtCode !== '' || l.district !== '';
      case 'commune':
        return l.communeCode !== '' || l.commune !== '';
      case 'village':
        return l.village !== '';
    }
  };
  const levels = result.levels.filter((level) => result.areas.some((a) => a.tally.level === level && named(a, level)));
  return { ...result, levels, areas: result.areas.filter((a) => (levels as string[]).includes(a.tally.level)) };
}
