/**
 * An independent reading of the law for checking povroll: plain if/else
 * straight from docs/standards.md, sharing no code with src/.
 * Households with missing data are left out of the comparison by callers
 * (the reference knows only complete households).
 */
export type RefClass = 'poor' | 'near_poor' | 'average' | 'non_poor';
/** A class, or `unclassified` where the roll cannot say whether a household of the average band farms. */
export type RefResult = RefClass | 'unclassified';

const ND07 = [
  'employment',
  'dependents',
  'nutrition',
  'health_insurance',
  'adult_education',
  'child_schooling',
  'housing_quality',
  'housing_area',
  'water',
  'latrine',
  'telecom',
  'information',
];
const QD59 = [
  'health_access',
  'health_insurance',
  'adult_education',
  'child_schooling',
  'housing_quality',
  'housing_area',
  'water',
  'latrine',
  'telecom',
  'information',
];
const ND351 = [
  'employment',
  'dependents',
  'nutrition',
  'health_insurance',
  'adult_education',
  'child_schooling',
  'housing_quality',
  'housing_area',
  'water',
  'latrine',
  'telecom',
  'waste',
];

export function referenceIndicators(year: number): string[] {
  if (year >= 2016 && year <= 2021) return QD59;
  if (year >= 2022 && year <= 2026) return ND07;
  if (year >= 2027 && year <= 2030) return ND351;
  throw new Error(`no standard for ${year}`);
}

/**
 * Whether a household works in agriculture, forestry, fishery or
 * salt-making: the roll's farm_household mark (1/0) when it has one; else the
 * class the commune recorded (only a farm household can be recorded as of
 * average living standard, so "average" means yes and any other class no);
 * else not known (null).
 */
export function referenceFarm(farmHousehold: string | undefined, recordedClass: string | undefined): boolean | null {
  if (farmHousehold === '1') return true;
  if (farmHousehold === '0') return false;
  if (recordedClass !== undefined && recordedClass !== '') return recordedClass === 'average';
  return null;
}

/**
 * Class of a household with known income and deprivation count. The
 * average living standard is only for farm (agriculture, forestry, fishery,
 * salt-making) households: one of the band that does not farm is non-poor,
 * and one whose farming is not known is unclassified.
 */
export function referenceClass(year: number, area: 'rural' | 'urban', income: number, deprivations: number, farm: boolean | null): RefResult {
  const rural = area === 'rural';
  const band = (): RefResult => (farm === null ? 'unclassified' : farm ? 'average' : 'non_poor');
  if (year >= 2016 && year <= 2021) {
    const poverty = rural ? 700000 : 900000;
    const nearPoverty = rural ? 1000000 : 1300000;
    const upper = rural ? 1500000 : 1950000;
    if (income <= poverty) return 'poor';
    if (income <= nearPoverty) return deprivations >= 3 ? 'poor' : 'near_poor';
    if (income <= upper) return band();
    return 'non_poor';
  }
  if (year >= 2022 && year <= 2026) {
    const poverty = rural ? 1500000 : 2000000;
    const upper = rural ? 2250000 : 3000000;
    if (income <= poverty) return deprivations >= 3 ? 'poor' : 'near_poor';
    if (income <= upper) return band();
    return 'non_poor';
  }
  const poverty = rural ? 2200000 : 2800000;
  if (income <= poverty) return deprivations >= 3 ? 'poor' : 'near_poor';
  return 'non_poor';
}

/** Rate as officials print it: count ÷ total × 100, two decimals, half up. */
export function referenceRate(count: number, total: number): string {
  if (total === 0) return '';
  const hundredths = Math.round((count * 10000) / total + 1e-9);
  return (hundredths / 100).toFixed(2);
}
