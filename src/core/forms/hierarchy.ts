import { type Level, LEVELS, areaKey, describeArea } from '../areas.js';
import type { Location } from '../household.js';
import type { CellValue, SummaryRow } from '../sheet-model.js';

/** An area placed on a form: its row, whether it heads others, and the rows that add up to it. */
export interface FormPlace<T> {
  item: T;
  level: Level | 'total';
  location: Location;
  /** A unit followed by its own units (a district over its communes): printed bold. */
  group: boolean;
  /** Indexes of the rows directly below it; the total lists the top rows. */
  sumOf: number[];
  /** "I", "II" for the upper units, "1", "2" for the lowest, empty for the total. */
  number: string;
  /** The unit above, when the form does not show it and the name alone repeats ("Thị trấn An Kim" of three districts). */
  qualifier?: string;
}

/**
 * Orders areas as the forms print them: each unit of the upper level in bold,
 * followed by its units of the level below, down to the deepest level asked
 * for; the total last. A level with a single unit that is the whole roll (one
 * province) is left out: the total row stands for it.
 */
export function formOrder<T>(
  items: readonly T[],
  total: T,
  level: (item: T) => Level | 'total',
  location: (item: T) => Location,
  levels: readonly Level[],
): FormPlace<T>[] {
  const present = LEVELS.filter((l) => levels.includes(l));
  const byLevel = new Map(present.map((l) => [l, items.filter((item) => level(item) === l)]));
  const shown = present.filter((l, i) => !(i === 0 && present.length > 1 && byLevel.get(l)!.length <= 1));
  const places: FormPlace<T>[] = [];
  // Each level's units grouped under their parent once: looking a parent's units up by scanning would be quadratic.
  const byParent = shown.map((here, depth) => {
    const above = depth > 0 ? shown[depth - 1]! : null;
    const groups = new Map<string, T[]>();
    for (const item of byLevel.get(here)!) {
      const key = above === null ? '' : areaKey(location(item), above);
      let list = groups.get(key);
      if (list === undefined) groups.set(key, (list = []));
      list.push(item);
    }
    return groups;
  });
  const childrenOf = (parent: Location | null, depth: number): number[] => {
    const here = shown[depth];
    if (here === undefined) return [];
    const above = depth > 0 ? shown[depth - 1]! : null;
    const items = byParent[depth]!.get(parent === null || above === null ? '' : areaKey(parent, above)) ?? [];
    const group = depth < shown.length - 1;
    return items.map((item, i) => {
      const at = places.length;
      places.push({ item, level: here, location: location(item), group, sumOf: [], number: group ? roman(i + 1) : String(i + 1) });
      places[at]!.sumOf = childrenOf(location(item), depth + 1);
      return at;
    });
  };
  const top = childrenOf(null, 0);
  qualifyRepeatedNames(places, shown);
  places.push({ item: total, level: 'total', location: location(total), group: false, sumOf: top, number: '' });
  return places;
}

/**
 * Commune names repeat across districts: where the form does not show the
 * level above a unit and its name is not unique at its level, the unit takes
 * the name of the unit above it along, so that no two rows read the same.
 */
function qualifyRepeatedNames(places: FormPlace<unknown>[], shown: readonly Level[]): void {
  for (const level of shown) {
    const depth = LEVELS.indexOf(level);
    const parent = LEVELS[depth - 1];
    if (parent === undefined || shown.includes(parent)) continue;
    const atLevel = places.filter((p) => p.level === level);
    const counts = new Map<string, number>();
    for (const place of atLevel) counts.set(ownName(place), (counts.get(ownName(place)) ?? 0) + 1);
    for (const place of atLevel) {
      if ((counts.get(ownName(place)) ?? 0) < 2) continue;
      const above = ownName({ level: parent, location: place.location }) || (depth >= 2 ? place.location.province : '');
      if (above !== '') place.qualifier = above;
    }
  }
}

function ownName(place: { level: Level | 'total'; location: Location }): string {
  const l = place.location;
  return place.level === 'province'
    ? l.province
    : place.level === 'district'
      ? l.district
      : place.level === 'commune'
        ? l.commune
        : place.level === 'village'
          ? l.village
          : '';
}

/** A place's row on a form: list number, unit name, the given cells; bold for upper units and the total; sums over the rows below. */
export function placeRow<T>(place: FormPlace<T>, cells: CellValue[], totalName: string, summed = true): SummaryRow {
  return {
    style: rowStyle(place),
    cells: [place.number, formUnitName(place, totalName), ...cells],
    ...(summed && place.sumOf.length > 0 && { sumOf: place.sumOf }),
  };
}

export function rowStyle(place: FormPlace<unknown>): SummaryRow['style'] {
  return place.level === 'total' ? 'total' : place.group ? 'group' : 'area';
}

/** The unit's own name on a form row ("Xã Tân Lập", "Thị trấn An Kim (Huyện Bắc Kim)"), or a description for a unit without one. */
export function formUnitName(place: { level: Level | 'total'; location: Location; qualifier?: string }, fallback: string): string {
  const name = ownName(place);
  if (name !== '') return place.qualifier === undefined ? name : `${name} (${place.qualifier})`;
  return place.level === 'total' ? fallback : describeArea(place.location, place.level);
}

function roman(n: number): string {
  const numerals: [number, string][] = [
    [1000, 'M'],
    [900, 'CM'],
    [500, 'D'],
    [400, 'CD'],
    [100, 'C'],
    [90, 'XC'],
    [50, 'L'],
    [40, 'XL'],
    [10, 'X'],
    [9, 'IX'],
    [5, 'V'],
    [4, 'IV'],
    [1, 'I'],
  ];
  let text = '';
  let rest = n;
  for (const [value, numeral] of numerals) {
    while (rest >= value) {
      text += numeral;
      rest -= value;
    }
  }
  return text;
}
