import type { Household } from './household.js';
import { INDICATOR_CODES } from './indicators.js';
import { FieldError } from './roll.js';

/** Bounds of values no real household has; members are a parameter (`--max-members`). */
export interface ValueLimits {
  minMembers: number;
  maxMembers: number;
}

/** The smallest income in đồng a month taken as written: anything between 0 and this is a unit slip. */
const MIN_INCOME = 1000;

export const DEFAULT_VALUE_LIMITS: ValueLimits = { minMembers: 1, maxMembers: 50 };

/**
 * The first value of a household that cannot be true, as a FieldError, or
 * null. A negative income would otherwise count as "at or below the line"
 * and make the household poor or near-poor; a household of 0 or 250 members
 * would put a wrong number of persons in every rate (issue 10).
 */
export function implausibleValue(household: Household, limits: ValueLimits): FieldError | null {
  const income = household.income;
  if (income !== null && income < 0) return new FieldError('income_per_capita', String(income), 'an income of 0 or more');
  // Below a thousand đồng a month is no income in đồng but one in thousands or millions ("2,2" meaning 2.2 million).
  if (income !== null && income > 0 && income < MIN_INCOME) {
    return new FieldError(
      'income_per_capita',
      String(income),
      `an income in đồng a month, 0 or at least ${MIN_INCOME.toLocaleString('en')} (if the column is in thousands or millions, say so in its heading, e.g. "(nghìn đồng)")`,
    );
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
