/**
 * Deprivation indicator codes: the union over every standard, in the order
 * of the canonical roll's `d_<indicator>` columns (docs/roll.md). Each
 * standard uses its own subset, in its own legal order.
 */
export const INDICATOR_CODES = [
  'employment',
  'dependents',
  'nutrition',
  'health_insurance',
  'health_access',
  'adult_education',
  'child_schooling',
  'housing_quality',
  'housing_area',
  'water',
  'latrine',
  'telecom',
  'information',
  'waste',
] as const;

export type IndicatorCode = (typeof INDICATOR_CODES)[number];

const INDICATOR_SET: ReadonlySet<string> = new Set(INDICATOR_CODES);

export function isIndicatorCode(value: string): value is IndicatorCode {
  return INDICATOR_SET.has(value);
}

/** Position of each code in INDICATOR_CODES, for array-backed tallies. */
export const INDICATOR_INDEX: Readonly<Record<IndicatorCode, number>> = Object.fromEntries(INDICATOR_CODES.map((code, index) => [code, index])) as Record<
  IndicatorCode,
  number
>;

/** The bit of an indicator in a deprivation mask (bit i = INDICATOR_CODES[i]). */
export function indicatorBit(code: IndicatorCode): number {
  return 1 << INDICATOR_INDEX[code];
}

export function maskOf(codes: readonly IndicatorCode[]): number {
  let mask = 0;
  for (const code of codes) mask |= indicatorBit(code);
  return mask;
}

/** Number of indicators in a mask. */
export function bitCount(mask: number): number {
  let count = 0;
  for (let m = mask; m !== 0; m &= m - 1) count += 1;
  return count;
}
