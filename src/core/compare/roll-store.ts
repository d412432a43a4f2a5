import { type Level, areaKey, truncateLocation } from '../areas.js';
import type { Outcome } from '../classify.js';
import type { Area, ClassResult, Location, PriorStatus } from '../household.js';
import { detached } from '../detached.js';
import { SourceRows } from '../source-rows.js';

/**
 * The places households live in, each stored once: a household holds a
 * number, not seven strings. Areas at each level get small numbers too, so
 * that matching a million households per level is array arithmetic.
 */
type SpellingTree = Map<string, SpellingTree | number>;

export class PlaceTable {
  readonly places: Location[] = [];
  private readonly byKey = new Map<string, number>();
  private readonly areaIds = new Map<Level, { ids: number[]; keys: Map<string, number>; locations: Location[] }>();

  place(location: Location): number {
    return this.lookUp(location);
  }

  /**
   * Places by their units as written (code, else name), province down to
   * village: the normalised key is computed once per spelling, and a lookup
   * allocates nothing (building a key per household cost 1.5 s a million).
   */
  private readonly bySpelling: SpellingTree = new Map();

  /** The last province and district looked up: rolls run unit by unit, so most households share them. */
  private lastUpper: { province: string; district: string; node: SpellingTree } | null = null;

  private lookUp(location: Location): number {
    const l = location;
    const province = l.provinceCode || l.province;
    const district = l.districtCode || l.district;
    let node: SpellingTree;
    const last = this.lastUpper;
    if (last !== null && last.province === province && last.district === district) node = last.node;
    else {
      node = this.child(this.child(this.bySpelling, province), district);
      this.lastUpper = { province, district, node };
    }
    node = this.child(node, l.communeCode || l.commune);
    const known = node.get(l.village) as number | undefined;
    if (known !== undefined) return known;
    const id = this.byNormalisedKey(location);
    node.set(detached(l.village), id);
    return id;
  }

  private child(node: SpellingTree, unit: string): SpellingTree {
    let child = node.get(unit) as SpellingTree | undefined;
    if (child === undefined) node.set(detached(unit), (child = new Map()));
    return child;
  }

  private byNormalisedKey(location: Location): number {
    const key = areaKey(location, 'village');
    let id = this.byKey.get(key);
    if (id === undefined) {
      id = this.places.length;
      this.places.push(truncateLocation(location, 'village'));
      this.byKey.set(detached(key), id);
    }
    return id;
  }

  /** The area (at `level`) of every place so far, as small numbers, and each area's location. */
  areas(level: Level): { ids: number[]; locations: Location[] } {
    let table = this.areaIds.get(level);
    if (table === undefined) this.areaIds.set(level, (table = { ids: [], keys: new Map(), locations: [] }));
    for (let place = table.ids.length; place < this.places.length; place += 1) {
      const location = this.places[place]!;
      const key = areaKey(location, level);
      let area = table.keys.get(key);
      if (area === undefined) {
        area = table.locations.length;
        table.keys.set(key, area);
        table.locations.push(truncateLocation(location, level));
      }
      table.ids.push(area);
    }
    return table;
  }
}

export const STORED_CLASSES: readonly ClassResult[] = ['poor', 'near_poor', 'average', 'non_poor', 'unclassified'];
export const POOR = 0;
export const NEAR_POOR = 1;
export const UNCLASSIFIED = 4;
const INEXACT = 0x80;
/** prior_status as a small number (index); 0: the roll does not say. */
export const PRIOR_CODES: readonly (PriorStatus | null)[] = [null, 'continuing', 're_entered', 'new'];
/** area as a small number (index); 0: the roll does not say. */
export const AREA_CODES: readonly (Area | null)[] = [null, 'rural', 'urban'];

/** Where a household was read, to name both rows of a duplicate code. */
interface StoredPlace {
  source: string;
  row: number;
}

export class DuplicateHouseholdError extends Error {
  constructor(
    readonly id: string,
    readonly year: number,
    readonly first: StoredPlace,
    readonly second: StoredPlace,
  ) {
    super(`household code "${id}" appears twice in review year ${year}: ${first.source}!${first.row} and ${second.source}!${second.row}`);
  }
}

/**
 * One review year's households, held for matching by household code: a map
 * from code to position and typed columns of what flows and rates need.
 * About 100 bytes a household (see README), most of it the map.
 */
export class RollStore {
  size = 0;
  readonly ids = new Map<string, number>();
  /** Code of each household by position ('' when the roll gives none). */
  codes: string[] = [];
  klass = new Uint8Array(1024);
  /** The classes a household may be in (CLASS_BITS): one bit unless it is unclassified. */
  possible = new Uint8Array(1024);
  place = new Int32Array(1024);
  members = new Int32Array(1024);
  deprived = new Int32Array(1024);
  /** Indicators whose status the roll gives (mask), to tell "not deprived" from "not known". */
  assessed = new Int32Array(1024);
  known = new Uint8Array(1024);
  indicatorMask = new Int32Array(1024);
  indicatorCount = new Uint8Array(1024);
  prior = new Uint8Array(1024);
  standard = new Uint8Array(1024);
  /** Where each household was read, packed by `sourceRows`. */
  origin = new Float64Array(1024);
  /** Rural (1), urban (2) or not known (0): the forms of 2016–2021 report the two apart. */
  areaType = new Uint8Array(1024);
  readonly standards: string[] = [];
  private readonly sourceRows = new SourceRows();

