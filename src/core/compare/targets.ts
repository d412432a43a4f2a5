import { type Level, LEVELS, isLevel, nameKey } from '../areas.js';
import type { Location } from '../household.js';
import { INDICATOR_CODES, type IndicatorCode, indicatorBit, isIndicatorCode } from '../indicators.js';

/**
 * Resolution targets a province reports against (docs/settings.md, "Targets files"):
 * the poor-household rate down by at least so many points a year, overall
 * or in named areas, and shares of poor households not deprived in an
 * indicator (or in any of several: "durable houses with ≥ 8 m² a person").
 */
export interface TargetSet {
  name: string;
  reduction: ReductionTarget[];
  indicators: IndicatorTarget[];
}

export interface ReductionTarget {
  minPointsPerYear: number;
  /** Empty: every area not named by another target. */
  areas: AreaRef[];
  label: string;
}

interface AreaRef {
  level: Level;
  /** Code or name, as the rolls write it. */
  unit: string;
}

export interface IndicatorTarget {
  id: string;
  indicators: IndicatorCode[];
  mask: number;
  minPercent: number;
  label: string;
}

export class TargetFileError extends Error {}

/** Checks and reads a targets definition (JSON already parsed); every fault names its entry. */
export function parseTargets(raw: unknown): TargetSet {
  if (!isObject(raw)) throw new TargetFileError('the file must hold one JSON object');
  const known = new Set(['name', 'source', 'note', 'poor_rate_reduction', 'poor_households_not_deprived']);
  for (const key of Object.keys(raw)) if (!known.has(key)) throw new TargetFileError(`unknown entry "${key}" (expected ${[...known].join(', ')})`);
  const reductions = arrayAt(raw, 'poor_rate_reduction');
  const indicators = arrayAt(raw, 'poor_households_not_deprived');
  if (reductions.length + indicators.length === 0) throw new TargetFileError('no target: give "poor_rate_reduction" or "poor_households_not_deprived"');
  const reduction = reductions.map((entry, i): ReductionTarget => {
    const where = `poor_rate_reduction[${i}]`;
    if (!isObject(entry)) throw new TargetFileError(`${where} must be an object`);
    const min = entry['min_points_per_year'];
    if (typeof min !== 'number' || !(min >= 0)) throw new TargetFileError(`${where}.min_points_per_year must be a number of points ≥ 0`);
    const areas = entry['areas'] === undefined ? [] : entry['areas'];
    if (!Array.isArray(areas)) throw new TargetFileError(`${where}.areas must be a list of {"level", "unit"}`);
    return {
      minPointsPerYear: min,
      areas: areas.map((area, k) => areaRef(area, `${where}.areas[${k}]`)),
      label: typeof entry['label'] === 'string' ? entry['label'] : areas.length === 0 ? 'all areas' : `named areas ${i + 1}`,
    };
  });
  if (reduction.filter((t) => t.areas.length === 0).length > 1)
    throw new TargetFileError('poor_rate_reduction: only one entry may leave out "areas" (the default target)');
  const indicatorTargets = indicators.map((entry, i): IndicatorTarget => {
    const where = `poor_households_not_deprived[${i}]`;
    if (!isObject(entry)) throw new TargetFileError(`${where} must be an object`);
    const codes = entry['indicators'];
    if (!Array.isArray(codes) || codes.length === 0) throw new TargetFileError(`${where}.indicators must be a list of indicator codes`);
    for (const code of codes) {
      if (typeof code !== 'string' || !isIndicatorCode(code)) {
        throw new TargetFileError(`${where}.indicators: unknown indicator "${String(code)}" (known: ${INDICATOR_CODES.join(', ')})`);
      }
    }
    const min = entry['min_percent'];
    if (typeof min !== 'number' || !(min >= 0 && min <= 100)) throw new TargetFileError(`${where}.min_percent must be a percentage from 0 to 100`);
    const list = codes as IndicatorCode[];
    return {
      id: list.join('_and_'),
      indicators: list,
      mask: list.reduce((mask, code) => mask | indicatorBit(code), 0),
      minPercent: min,
      label: typeof entry['label'] === 'string' ? entry['label'] : list.join(' + '),
    };
  });
  return { name: typeof raw['name'] === 'string' ? raw['name'] : 'targets', reduction, indicators: indicatorTargets };
}

/** The reduction target of an area: the first that names it (or a unit above it), else the default. */
export function reductionTargetFor(targets: TargetSet, location: Location, level: Level | 'total'): ReductionTarget | null {
  const depth = level === 'total' ? -1 : LEVELS.indexOf(level);
  for (const target of targets.reduction) {
    if (target.areas.some((ref) => LEVELS.indexOf(ref.level) <= depth && names(ref, location))) return target;
  }
  return targets.reduction.find((t) => t.areas.length === 0) ?? null;
}

function names(ref: AreaRef, location: Location): boolean {
  const [code, name] =
    ref.level === 'province'
      ? [location.provinceCode, location.province]
      : ref.level === 'district'
        ? [location.districtCode, location.district]
        : ref.level === 'commune'
          ? [location.communeCode, location.commune]
          : ['', location.village];
  return (code !== '' && code === ref.unit) || nameKey(name) === nameKey(ref.unit);
}

function areaRef(raw: unknown, where: string): AreaRef {
  if (!isObject(raw)) throw new TargetFileError(`${where} must be {"level": "district", "unit": "Huyện …"}`);
  const level = raw['level'];
  const unit = raw['unit'];
  if (typeof level !== 'string' || !isLevel(level)) throw new TargetFileError(`${where}.level must be one of ${LEVELS.join(', ')}`);
  if (typeof unit !== 'string' || unit.trim() === '') throw new TargetFileError(`${where}.unit must name the unit or give its code`);
  return { level, unit: unit.normalize('NFC').trim() };
}

function arrayAt(raw: Record<string, unknown>, key: string): unknown[] {
  const value = raw[key];
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new TargetFileError(`"${key}" must be a list`);
  return value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
