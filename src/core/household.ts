export const AREAS = ['rural', 'urban'] as const;
export type Area = (typeof AREAS)[number];

/** The four classes of the law, worst first. */
export const HOUSEHOLD_CLASSES = ['poor', 'near_poor', 'average', 'non_poor'] as const;
export type HouseholdClass = (typeof HOUSEHOLD_CLASSES)[number];

/** A class as computed: `unclassified` when the data cannot decide it. */
export type ClassResult = HouseholdClass | 'unclassified';

export function isHouseholdClass(value: string): value is HouseholdClass {
  return (HOUSEHOLD_CLASSES as readonly string[]).includes(value);
}

export interface Location {
  provinceCode: string;
  province: string;
  districtCode: string;
  district: string;
  communeCode: string;
  commune: string;
  village: string;
}

/** The household-level facts classification and aggregation need. */
export interface Household {
  id: string;
  location: Location;
  area: Area | null;
  reviewYear: number | null;
  members: number | null;
  income: number | null;
  scoreB1: number | null;
  scoreB2: number | null;
  /**
   * Deprivations as bit masks over INDICATOR_CODES (see indicators.ts):
   * `deprived` holds the indicators known to be deprived, `assessed` those
   * whose status is known either way. Masks keep classification of millions
   * of households free of per-indicator lookups.
   */
  deprived: number;
  assessed: number;
  /** A deprivation count written instead of marks ("Tổng số chỉ số thiếu hụt"), or null. */
  deprivationTotal: number | null;
  recordedClass: HouseholdClass | null;
  /** Continuing, re-entered (tái nghèo) or new, as the roll's list writes it; null when it does not say. */
  priorStatus: PriorStatus | null;
  /**
   * Works in agriculture, forestry, fishery or salt-making (hộ làm nông
   * nghiệp, lâm nghiệp, ngư nghiệp, diêm nghiệp): the only households the
   * "average living standard" class applies to. Null when the roll does not
   * say (no `farm_household` column, or an empty cell).
   */
  farm: boolean | null;
  /** Target-group facts as bits (TRAIT_*): ethnic minority, meritorious service, no labour capacity, female head. */
  traits: number;
  /** Ethnic group as written ("Tày"), and the cause of poverty as recorded; empty when not given. */
  ethnicity: string;
  cause: string;
}

/** Bits of Household.traits (forms 8, 12–13). */
export const TRAIT_MINORITY = 1;
export const TRAIT_MERIT = 2;
export const TRAIT_NO_LABOR = 4;
export const TRAIT_FEMALE_HEAD = 8;
/** The roll says whether the household is of an ethnic minority (else minority is unknown, not "Kinh"). */
export const TRAIT_ETHNICITY_KNOWN = 16;

/** How a list describes a poor or near-poor household against earlier years (nghèo cũ, tái nghèo, nghèo mới). */
export const PRIOR_STATUSES = ['continuing', 're_entered', 'new'] as const;
export type PriorStatus = (typeof PRIOR_STATUSES)[number];
