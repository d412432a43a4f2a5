import { nameKey } from '../areas.js';
import type { Location } from '../household.js';
import type { PlaceTable, RollStore } from './roll-store.js';

/**
 * The July 2025 reform merged communes and removed districts. A crosswalk
 * maps each old unit (district and commune, or the commune's code) to the
 * new commune(s) it became, so that rolls from before and after compare on
 * the new units. A commune split between new ones gives each part a share,
 * or lists the households that went there.
 */
export interface CrosswalkEntry {
  /** 1-based row of the crosswalk file, for messages. */
  row: number;
  oldProvince: string;
  oldDistrict: string;
  oldCommune: string;
  oldCommuneCode: string;
  newProvinceCode: string;
  newProvince: string;
  newCommuneCode: string;
  newCommune: string;
  share: number | null;
  households: string[];
}

export class CrosswalkError extends Error {}

interface OldUnit {
  name: string;
  targets: CrosswalkEntry[];
  /** Household code → target, from the entries' lists. */
  listed: Map<string, number>;
}

export interface RelocationReport {
  /** Households moved onto new units, per store year. */
  relocated: number;
  /** Old units with households but no crosswalk entry: kept on their old units. */
  unmapped: { location: Location; households: number }[];
}

export class Crosswalk {
  private readonly byCode = new Map<string, OldUnit>();
  private readonly byName = new Map<string, OldUnit>();

  constructor(entries: readonly CrosswalkEntry[]) {
    const units = new Map<string, OldUnit>();
    for (const entry of entries) {
      if (entry.oldCommune === '' && entry.oldCommuneCode === '')
        throw new CrosswalkError(`row ${entry.row}: give the old commune (old_commune or old_commune_code)`);
      if (entry.newCommune === '' && entry.newCommuneCode === '')
        throw new CrosswalkError(`row ${entry.row}: give the new commune (new_commune or new_commune_code)`);
      const key = entry.oldCommuneCode !== '' ? `c:${entry.oldCommuneCode}` : unitNameKey(entry.oldProvince, entry.oldDistrict, entry.oldCommune);
      let unit = units.get(key);
      if (unit === undefined) {
        unit = { name: [entry.oldDistrict, entry.oldCommune || entry.oldCommuneCode].filter((p) => p !== '').join(' / '), targets: [], listed: new Map() };
        units.set(key, unit);
        if (entry.oldCommuneCode !== '') this.byCode.set(entry.oldCommuneCode, unit);
        else this.byName.set(key, unit);
      }
      for (const code of entry.households) unit.listed.set(code, unit.targets.length);
      unit.targets.push(entry);
    }
    for (const unit of units.values()) checkShares(unit);
  }

  unitOf(location: Location): OldUnit | undefined {
    if (location.communeCode !== '') {
      const unit = this.byCode.get(location.communeCode);
      if (unit !== undefined) return unit;
    }
    return (
      this.byName.get(unitNameKey(location.province, location.district, location.commune)) ??
      this.byName.get(unitNameKey('', location.district, location.commune))
    );
  }

