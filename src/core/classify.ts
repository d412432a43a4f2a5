import type { Area, ClassResult, Household, HouseholdClass } from './household.js';
import { type IndicatorCode, bitCount, indicatorBit } from './indicators.js';
import type { ClassRule, Condition, Operator, Standard } from './standard.js';

export type ClassBasis = 'income' | 'score';

/** What rates need of a household's classification. */
export interface Outcome {
  class: ClassResult;
  /** Indicators of the standard the household is known to be deprived in (mask over INDICATOR_CODES). */
  deprivedMask: number;
  /** Deprivations counted for Alkire-Foster: exact when known, else those known to be deprived. */
  knownDeprivations: number;
  /** The deprivation count is exact (every indicator known, or a count given); else knownDeprivations is a lower bound. */
  countKnown: boolean;
  /**
   * The classes the household may be in, as bits of CLASS_BITS: one for a
   * classified household, several for an unclassified one. A household above
   * the poverty line whose B1 score cannot place it against the "average"
   * line is unclassified, yet known to be neither poor nor near-poor.
   */
  possible: number;
  /** The standard's indicators (mask), and how many there are; 0 when no standard applied. */
  indicatorMask: number;
  indicatorCount: number;
}

export interface Classification extends Outcome {
  standard: Standard | null;
  basis: ClassBasis | null;
  /** The income line named `poverty` for the household's area, when the area is known. */
  povertyLine: number | null;
  /** Exact number of deprivations, or null when some indicator is unknown. */
  deprivationCount: number | null;
  /** Why the class could not be decided; empty when it was. */
  reason: string;
}

/** A bit per class, for Outcome.possible. */
export const CLASS_BITS: Readonly<Record<HouseholdClass, number>> = { poor: 1, near_poor: 2, average: 4, non_poor: 8 };
export const ANY_CLASS = 15;

/** Three-valued truth: a condition on unknown data is neither true nor false. */
type Truth = boolean | null;

interface Facts {
  household: Household;
  standard: Standard;
  area: Area;
  basis: ClassBasis | null;
  /** The deprivation count lies in [low, high]. */
  low: number;
  high: number;
}

/**
 * Classifies one household under a standard (Decree 07/2021 Art. 3,
 * Decision 59/2015, Decree 351/2025 as encoded in the definition files).
 *
 * Conditions are evaluated in three-valued logic, so a household with
 * missing data still gets a class whenever the missing part cannot change
 * it (income above every line needs no deprivations), and is `unclassified`
 * otherwise — never silently non-poor.
 */
export function classify(household: Household, standard: Standard): Classification {
  const mask = standard.indicatorMask;
  const deprivedMask = household.deprived & mask;
  const deprived = bitCount(deprivedMask);
  const unknown = bitCount(mask & ~household.assessed);
  let low = deprived;
  let high = deprived + unknown;
  // With no indicator marked at all, a written total gives the count, or else
  // B2 does (10 points per indicator under Circular 07/2021).
  if (unknown === standard.indicators.length) {
    const total = household.deprivationTotal;
    const fromScore = household.scoreB2 !== null && standard.score !== null ? household.scoreB2 / standard.score.b2PointsPerIndicator : null;
    const count = total ?? fromScore;
    if (count !== null && Number.isInteger(count) && count <= standard.indicators.length) low = high = count;
  }
  const result: Classification = {
    standard,
    class: 'unclassified',
    basis: null,
    povertyLine: null,
    deprivedMask,
    deprivationCount: low === high ? low : null,
    knownDeprivations: low,
    countKnown: low === high,
    possible: ANY_CLASS,
    indicatorMask: mask,
    indicatorCount: standard.indicators.length,
    reason: '',
  };
  const area = household.area;
  if (area === null) {
    result.reason = 'area (rural or urban) unknown';
    return result;
  }
  result.povertyLine = standard.lines.poverty!.values[area];
  const facts: Facts = { household, standard, area, basis: incomeBasis(household, standard), low, high };
  const rules = standard.classes;
  for (let i = 0; i < rules.length; i += 1) {
    const rule = rules[i]!;
    const truth = ruleTruth(rule, facts);
    if (truth === true) {
      result.class = rule.class;
      result.basis = facts.basis;
      result.possible = CLASS_BITS[rule.class];
      return result;
    }
    // A rule that may or may not hold leaves the class undecided: a later rule
    // that holds cannot be trusted, since this one might have held first.
    if (truth === null) {
      result.reason = unknownReason(rule, facts, unknown);
      result.possible = possibleFrom(rules, i, facts, standard.otherwise);
      return result;
    }
  }
  result.class = standard.otherwise;
  result.basis = facts.basis;
  result.possible = CLASS_BITS[standard.otherwise];
  return result;
}