  constructor(readonly year: number) {}

  add(
    household: { id: string; members: number | null; priorStatus: PriorStatus | null; assessed: number; area?: Area | null },
    place: number,
    outcome: Outcome,
    standardId: string,
    source: string,
    row: number,
  ): void {
    const at = this.size;
    if (at === this.klass.length) this.grow();
    const code = household.id === '' ? '' : detached(household.id);
    if (code !== '') {
      const earlier = this.ids.get(code);
      if (earlier !== undefined) throw new DuplicateHouseholdError(code, this.year, this.whereOf(earlier), { source, row });
      this.ids.set(code, at);
    }
    this.codes.push(code);
    this.klass[at] = STORED_CLASSES.indexOf(outcome.class);
    this.possible[at] = outcome.possible;
    this.place[at] = place;
    this.members[at] = household.members ?? -1;
    this.deprived[at] = outcome.deprivedMask;
    this.assessed[at] = household.assessed;
    // The top bit marks a count that is only a lower bound (some indicator unknown).
    this.known[at] = outcome.knownDeprivations | (outcome.countKnown ? 0 : INEXACT);
    this.indicatorMask[at] = outcome.indicatorMask;
    this.indicatorCount[at] = outcome.indicatorCount;
    this.prior[at] = PRIOR_CODES.indexOf(household.priorStatus);
    this.standard[at] = this.indexOf(this.standards, standardId);
    this.origin[at] = this.sourceRows.pack(source, row);
    this.areaType[at] = AREA_CODES.indexOf(household.area ?? null);
    this.size += 1;
  }

  /** The households of one area type, as a roll of their own (the urban and rural sections of the 2016–2021 forms). */
  ofAreaType(area: Area): RollStore {
    const wanted = AREA_CODES.indexOf(area);
    const subset = new RollStore(this.year);
    for (let at = 0; at < this.size; at += 1) {
      if (this.areaType[at] !== wanted) continue;
      const where = this.whereOf(at);
      const household = { id: this.codes[at]!, members: this.membersOf(at), priorStatus: this.priorOf(at), assessed: this.assessed[at]!, area };
      subset.add(household, this.place[at]!, this.outcomeOf(at), this.standards[this.standard[at]!]!, where.source, where.row);
    }
    return subset;
  }

  classOf(at: number): ClassResult {
    return STORED_CLASSES[this.klass[at]!]!;
  }

  priorOf(at: number): PriorStatus | null {
    return PRIOR_CODES[this.prior[at]!]!;
  }

  outcomeOf(at: number): Outcome {
    return {
      class: this.classOf(at),
      deprivedMask: this.deprived[at]!,
      knownDeprivations: this.known[at]! & ~INEXACT,
      countKnown: (this.known[at]! & INEXACT) === 0,
      possible: this.possible[at]!,
      indicatorMask: this.indicatorMask[at]!,
      indicatorCount: this.indicatorCount[at]!,
    };
  }

  /** Writes household `at`'s outcome into `outcome`, for loops that would otherwise make a million objects. */
  fillOutcome(at: number, outcome: Outcome): void {
    outcome.class = this.classOf(at);
    outcome.deprivedMask = this.deprived[at]!;
    outcome.knownDeprivations = this.known[at]! & ~INEXACT;
    outcome.countKnown = (this.known[at]! & INEXACT) === 0;
    outcome.possible = this.possible[at]!;
    outcome.indicatorMask = this.indicatorMask[at]!;
    outcome.indicatorCount = this.indicatorCount[at]!;
  }

  membersOf(at: number): number | null {
    const members = this.members[at]!;
    return members < 0 ? null : members;
  }

  whereOf(at: number): StoredPlace {
    return this.sourceRows.unpack(this.origin[at]!);
  }

  private indexOf(list: string[], value: string): number {
    let index = list.indexOf(value);
    if (index < 0) {
      index = list.length;
      list.push(value);
    }
    return index;
  }

  private grow(): void {
    const grown = <T extends Uint8Array | Int32Array | Float64Array>(array: T): T => {
      const bigger = new (array.constructor as new (n: number) => T)(array.length * 2);
      bigger.set(array);
      return bigger;
    };
    this.klass = grown(this.klass);
    this.possible = grown(this.possible);
    this.place = grown(this.place);
    this.members = grown(this.members);
    this.deprived = grown(this.deprived);
    this.assessed = grown(this.assessed);
    this.known = grown(this.known);
    this.indicatorMask = grown(this.indicatorMask);
    this.indicatorCount = grown(this.indicatorCount);
    this.prior = grown(this.prior);
    this.standard = grown(this.standard);
    this.origin = grown(this.origin);
    this.areaType = grown(this.areaType);
  }
}