  /**
   * Moves every household of the stores onto new units. A household of a
   * split commune goes where its list puts it, else where a later roll finds
   * it (if that is one of the parts), else the rest are shared out by the
   * parts' shares, in household-code order, so that results are repeatable.
   */
  relocate(stores: readonly RollStore[], places: PlaceTable): RelocationReport {
    const report: RelocationReport = { relocated: 0, unmapped: [] };
    const unmapped = new Map<number, number>();
    for (const store of stores) {
      const later = stores.filter((s) => s.year > store.year);
      const pending = new Map<OldUnit, number[]>();
      const assigned = new Map<OldUnit, number[]>();
      const size = store.size;
      for (let i = 0; i < size; i += 1) {
        const place = store.place[i]!;
        const location = places.places[place]!;
        const unit = this.unitOf(location);
        if (unit === undefined) {
          if (location.district !== '' || location.districtCode !== '') unmapped.set(place, (unmapped.get(place) ?? 0) + 1);
          continue;
        }
        let counts = assigned.get(unit);
        if (counts === undefined) assigned.set(unit, (counts = new Array<number>(unit.targets.length).fill(0)));
        const target = unit.targets.length === 1 ? 0 : this.knownTarget(unit, store.codes[i]!, later, places);
        if (target === null) {
          let list = pending.get(unit);
          if (list === undefined) pending.set(unit, (list = []));
          list.push(i);
          continue;
        }
        counts[target]! += 1;
        store.place[i] = places.place(newLocation(unit.targets[target]!, location));
        report.relocated += 1;
      }
      for (const [unit, list] of pending) {
        const counts = assigned.get(unit)!;
        const quotas = shareOut(unit, list.length + counts.reduce((a, b) => a + b, 0));
        list.sort((x, y) => (store.codes[x]! < store.codes[y]! ? -1 : store.codes[x]! > store.codes[y]! ? 1 : x - y));
        let target = 0;
        for (const i of list) {
          while (target < quotas.length - 1 && counts[target]! >= quotas[target]!) target += 1;
          counts[target]! += 1;
          store.place[i] = places.place(newLocation(unit.targets[target]!, places.places[store.place[i]!]!));
          report.relocated += 1;
        }
      }
    }
    // Unmapped units are reported per commune, not per village.
    const byCommune = new Map<string, { location: Location; households: number }>();
    for (const [place, households] of unmapped) {
      const location = places.places[place]!;
      const key = unitNameKey(location.province, location.district, location.commune);
      const entry = byCommune.get(key) ?? { location: { ...location, village: '' }, households: 0 };
      entry.households += households;
      byCommune.set(key, entry);
    }
    report.unmapped = [...byCommune.values()];
    return report;
  }

  private knownTarget(unit: OldUnit, code: string, later: readonly RollStore[], places: PlaceTable): number | null {
    if (code === '') return null;
    const listed = unit.listed.get(code);
    if (listed !== undefined) return listed;
    for (const store of later) {
      const at = store.ids.get(code);
      if (at === undefined) continue;
      const location = places.places[store.place[at]!]!;
      const found = unit.targets.findIndex(
        (t) =>
          (t.newCommuneCode !== '' && t.newCommuneCode === location.communeCode) ||
          (t.newCommune !== '' && nameKey(t.newCommune) === nameKey(location.commune)),
      );
      if (found >= 0) return found;
    }
    return null;
  }
}

/** Whole households per part from the shares, by largest remainder (ties to the earlier part). */
function shareOut(unit: OldUnit, households: number): number[] {
  const shares = unit.targets.map((t) => t.share ?? 0);
  const exact = shares.map((s) => s * households);
  const quotas = exact.map(Math.floor);
  let left = households - quotas.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left <= 0) break;
    quotas[i]! += 1;
    left -= 1;
  }
  return quotas;
}

function checkShares(unit: OldUnit): void {
  if (unit.targets.length === 1) {
    const share = unit.targets[0]!.share;
    if (share !== null && Math.abs(share - 1) > 0.0005)
      throw new CrosswalkError(`row ${unit.targets[0]!.row}: ${unit.name} has one new unit, so its share must be 1 (found ${share})`);
    return;
  }
  const shares = unit.targets.map((t) => t.share);
  if (shares.some((s) => s === null)) {
    const rows = unit.targets.filter((t) => t.share === null).map((t) => t.row);
    throw new CrosswalkError(`${unit.name} splits into ${unit.targets.length} new units: give each a share (rows ${rows.join(', ')} have none), summing to 1`);
  }
  const sum = shares.reduce((a: number, b) => a + b!, 0);
  if (Math.abs(sum - 1) > 0.0005) {
    throw new CrosswalkError(
      `${unit.name} splits into ${unit.targets.length} new units whose shares sum to ${Number(sum.toFixed(6))}, not 1 (rows ${unit.targets.map((t) => t.row).join(', ')})`,
    );
  }
}

function newLocation(entry: CrosswalkEntry, old: Location): Location {
  return {
    provinceCode: entry.newProvinceCode || (entry.newProvince === '' ? old.provinceCode : ''),
    province: entry.newProvince || old.province,
    districtCode: '',
    district: '',
    communeCode: entry.newCommuneCode,
    commune: entry.newCommune,
    village: old.village,
  };
}

function unitNameKey(province: string, district: string, commune: string): string {
  return `n:${nameKey(province)}\u0001${nameKey(district)}\u0001${nameKey(commune)}`;
}