/** The classes still open from rule `first` on: each rule that may hold, up to the first that surely holds, else the default. */
function possibleFrom(rules: readonly ClassRule[], first: number, facts: Facts, otherwise: HouseholdClass): number {
  let possible = 0;
  for (let j = first; j < rules.length; j += 1) {
    const truth = ruleTruth(rules[j]!, facts);
    if (truth === false) continue;
    possible |= CLASS_BITS[rules[j]!.class];
    if (truth === true) return possible;
  }
  return possible | CLASS_BITS[otherwise];
}

/** Income wins where the roll has it; B1 stands in where the standard defines cut-offs. */
function incomeBasis(household: Household, standard: Standard): ClassBasis | null {
  if (household.income !== null) return 'income';
  if (household.scoreB1 !== null && standard.score !== null) return 'score';
  return null;
}

/** Any group holds when all its conditions hold (Kleene logic, without allocation: this runs per household). */
function ruleTruth(rule: ClassRule, facts: Facts): Truth {
  let result: Truth = false;
  for (const group of rule.when) {
    let groupTruth: Truth = true;
    for (const condition of group) {
      const truth = conditionTruth(condition, facts);
      if (truth === false) {
        groupTruth = false;
        break;
      }
      if (truth === null) groupTruth = null;
    }
    if (groupTruth === true) return true;
    if (groupTruth === null) result = null;
  }
  return result;
}

function conditionTruth(condition: Condition, facts: Facts): Truth {
  if (condition.subject === 'farm') return farmStatus(facts.household);
  if (condition.subject === 'deprivations') {
    const atLow = compare(facts.low, condition.op, condition.value);
    return atLow === compare(facts.high, condition.op, condition.value) ? atLow : null;
  }
  const { household, standard, area, basis } = facts;
  if (basis === 'income') return compare(household.income!, condition.op, standard.lines[condition.line]!.values[area]);
  const cutoff = basis === 'score' ? standard.score?.b1Cutoffs[condition.line]?.[area] : undefined;
  return cutoff === undefined ? null : compare(household.scoreB1!, condition.op, cutoff);
}

/**
 * Whether the household works in agriculture, forestry, fishery or
 * salt-making — the condition Decree 07/2021 Art. 3(3) (and Decision
 * 59/2015) puts on the average living standard. The roll's
 * `farm_household` says so when it has it. When it does not, the class the
 * commune recorded does: a household recorded as of average living standard
 * was judged a farm household (only those can be), and one recorded in any
 * other class is taken as not one — which leaves the rules to agree with the
 * office on the average class. With neither, the fact is unknown (null), and
 * a household with income in the average band is unclassified, average or
 * non-poor (never poor or near-poor, which the condition does not touch).
 */
function farmStatus(household: Household): boolean | null {
  if (household.farm !== null) return household.farm;
  if (household.recordedClass !== null) return household.recordedClass === 'average';
  return null;
}

/** The unclassified reason of a household whose farm status decides its class and is not known. */
const FARM_UNKNOWN_REASON = 'farm household unknown (no farm_household, no recorded class)';

/** Names the missing data behind an undecided rule, for the unclassified reason. */
function unknownReason(rule: ClassRule, facts: Facts, unknownIndicators: number): string {
  const reasons = new Set<string>();
  for (const group of rule.when) {
    for (const condition of group) {
      if (conditionTruth(condition, facts) !== null) continue;
      if (condition.subject === 'farm') {
        reasons.add(FARM_UNKNOWN_REASON);
      } else if (condition.subject === 'deprivations') {
        const total = facts.standard.indicators.length;
        reasons.add(unknownIndicators === total ? 'deprivations unknown' : `${unknownIndicators} of ${total} indicators unknown`);
      } else if (facts.basis === 'score') {
        reasons.add(`score B1 cannot tell the line "${condition.line}" (give income)`);
      } else {
        reasons.add(facts.standard.score === null ? 'income unknown' : 'income and score B1 unknown');
      }
    }
  }
  return [...reasons].join('; ');
}

function compare(value: number, op: Operator, bound: number): boolean {
  switch (op) {
    case '<=':
      return value <= bound;
    case '<':
      return value < bound;
    case '>=':
      return value >= bound;
    case '>':
      return value > bound;
  }
}

/** The indicators a household is deprived in, in the standard's legal order. */
export function deprivedCodes(classification: Classification): IndicatorCode[] {
  const standard = classification.standard;
  if (standard === null) return [];
  const codes: IndicatorCode[] = [];
  for (const indicator of standard.indicators) {
    if (classification.deprivedMask & indicatorBit(indicator.code)) codes.push(indicator.code);
  }
  return codes;
}
