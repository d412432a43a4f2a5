/**
 * An independent reading of the law for checking povroll: plain if/else
 * straight from ../shared/spec/standards.md, sharing no code with src/.
 * Households with missing data are left out of the comparison by callers
 * (the reference knows only complete households).
 */
export type RefClass = 'poor' | 'near_poor' | 'average' | 'non_poor';

const ND07 = ['employment', 'dependents', 'nutrition', 'health_insurance', 'adult_education', 'child_schooling', 'housing_quality', 'housing_area', 'water', 'latrine', 'telecom', 'information'];
const QD59 = ['health_access', 'health_insurance', 'adult_education', 'child_schooling', 'housing_quality', 'housing_area', 'water', 'latrine', 'telecom', 'information'];
const ND351 = ['employment', 'dependents', 'nutrition', 'health_insurance', 'adult_education', 'child_schooling', 'housing_quality', 'housing_area', 'water', 'latrine', 'telecom', 'waste'];

export function referenceIndicators(year: number): string[] {
  if (year >= 2016 && year <= 2021) return QD59;
  if (year >= 2022 && year <= 2026) return ND07;
  if (year >= 2027 && year <= 2030) return ND351;
  throw new Error(`no standard for ${year}`);
}

/** Class of a household with known income and deprivation count. */
export function referenceClass(year: number, area: 'rural' | 'urban', income: number, deprivations: number): RefClass {
  const rural = area === 'rural';
  if (year >= 2016 && year <= 2021) {
    const poverty = rural ? 700000 : 900000;
    const nearPoverty = rural ? 1000000 : 1300000;
    const upper = rural ? 1500000 : 1950000;
    if (income <= poverty) return 'poor';
    if (income <= nearPoverty) return deprivations >= 3 ? 'poor' : 'near_poor';
    if (income <= upper) return 'average';
    return 'non_poor';
  }
  if (year >= 2022 && year <= 2026) {
    const poverty = rural ? 1500000 : 2000000;
    const upper = rural ? 2250000 : 3000000;
    if (income <= poverty) return deprivations >= 3 ? 'poor' : 'near_poor';
    if (income <= upper) return 'average';
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
