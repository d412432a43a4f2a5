import { type Level, LEVELS, areaKey, truncateLocation } from './areas.js';
import { detached } from './detached.js';
import type { Location } from './household.js';
import { matchKey } from './ingest/match-key.js';
import type { TotalsIndex } from './totals.js';

/** A `--only` value that does not name a unit ("Huyện Bắc Kim" without a level, "hamlet=…"). */
export class UnitSelectionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnitSelectionError';
  }
}

/** `district=Huyện Bắc Kim` or `commune_code=00012`: one unit to keep. */
interface UnitSelector {
  /** As given, trimmed: `district=Huyện Bắc Kim`. */
  text: string;
  level: Level;
  /** The unit is named by its name or by its code. */
  by: 'name' | 'code';
  /** The name or code as given. */
  value: string;
  /** What the household's name or code is compared by (case, diacritics and spacing aside; codes without leading zeros). */
  key: string;
}

const CODED: readonly Level[] = ['province', 'district', 'commune'];
const SELECTOR_LEVELS = [...LEVELS, ...CODED.map((l) => `${l}_code`)];

/** Reads `LEVEL=NAME` or `LEVEL_code=CODE`; a missing `=`, an unknown level or an empty name is an error. */
export function parseUnitSelector(text: string): UnitSelector {
  const trimmed = text.normalize('NFC').trim();
  const at = trimmed.indexOf('=');
  if (at < 0) {
    throw new UnitSelectionError(`"${trimmed}" does not say which level it names; write LEVEL=NAME, e.g. district=Huyện Bắc Kim or commune_code=00012`);
  }
  const levelText = trimmed.slice(0, at).trim().toLowerCase();
  const value = trimmed.slice(at + 1).trim();
  const coded = levelText.endsWith('_code');
  const level = coded ? levelText.slice(0, -'_code'.length) : levelText;
  if (!(LEVELS as readonly string[]).includes(level) || (coded && !(CODED as readonly string[]).includes(level))) {
    throw new UnitSelectionError(`"${trimmed.slice(0, at).trim()}" is not a level; use ${SELECTOR_LEVELS.join(', ')}`);
  }
  if (value === '') throw new UnitSelectionError(`"${trimmed}" names no ${level}; write ${levelText}=${coded ? 'CODE' : 'NAME'}`);
  const by = coded ? 'code' : 'name';
  return { text: `${levelText}=${value}`, level: level as Level, by, value, key: selectorKey(by, value) };
}

function selectorKey(by: 'name' | 'code', value: string): string {
  const key = matchKey(value);
  // Codes lose their leading zeros in spreadsheets: "12" and "00012" are the same commune code.
  return by === 'code' && /^\d+$/.test(key) ? key.replace(/^0+(?=\d)/, '') : key;
}

/** The name or code of a location at a selector's level. */
function unitValue(location: Location, level: Level, by: 'name' | 'code'): string {
  switch (level) {
    case 'province':
      return by === 'code' ? location.provinceCode : location.province;
    case 'district':
      return by === 'code' ? location.districtCode : location.district;
    case 'commune':
      return by === 'code' ? location.communeCode : location.commune;
    case 'village':
      return location.village;
  }
}

/** `district "Huyện Bắc Kim"`, `commune code "00012"`. */
export function describeSelector(selector: UnitSelector): string {
  return `${selector.level}${selector.by === 'code' ? ' code' : ''} "${selector.value}"`;
}

/** Does the household's location lie in the unit? Names compare without regard to case, diacritics and spacing. */
function inUnit(selector: UnitSelector, location: Location): boolean {
  const value = unitValue(location, selector.level, selector.by);
  return value !== '' && selectorKey(selector.by, value) === selector.key;
}

/** A unit some household was found in: its level and its location down to that level. */
interface SelectedUnit {
  level: Level;
  location: Location;
  key: string;
}

/** Names shown when a selection matches nothing (one more is kept, to know there are more). */
const NAMES_KEPT = 8;

/**
 * `--only`: the households of some units (any of them), and an account of
 * what it saw — how many households each selector took, the units they lie
 * in (so that totals above them can be the units' sums), and the names the
 * rolls give at each selector's level (so that a selection matching nothing
 * can say what there is).
 */
export class UnitFilter {
  private readonly hits: number[];
  private readonly seen: Map<string, string>[];
  private readonly units = new Map<string, SelectedUnit>();
  private lastUnit: { selector: number; location: Location } | null = null;
  /** Households read that lie in none of the units. */
  outside = 0;

  constructor(readonly selectors: readonly UnitSelector[]) {
    if (selectors.length === 0) throw new UnitSelectionError('no unit is selected');
    this.hits = selectors.map(() => 0);
    this.seen = selectors.map(() => new Map());
  }

  static parse(texts: readonly string[]): UnitFilter {
    return new UnitFilter(texts.map(parseUnitSelector));
  }

