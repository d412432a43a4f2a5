import { ANY_CLASS, CLASS_BITS, type Classification, classify, deprivedCodes } from './classify.js';
import type { ClassResult, Household } from './household.js';
import { type ClassifiedColumn, FieldError } from './roll.js';
import type { StandardSelector } from './standard-choice.js';

/**
 * Classifies a household under the standard its selector picks. Throws
 * FieldError for a year no standard covers, and for a deprivation count or
 * B2 score above what the standard's indicators allow: such a count is a
 * slip, and ignoring it would leave the class to the remaining facts.
 */
export function classifyWith(household: Household, select: StandardSelector): Classification {
  const standard = select(household);
  if (standard !== null) {
    const indicators = standard.indicators.length;
    if (household.deprivationTotal !== null && household.deprivationTotal > indicators) {
      throw new FieldError('deprivation_total', String(household.deprivationTotal), `at most ${indicators} deprivations, the indicators of ${standard.id}`);
    }
    const points = standard.score?.b2PointsPerIndicator;
    if (household.scoreB2 !== null && points !== undefined && household.scoreB2 > points * indicators) {
      throw new FieldError(
        'score_b2',
        String(household.scoreB2),
        `a B2 score of at most ${points * indicators} (${indicators} indicators of ${standard.id} at ${points} points)`,
      );
    }
    return classify(household, standard);
  }
  return {
    standard: null,
    class: 'unclassified',
    basis: null,
    povertyLine: null,
    deprivedMask: 0,
    deprivationCount: null,
    knownDeprivations: 0,
    countKnown: false,
    possible: ANY_CLASS,
    indicatorMask: 0,
    indicatorCount: 0,
    reason: 'review year unknown',
  };
}

/** True when the roll records a class and it differs from the computed one (an unclassified household never mismatches). */
function isMismatch(household: Household, classification: Classification): boolean {
  const recorded = household.recordedClass;
  const computed = classification.class;
  return recorded !== null && computed !== 'unclassified' && recorded !== computed;
}

const indicatorLists = new WeakMap<object, string>();

/** The cells `classify` appends, in CLASSIFIED_COLUMNS order. */
export function classifiedCells(household: Household, c: Classification): Record<ClassifiedColumn, string> {
  const standard = c.standard;
  let indicators = '';
  if (standard !== null) {
    let cached = indicatorLists.get(standard);
    if (cached === undefined) indicatorLists.set(standard, (cached = standard.indicators.map((i) => i.code).join(';')));
    indicators = cached;
  }
  return {
    standard: standard?.id ?? '',
    poverty_line: c.povertyLine === null ? '' : String(c.povertyLine),
    deprivation_count: c.deprivationCount === null ? '' : String(c.deprivationCount),
    deprived: deprivedCodes(c).join(';'),
    class: c.class,
    class_basis: c.basis ?? '',
    class_mismatch: isMismatch(household, c) ? '1' : '0',
    standard_indicators: indicators,
    unclassified_reason: c.reason,
    possible_classes: c.class === 'unclassified' ? possibleClasses(c.possible) : '',
  };
}

/** `average;non_poor`: the classes an unclassified household may be in, in the law's order. */
function possibleClasses(possible: number): string {
  return (Object.entries(CLASS_BITS) as [string, number][])
    .filter(([, bit]) => possible & bit)
    .map(([name]) => name)
    .join(';');
}

/** What a classification run found, for the summary on stderr. */
export interface ClassifyTally {
  households: number;
  byClass: Record<ClassResult, number>;
  mismatches: number;
  byScore: number;
  unclassifiedReasons: Map<string, number>;
  /** Standard ids applied per review year (null: year unknown). */
  standardsByYear: Map<number | null, Set<string>>;
}

export function emptyClassifyTally(): ClassifyTally {
  return {
    households: 0,
    byClass: { poor: 0, near_poor: 0, average: 0, non_poor: 0, unclassified: 0 },
    mismatches: 0,
    byScore: 0,
    unclassifiedReasons: new Map(),
    standardsByYear: new Map(),
  };
}

export function addToClassifyTally(tally: ClassifyTally, household: Household, c: Classification): void {
  tally.households += 1;
  tally.byClass[c.class] += 1;
  if (isMismatch(household, c)) tally.mismatches += 1;
  if (c.basis === 'score') tally.byScore += 1;
  if (c.class === 'unclassified') tally.unclassifiedReasons.set(c.reason, (tally.unclassifiedReasons.get(c.reason) ?? 0) + 1);
  let ids = tally.standardsByYear.get(household.reviewYear);
  if (ids === undefined) tally.standardsByYear.set(household.reviewYear, (ids = new Set()));
  if (c.standard !== null) ids.add(c.standard.id);
}
