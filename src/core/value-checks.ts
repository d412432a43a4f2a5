import type { Household } from './household.js';
import { INDICATOR_CODES } from './indicators.js';
import { FieldError } from './roll.js';

/** Bounds of values no real household has; members are a parameter (`--max-members`). */
export interface ValueLimits {
  minMembers: number;
  maxMembers: number;
}

export const DEFAULT_VALUE_LIMITS: ValueLimits = { minMembers: 1, maxMembers: 50 };

/**
 * The first value of a household that cannot be true, as a FieldError, or
 * null. A negative income would otherwise count as "at or below the line"
 * and make the household poor or near-poor; a household of 0 or 250 members
 * would put a wrong number of persons in every rate (issue 10).
 */
export function implausibleValue(household: Household, limits: ValueLimits): FieldError | null {
  if (household.income !== null && household.income < 0) {
    return new FieldError('income_per_capita', String(household.income), 'an income of 0 or more');
  }
  const members = household.members;
  if (members !== null && (members < limits.minMembers || members > limits.maxMembers)) {
    return new FieldError('members', String(members), `${limits.minMembers} to ${limits.maxMembers} members (--max-members sets the upper bound)`);
  }
  if (household.scoreB1 !== null && household.scoreB1 < 0) return new FieldError('score_b1', String(household.scoreB1), 'a score of 0 or more');
  if (household.scoreB2 !== null && household.scoreB2 < 0) return new FieldError('score_b2', String(household.scoreB2), 'a score of 0 or more');
  const total = household.deprivationTotal;
  if (total !== null && total > INDICATOR_CODES.length) {
    return new FieldError('deprivation_total', String(total), `at most ${INDICATOR_CODES.length} deprivations`);
  }
  return null;
}