  /** `--only district=Huyện Bắc Kim --only commune=Xã Tân Lập`: the selection as it was given. */
  describe(): string {
    return this.selectors.map((s) => `--only ${s.text}`).join(' ');
  }

  /** Pure: does the location lie in one of the units? */
  matches(location: Location): boolean {
    return this.selectors.some((s) => inUnit(s, location));
  }

  /** Whether the household goes on; counts it for the selector that took it, or as outside. */
  take(location: Location): boolean {
    this.noteNames(location);
    for (let i = 0; i < this.selectors.length; i += 1) {
      if (!inUnit(this.selectors[i]!, location)) continue;
      this.hits[i]! += 1;
      this.noteUnit(i, location);
      return true;
    }
    this.outside += 1;
    return false;
  }

  /** The first few names (or codes) the rolls give at each selector's level. */
  private noteNames(location: Location): void {
    for (let i = 0; i < this.selectors.length; i += 1) {
      const names = this.seen[i]!;
      if (names.size > NAMES_KEPT) continue;
      const selector = this.selectors[i]!;
      const value = unitValue(location, selector.level, selector.by);
      if (value === '') continue;
      const key = selectorKey(selector.by, value);
      if (!names.has(key)) names.set(key, detached(value));
    }
  }

  private noteUnit(selector: number, location: Location): void {
    // Households of a unit come together: the same one as last time is not keyed again.
    const last = this.lastUnit;
    if (last !== null && last.selector === selector && sameThrough(last.location, location, this.selectors[selector]!.level)) return;
    const level = this.selectors[selector]!.level;
    const key = `${level}\u0002${areaKey(location, level)}`;
    if (!this.units.has(key)) this.units.set(key, { level, location: truncateLocation(location, level), key: areaKey(location, level) });
    this.lastUnit = { selector, location: this.units.get(key)!.location };
  }

  /** Households taken in all. */
  get taken(): number {
    return this.hits.reduce((a, b) => a + b, 0);
  }

  /** Selectors no household matched. */
  unmatched(): UnitSelector[] {
    return this.selectors.filter((_, i) => this.hits[i] === 0);
  }

  /** `district "Huyện Bắc Kim" or commune "Xã Tân Lập"`: the units of selectors that matched nothing (or all of them). */
  describeUnits(selectors: readonly UnitSelector[] = this.selectors): string {
    return selectors.map(describeSelector).join(' or ');
  }

  /** `the rolls name districts "Huyện Sơn Minh", "Huyện Ngọc Nam"`: what there is at the selectors' levels. */
  describeSeen(selectors: readonly UnitSelector[] = this.selectors): string {
    const parts: string[] = [];
    const done = new Set<string>();
    for (const selector of selectors) {
      const kind = `${selector.level}${selector.by === 'code' ? ' code' : ''}`;
      if (done.has(kind)) continue;
      done.add(kind);
      const names = [...this.seen[this.selectors.indexOf(selector)]!.values()];
      if (names.length === 0) {
        parts.push(`no ${kind}`);
        continue;
      }
      const shown = names
        .slice(0, NAMES_KEPT)
        .map((n) => `"${n}"`)
        .join(', ');
      parts.push(`${kind}s ${shown}${names.length > NAMES_KEPT ? '…' : ''}`);
    }
    return `the rolls name ${parts.join('; ')}`;
  }

  /**
   * Totals for the selection: an area within a selected unit keeps its own
   * total; an area above the units (the province, the grand total) gets the
   * sum of the units' totals, not the total of everything in it.
   */
  totalsWithin(totals: TotalsIndex): TotalsIndex {
    const units = [...this.units.values()];
    // A unit inside another selected unit is counted with it.
    const top = units.filter((u) => !units.some((v) => v !== u && depth(v.level) < depth(u.level) && areaKey(u.location, v.level) === v.key));
    return {
      lookup(level, location) {
        if (level !== 'total' && units.some((u) => depth(u.level) <= depth(level) && areaKey(location, u.level) === u.key))
          return totals.lookup(level, location);
        const below = level === 'total' ? top : top.filter((u) => depth(u.level) > depth(level) && areaKey(u.location, level) === areaKey(location, level));
        if (below.length === 0) return undefined;
        let households = 0;
        let persons: number | null = 0;
        for (const unit of below) {
          const given = totals.lookup(unit.level, unit.location);
          if (given === undefined) return undefined;
          households += given.households;
          persons = persons === null || given.persons === null ? null : persons + given.persons;
        }
        return { households, persons };
      },
    };
  }
}

function depth(level: Level): number {
  return LEVELS.indexOf(level);
}

function sameThrough(a: Location, b: Location, level: Level): boolean {
  const d = depth(level);
  return (
    a.provinceCode === b.provinceCode &&
    a.province === b.province &&
    (d < 1 || (a.districtCode === b.districtCode && a.district === b.district)) &&
    (d < 2 || (a.communeCode === b.communeCode && a.commune === b.commune)) &&
    (d < 3 || a.village === b.village)
  );
}
