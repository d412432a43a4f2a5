import { type Level, LEVELS, areaKey, truncateLocation } from './areas.js';
import type { Location } from './household.js';

/** Resident households (and persons) of an area, from a `--totals` file. */
export interface AreaTotal {
  location: Location;
  households: number;
  persons: number | null;
}

export interface TotalsIndex {
  lookup(level: Level | 'total', location: Location): { households: number; persons: number | null } | undefined;
}

/** The deepest level a totals row names, or 'total' for a row that names no area. */
function totalLevel(location: Location): Level | 'total' {
  if (location.village !== '') return 'village';
  if (location.communeCode !== '' || location.commune !== '') return 'commune';
  if (location.districtCode !== '' || location.district !== '') return 'district';
  if (location.provinceCode !== '' || location.province !== '') return 'province';
  return 'total';
}

/**
 * Indexes area totals. An area without a row of its own gets the sum of the
 * areas directly below it that have one (or that have sums of their own), so
 * a file of commune totals also serves districts, the province and the total.
 */
export function buildTotalsIndex(rows: readonly AreaTotal[]): TotalsIndex {
  type Entry = { households: number; persons: number | null; explicit: boolean };
  const byLevel = new Map<Level | 'total', Map<string, Entry & { location: Location }>>();
  const keyOf = (level: Level | 'total', location: Location): string => (level === 'total' ? '' : areaKey(location, level));
  const mapOf = (level: Level | 'total') => {
    let map = byLevel.get(level);
    if (!map) byLevel.set(level, (map = new Map()));
    return map;
  };

  for (const row of rows) {
    const level = totalLevel(row.location);
    const map = mapOf(level);
    const key = keyOf(level, row.location);
    if (map.has(key)) throw new Error(`the totals name the same area twice`);
    map.set(key, { households: row.households, persons: row.persons, explicit: true, location: row.location });
  }

  const upward: (Level | 'total')[] = [...LEVELS].reverse();
  upward.push('total');
  for (let i = 0; i < upward.length - 1; i += 1) {
    const parentLevel = upward[i + 1]!;
    const parents = mapOf(parentLevel);
    for (const child of mapOf(upward[i]!).values()) {
      const parentLocation = parentLevel === 'total' ? child.location : truncateLocation(child.location, parentLevel);
      const key = keyOf(parentLevel, parentLocation);
      const parent = parents.get(key);
      if (parent?.explicit) continue;
      if (parent === undefined) {
        parents.set(key, { households: child.households, persons: child.persons, explicit: false, location: parentLocation });
      } else {
        parent.households += child.households;
        parent.persons = parent.persons === null || child.persons === null ? null : parent.persons + child.persons;
      }
    }
  }

  return {
    lookup(level, location) {
      const entry = byLevel.get(level)?.get(keyOf(level, location));
      return entry && { households: entry.households, persons: entry.persons };
    },
  };
}
