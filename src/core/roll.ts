import { EMPTY_LOCATION, LOCATION_COLUMNS } from './areas.js';
import {
  type Area,
  type Household,
  type HouseholdClass,
  type Location,
  type PriorStatus,
  PRIOR_STATUSES,
  TRAIT_ETHNICITY_KNOWN,
  TRAIT_FEMALE_HEAD,
  TRAIT_MERIT,
  TRAIT_MINORITY,
  TRAIT_NO_LABOR,
  isHouseholdClass,
} from './household.js';
import { INDICATOR_CODES, indicatorBit } from './indicators.js';

/** The household's group flags, cause and recorded class, in contract order. */
const GROUP_COLUMNS = [
  'ethnicity',
  'ethnic_minority',
  'merit_policy',
  'social_protection',
  'no_labor_capacity',
  'female_head',
  'poverty_cause',
  'recorded_class',
] as const;

/**
 * Columns povroll reads and writes beyond the contract's, after them (the
 * contract fixes the order of its own): a deprivation count written instead
 * of marks, the list's own word on a household's past, and whether the
 * household works in agriculture, forestry, fishery or salt-making (`1`, `0`
 * or empty), the households the "average living standard" class is for.
 */
export const EXTRA_ROLL_COLUMNS = ['deprivation_total', 'prior_status', 'farm_household'] as const;

/** Columns of the canonical household roll, in contract order (docs/roll.md). */
export const ROLL_COLUMNS = [
  'household_id',
  'head_name',
  ...LOCATION_COLUMNS,
  'area',
  'review_year',
  'members',
  'income_per_capita',
  'score_b1',
  'score_b2',
  ...INDICATOR_CODES.map((code) => `d_${code}` as const),
  ...GROUP_COLUMNS,
  'source',
] as const;
export type RollColumn = (typeof ROLL_COLUMNS)[number];

/** Columns `classify` appends: the contract's, then our own. */
export const CLASSIFIED_COLUMNS = [
  'standard',
  'poverty_line',
  'deprivation_count',
  'deprived',
  'class',
  'class_basis',
  'class_mismatch',
  'standard_indicators',
  'unclassified_reason',
  'possible_classes',
] as const;
export type ClassifiedColumn = (typeof CLASSIFIED_COLUMNS)[number];

/** A value in a row that does not fit its column. */
export class FieldError extends Error {
  constructor(
    readonly column: string,
    readonly value: string,
    readonly expected: string,
  ) {
    super(`column "${column}": expected ${expected}, found "${value}"`);
    this.name = 'FieldError';
  }
}

/** Where each column sits in a row, -1 when the roll lacks it. */
export type ColumnIndex = Record<string, number>;

export function indexColumns(header: readonly string[], wanted: readonly string[]): ColumnIndex {
  const positions = new Map<string, number>();
  header.forEach((name, position) => {
    const trimmed = name.trim();
    if (!positions.has(trimmed)) positions.set(trimmed, position);
  });
  const index: ColumnIndex = {};
  for (const column of wanted) index[column] = positions.get(column) ?? -1;
  return index;
}

/** The trimmed text of a named column in a record of a canonical CSV table (empty when the table has no such column). */
export function columnText(cells: readonly string[], index: ColumnIndex, column: string): string {
  const position = index[column] ?? -1;
  return position < 0 ? '' : (cells[position] ?? '').trim();
}

/**
 * Builds the reader of one roll's rows: column positions are looked up once
 * per header, not once per cell, since this runs for every household.
 * The returned function throws FieldError on a value that does not fit.
 * With `facts: 'checks'` it reads only what the pipeline's checks look at
 * (code, year, members, income, scores, marks) and leaves the place and the
 * groups empty: ingest writes cells, and a place per household would cost it
 * a tenth of its time.
 */
