import type { Location } from './household.js';
import { detached } from './detached.js';

/** Administrative levels, from the top down. */
export const LEVELS = ['province', 'district', 'commune', 'village'] as const;
export type Level = (typeof LEVELS)[number];

export function isLevel(value: string): value is Level {
  return (LEVELS as readonly string[]).includes(value);
}

/** The location columns of the canonical roll, from the top down. */
export const LOCATION_COLUMNS = ['province_code', 'province', 'district_code', 'district', 'commune_code', 'commune', 'village'] as const;
export type LocationColumn = (typeof LOCATION_COLUMNS)[number];

const LEVEL_COLUMNS: Record<Level, readonly LocationColumn[]> = {
  province: ['province_code', 'province'],
  district: ['district_code', 'district'],
  commune: ['commune_code', 'commune'],
  village: ['village'],
};

/** Location columns at or above a level, in contract order. */
export function columnsThrough(level: Level): LocationColumn[] {
  return LEVELS.slice(0, LEVELS.indexOf(level) + 1).flatMap((l) => LEVEL_COLUMNS[l]);
}

export function locationValue(location: Location, column: LocationColumn): string {
  switch (column) {
    case 'province_code':
      return location.provinceCode;
    case 'province':
      return location.province;
    case 'district_code':
      return location.districtCode;
    case 'district':
      return location.district;
    case 'commune_code':
      return location.communeCode;
    case 'commune':
      return location.commune;
    case 'village':
      return location.village;
  }
}

/** The part of a location at or above a level; deeper parts are emptied. */
export function truncateLocation(location: Location, level: Level): Location {
  const depth = LEVELS.indexOf(level);
  // Areas outlive the rows they were first seen on: their names must not pin the rows' text.
  return {
    provinceCode: detached(location.provinceCode),
    province: detached(location.province),
    districtCode: depth >= 1 ? detached(location.districtCode) : '',
    district: depth >= 1 ? detached(location.district) : '',
    communeCode: depth >= 2 ? detached(location.communeCode) : '',
    commune: depth >= 2 ? detached(location.commune) : '',
    village: depth >= 3 ? detached(location.village) : '',
  };
}

/**
 * Identifies an area at a level by the chain of its units from the province
 * down, each unit by code when it has one and by name otherwise — so two
 * communes of the same name in different districts stay two areas.
 */
export function areaKey(location: Location, level: Level): string {
  const depth = LEVELS.indexOf(level);
  let key = unitKey(location.provinceCode, location.province);
  if (depth >= 1) key += '\u0001' + unitKey(location.districtCode, location.district);
  if (depth >= 2) key += '\u0001' + unitKey(location.communeCode, location.commune);
  if (depth >= 3) key += '\u0001' + unitKey('', location.village);
  return key;
}

function unitKey(code: string, name: string): string {
  return code !== '' ? 'c:' + code : 'n:' + nameKey(name);
}

const nameKeys = new Map<string, string>();

/** Names compare without regard to case, spacing or Unicode composition. */
export function nameKey(name: string): string {
  let key = nameKeys.get(name);
  if (key === undefined) {
    key = name.normalize('NFC').toLocaleLowerCase('vi').replace(/\s+/g, ' ').trim();
    // Names repeat across a roll; the cache is bounded by the number of distinct spellings.
    if (nameKeys.size < 1_000_000) nameKeys.set(detached(name), detached(key));
  }
  return key;
}

/** Orders areas by code then name at each unit, from the province down. */
export function compareLocations(a: Location, b: Location): number {
  return (
    compareUnit(a.provinceCode, a.province, b.provinceCode, b.province) ||
    compareUnit(a.districtCode, a.district, b.districtCode, b.district) ||
    compareUnit(a.communeCode, a.commune, b.communeCode, b.commune) ||
    compareUnit('', a.village, '', b.village)
  );
}

const collator = new Intl.Collator('vi', { numeric: true, sensitivity: 'base' });

function compareUnit(codeA: string, nameA: string, codeB: string, nameB: string): number {
  return collator.compare(codeA, codeB) || collator.compare(nameA, nameB);
}

export const EMPTY_LOCATION: Location = {
  provinceCode: '',
  province: '',
  districtCode: '',
  district: '',
  communeCode: '',
  commune: '',
  village: '',
};

/** `commune "Xã An" (code 00012) in district "Huyện Đông", province "Tỉnh Tây"`: an area for messages. */
export function describeArea(location: Location, level: Level | 'total'): string {
  if (level === 'total') return 'the total';
  const unit = (kind: string, code: string, name: string) => `${kind} "${name || '(no name)'}"${code ? ` (code ${code})` : ''}`;
  const chain: string[] = [];
  const depth = LEVELS.indexOf(level);
  if (depth >= 3) chain.push(unit('village', '', location.village));
  if (depth >= 2) chain.push(unit('commune', location.communeCode, location.commune));
  if (depth >= 1 && (location.district || location.districtCode)) chain.push(unit('district', location.districtCode, location.district));
  chain.push(unit('province', location.provinceCode, location.province));
  const [first, ...rest] = chain;
  return rest.length === 0 ? first! : `${first} in ${rest.join(', ')}`;
}
