import { LOCATION_COLUMNS, areaKey, locationValue } from '../areas.js';
import type { PlaceTable, RollStore } from './roll-store.js';

/** Columns of `compare --moves`: one row per household found in another commune in the next roll. */
export const MOVE_COLUMNS = [
  'household_id',
  'from_year',
  'to_year',
  ...LOCATION_COLUMNS.map((c) => `from_${c}`),
  ...LOCATION_COLUMNS.map((c) => `to_${c}`),
  'class_before',
  'class_after',
  'source_before',
  'source_after',
];

/**
 * Households found in a different commune in the next roll, in MOVE_COLUMNS
 * order: each is an other decrease where it was and an other increase where
 * it went, and an office will want to see them by name of place.
 */
export function movedHouseholds(before: RollStore, after: RollStore, places: PlaceTable): string[][] {
  const rows: string[][] = [];
  for (let i = 0; i < before.size; i += 1) {
    const code = before.codes[i]!;
    const j = code === '' ? undefined : after.ids.get(code);
    if (j === undefined) continue;
    const from = places.places[before.place[i]!]!;
    const to = places.places[after.place[j]!]!;
    if (areaKey(from, 'commune') === areaKey(to, 'commune')) continue;
    const b = before.whereOf(i);
    const a = after.whereOf(j);
    rows.push([
      code,
      String(before.year),
      String(after.year),
      ...LOCATION_COLUMNS.map((c) => locationValue(from, c)),
      ...LOCATION_COLUMNS.map((c) => locationValue(to, c)),
      before.classOf(i),
      after.classOf(j),
      `${b.source}!${b.row}`,
      `${a.source}!${a.row}`,
    ]);
  }
  return rows;
}