export function createHouseholdParser(index: ColumnIndex, facts: 'all' | 'checks' = 'all'): (cells: readonly string[]) => Household {
  const at = (column: string) => index[column] ?? -1;
  const id = at('household_id');
  const area = at('area');
  const year = at('review_year');
  const members = at('members');
  const income = at('income_per_capita');
  const b1 = at('score_b1');
  const b2 = at('score_b2');
  const recorded = at('recorded_class');
  const total = at('deprivation_total');
  const prior = at('prior_status');
  const farm = at('farm_household');
  const ethnicity = at('ethnicity');
  const cause = at('poverty_cause');
  const traitColumns = (
    [
      ['merit_policy', TRAIT_MERIT],
      ['no_labor_capacity', TRAIT_NO_LABOR],
      ['female_head', TRAIT_FEMALE_HEAD],
    ] as const
  )
    .map(([column, bit]) => ({ column, bit, position: at(column) }))
    .filter((t) => t.position >= 0);
  const minority = at('ethnic_minority');
  const flags = INDICATOR_CODES.map((code) => ({ position: at(`d_${code}`), bit: indicatorBit(code), column: `d_${code}` })).filter((f) => f.position >= 0);
  const location = facts === 'all' ? createLocationParser(index) : () => EMPTY_LOCATION;
  const text = (cells: readonly string[], position: number) => (position < 0 ? '' : (cells[position] ?? '').trim());
  const readTraits = (cells: readonly string[]): number => {
    let traits = 0;
    for (const trait of traitColumns) if (readFlag(text(cells, trait.position), trait.column)) traits |= trait.bit;
    const flag = text(cells, minority);
    if (flag !== '') traits |= TRAIT_ETHNICITY_KNOWN | (readFlag(flag, 'ethnic_minority') ? TRAIT_MINORITY : 0);
    else {
      // No flag: the ethnic group tells, Kinh being the majority.
      const group = text(cells, ethnicity);
      if (group !== '') traits |= TRAIT_ETHNICITY_KNOWN | (isKinh(group) ? 0 : TRAIT_MINORITY);
    }
    return traits;
  };
  return (cells) => {
    let deprived = 0;
    let assessed = 0;
    for (const flag of flags) {
      const value = text(cells, flag.position);
      if (value === '') continue;
      if (value === '1' || value === '1.0') deprived |= flag.bit;
      else if (value !== '0' && value !== '0.0') throw new FieldError(flag.column, value, '1, 0 or empty');
      assessed |= flag.bit;
    }
    return {
      id: text(cells, id),
      location: location(cells),
      area: readArea(text(cells, area)),
      reviewYear: readYear(text(cells, year), 'review_year'),
      members: readWholeNumber(text(cells, members), 'members'),
      income: readNumber(text(cells, income), 'income_per_capita'),
      scoreB1: readNumber(text(cells, b1), 'score_b1'),
      scoreB2: readNumber(text(cells, b2), 'score_b2'),
      deprived,
      assessed,
      deprivationTotal: readWholeNumber(text(cells, total), 'deprivation_total'),
      recordedClass: readClass(text(cells, recorded), 'recorded_class'),
      priorStatus: readPriorStatus(text(cells, prior)),
      farm: readOptionalFlag(text(cells, farm), 'farm_household'),
      traits: facts === 'all' ? readTraits(cells) : 0,
      ethnicity: facts === 'all' ? text(cells, ethnicity) : '',
      cause: facts === 'all' ? text(cells, cause) : '',
    };
  };
}

/** Builds the reader of the location columns of one roll's rows (positions looked up once). */
export function createLocationParser(index: ColumnIndex): (cells: readonly string[]) => Location {
  const [provinceCode, province, districtCode, district, communeCode, commune, village] = LOCATION_COLUMNS.map((column) => index[column] ?? -1) as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const text = (cells: readonly string[], position: number) => (position < 0 ? '' : (cells[position] ?? '').trim());
  return (cells) => ({
    provinceCode: text(cells, provinceCode),
    province: text(cells, province),
    districtCode: text(cells, districtCode),
    district: text(cells, district),
    communeCode: text(cells, communeCode),
    commune: text(cells, commune),
    village: text(cells, village),
  });
}

const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;
// "4.0" is how spreadsheet and pandas exports write a whole number in a column with blanks.
const WHOLE_NUMBER = /^\d+(\.0+)?$/;

function readNumber(text: string, column: string): number | null {
  if (text === '') return null;
  if (!PLAIN_NUMBER.test(text)) throw new FieldError(column, text, 'a plain number');
  return Number(text);
}

export function readWholeNumber(text: string, column: string): number | null {
  if (text === '') return null;
  if (!WHOLE_NUMBER.test(text)) throw new FieldError(column, text, 'a whole number');
  return Number(text);
}

function readYear(text: string, column: string): number | null {
  if (text === '') return null;
  const year = WHOLE_NUMBER.test(text) ? Number(text) : NaN;
  if (!(year >= 1000 && year <= 9999)) throw new FieldError(column, text, 'a four-digit year');
  return year;
}

function readArea(text: string): Area | null {
  if (text === '') return null;
  if (text === 'rural' || text === 'urban') return text;
  const lower = text.toLowerCase();
  if (lower === 'rural' || lower === 'urban') return lower;
  throw new FieldError('area', text, '"rural" or "urban"');
}

function readClass(text: string, column: string): HouseholdClass | null {
  if (text === '') return null;
  if (isHouseholdClass(text)) return text;
  throw new FieldError(column, text, 'poor, near_poor, average or non_poor');
}

function readPriorStatus(text: string): PriorStatus | null {
  if (text === '') return null;
  if ((PRIOR_STATUSES as readonly string[]).includes(text)) return text as PriorStatus;
  throw new FieldError('prior_status', text, 'continuing, re_entered or new');
}

/** `1` or `0`, or null for an empty cell: a fact the roll may not give (farm_household). */
function readOptionalFlag(text: string, column: string): boolean | null {
  if (text === '') return null;
  if (text === '1' || text === '1.0') return true;
  if (text === '0' || text === '0.0') return false;
  throw new FieldError(column, text, '1, 0 or empty');
}

function readFlag(text: string, column: string): boolean {
  if (text === '' || text === '0') return false;
  if (text === '1') return true;
  throw new FieldError(column, text, '1, 0 or empty');
}

/** Kinh, the majority group, however the roll spells it ("Kinh", "KINH", "Dân tộc Kinh"). */
export function isKinh(ethnicity: string): boolean {
  return /^(dân tộc\s+)?kinh$/i.test(ethnicity.trim().normalize('NFC'));
}
