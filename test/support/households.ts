import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Household } from '../../src/core/household.js';
import { type IndicatorCode, maskOf } from '../../src/core/indicators.js';
import { type Standard, parseStandard } from '../../src/core/standard.js';

/** A built-in standard read straight from its definition file. */
export function standardFile(id: string): Standard {
  return parseStandard(JSON.parse(readFileSync(fileURLToPath(new URL(`../../standards/${id}.json`, import.meta.url)), 'utf8')));
}

/** A household with every field set to something plain, overridden by `fields`. */
export function household(fields: Partial<Household> & { deprivedIn?: IndicatorCode[]; assessedAll?: IndicatorCode[] } = {}): Household {
  const { deprivedIn, assessedAll, ...rest } = fields;
  const all =
    assessedAll ??
    ([
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
    ] as IndicatorCode[]);
  return {
    id: 'H1',
    location: { provinceCode: '01', province: 'Tỉnh A', districtCode: '001', district: 'Huyện B', communeCode: '00001', commune: 'Xã C', village: 'Thôn D' },
    area: 'rural',
    reviewYear: 2024,
    members: 4,
    income: 1_000_000,
    scoreB1: null,
    scoreB2: null,
    deprived: maskOf(deprivedIn ?? []),
    deprivationTotal: null,
    assessed: maskOf(all),
    recordedClass: null,
    priorStatus: null,
    farm: null,
    traits: 0,
    ethnicity: '',
    cause: '',
    ...rest,
  };
}
