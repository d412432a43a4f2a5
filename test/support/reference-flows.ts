/**
 * Flows written straight from the contract's definitions, one household at a
 * time, with no shared code: the reference compare is checked against.
 */
export type RefClass = 'poor' | 'near_poor' | 'average' | 'non_poor' | 'unclassified';

export interface RefHousehold {
  id: string;
  /** The household's area at the level being checked ('' for the total). */
  area: string;
  class: RefClass;
  prior?: 'continuing' | 're_entered' | 'new' | '';
}

export type RefFlows = Record<string, number>;

const present = (h: RefHousehold | undefined): h is RefHousehold => h !== undefined && h.class !== 'unclassified';
const other = (h: RefHousehold) => h.class === 'average' || h.class === 'non_poor';

/** Flows per area between rolls[k] and rolls[k + 1]; rolls[0..k-1] are the earlier ones. */
export function referenceFlows(rolls: RefHousehold[][], k: number): Map<string, RefFlows> {
  const before = rolls[k]!;
  const after = rolls[k + 1]!;
  const earlier = rolls.slice(0, k);
  const byId = (roll: RefHousehold[]) => new Map(roll.filter((h) => h.id !== '').map((h) => [h.id, h]));
  const afterById = byId(after);
  const beforeById = byId(before);
  const result = new Map<string, RefFlows>();
  const add = (area: string, column: string) => {
    const flows = result.get(area) ?? {};
    flows[column] = (flows[column] ?? 0) + 1;
    result.set(area, flows);
  };
  const wasEarlier = (id: string, klass: RefClass) => earlier.some((roll) => roll.some((h) => h.id === id && id !== '' && h.class === klass));
  const reEntered = (h: RefHousehold, klass: RefClass) => (earlier.length > 0 ? wasEarlier(h.id, klass) : h.prior === 're_entered');

  for (const b of before) {
    if (b.class !== 'poor' && b.class !== 'near_poor') continue;
    const a = b.id === '' ? undefined : afterById.get(b.id);
    const stayed = present(a) && a.area === b.area;
    const prefix = b.class === 'poor' ? 'poor' : 'near_poor';
    add(b.area, `${prefix}_start`);
    if (!present(a)) add(b.area, `${prefix}_missing_after`);
    if (!stayed) add(b.area, `${prefix}_other_decrease`);
    else if (other(a!)) add(b.area, `${prefix}_escaped`);
    else if (b.class === 'poor' && a!.class === 'near_poor') add(b.area, 'poor_to_near_poor');
    else if (b.class === 'near_poor' && a!.class === 'poor') add(b.area, 'near_poor_to_poor');
  }
  for (const a of after) {
    if (a.class !== 'poor' && a.class !== 'near_poor') continue;
    const b = a.id === '' ? undefined : beforeById.get(a.id);
    const stayed = present(b) && b.area === a.area;
    const prefix = a.class === 'poor' ? 'poor' : 'near_poor';
    add(a.area, `${prefix}_end`);
    if (!stayed) add(a.area, `${prefix}_other_increase`);
    else if (other(b!)) add(a.area, reEntered(a, a.class) ? `${prefix}_re_entered` : `${prefix}_new`);
  }
  return result;
}
