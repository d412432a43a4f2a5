import { AREAS, type Area, type HouseholdClass, isHouseholdClass } from './household.js';
import { type IndicatorCode, isIndicatorCode, maskOf } from './indicators.js';

/**
 * A poverty standard as data: lines, ordered class rules, indicators and the
 * optional review-score cut-offs. Built-in standards and a province's own
 * standard are the same kind of file (standards/*.json), validated here.
 */
export interface Standard {
  id: string;
  title: Labels;
  legalBasis: string;
  reviewYears: { from: number; to: number } | null;
  confidence: Confidence;
  /** Named income lines, VND per person per month, per area. `poverty` always exists. */
  lines: Record<string, Line>;
  /** Ordered rules: the first whose condition holds gives the class. */
  classes: ClassRule[];
  otherwise: HouseholdClass;
  indicators: IndicatorDefinition[];
  /** The indicators as a bit mask over INDICATOR_CODES. */
  indicatorMask: number;
  score: ScoreCutoffs | null;
  notes: string[];
}

export type Confidence = 'C' | 'P' | 'U';
export interface Labels {
  vi: string;
  en: string;
}

export interface Line {
  name: string;
  values: Record<Area, number>;
  label: Labels;
  confidence: Confidence;
}

export interface ClassRule {
  class: HouseholdClass;
  /** Any of these groups holds when every condition in it holds. */
  when: Condition[][];
}

export const OPERATORS = ['<=', '<', '>=', '>'] as const;
export type Operator = (typeof OPERATORS)[number];

/**
 * One condition of a class rule. `farm` is written `farm_household`, with no
 * operator: the household works in agriculture, forestry, fishery or
 * salt-making (Decree 07/2021 Art. 3(3): the average living standard is
 * defined for those households only).
 */
export type Condition =
  | { subject: 'income'; op: Operator; line: string; text: string }
  | { subject: 'deprivations'; op: Operator; value: number; text: string }
  | { subject: 'farm'; text: string };

/** How a class rule writes the farm condition. */
const FARM_CONDITION = 'farm_household';

export interface IndicatorDefinition {
  code: IndicatorCode;
  dimension: string;
  label: Labels;
  confidence: Confidence;
  deprivedWhen: string;
}

/** Circular 07/2021 review scores: B1 stands for income, B2 for deprivations. */
export interface ScoreCutoffs {
  /** B1 at or below the cut-off of a line stands for income at or below that line. */
  b1Cutoffs: Record<string, Record<Area, number>>;
  b2PointsPerIndicator: number;
  confidence: Confidence;
  source: string;
}

/** Raised for a definition file that does not describe a usable standard. */
export class StandardDefinitionError extends Error {
  constructor(
    readonly path: string,
    readonly detail: string,
  ) {
    super(`${path}: ${detail}`);
    this.name = 'StandardDefinitionError';
  }
}

type Json = unknown;

/** Validates a parsed definition file and returns the standard it defines. */
export function parseStandard(definition: Json): Standard {
  const root = expectObject(definition, '');
  const id = expectString(root.id, 'id');
  const lines = parseLines(root.lines);
  const indicators = parseIndicators(root.indicators);
  const classes = expectArray(root.classes, 'classes').map((rule, index) => parseClassRule(rule, `classes[${index}]`, lines));
  if (classes.length === 0) fail('classes', 'at least one class rule is needed');
  return {
    id,
    title: parseLabels(root.title, 'title', id),
    legalBasis: optionalString(root.legal_basis, 'legal_basis') ?? '',
    reviewYears: parseReviewYears(root.review_years),
    confidence: parseConfidence(root.confidence, 'confidence'),
    lines,
    classes,
    otherwise: parseClass(root.otherwise ?? 'non_poor', 'otherwise'),
    indicators,
    indicatorMask: maskOf(indicators.map((i) => i.code)),
    score: root.score === undefined ? null : parseScore(root.score, lines),
    notes: root.notes === undefined ? [] : expectArray(root.notes, 'notes').map((n, i) => expectString(n, `notes[${i}]`)),
  };
}

function parseLines(value: Json): Record<string, Line> {
  const object = expectObject(value, 'lines');
  const lines: Record<string, Line> = {};
  for (const [name, raw] of Object.entries(object)) {
    const path = `lines.${name}`;
    const line = expectObject(raw, path);
    const values = {} as Record<Area, number>;
    for (const area of AREAS) {
      if (line[area] === undefined) fail(`${path}.${area}`, 'is missing: every line needs a rural and an urban value');
      values[area] = expectNonNegativeNumber(line[area], `${path}.${area}`);
    }
    lines[name] = {
      name,
      values,
      label: parseLabels(line.label, `${path}.label`, name),
      confidence: parseConfidence(line.confidence, `${path}.confidence`),
    };
  }
  if (!lines.poverty) fail('lines.poverty', 'is missing: every standard needs a poverty line');
  return lines;
}

function parseClassRule(value: Json, path: string, lines: Record<string, Line>): ClassRule {
  const rule = expectObject(value, path);
  const when = expectArray(rule.when, `${path}.when`).map((group, g) =>
    expectArray(group, `${path}.when[${g}]`).map((text, c) =>
      parseCondition(expectString(text, `${path}.when[${g}][${c}]`), `${path}.when[${g}][${c}]`, lines),
    ),
  );
  if (when.length === 0 || when.some((group) => group.length === 0)) {
    fail(`${path}.when`, 'needs at least one group of at least one condition');
  }
  return { class: parseClass(rule.class, `${path}.class`), when };
}

const CONDITION_PATTERN = /^\s*(\S+)\s+(\S+)\s+(\S+)\s*$/;

/** Parses "income <= poverty", "deprivations >= 3" or "farm_household". */
export function parseCondition(text: string, path: string, lines: Record<string, Line>): Condition {
  if (text.trim() === FARM_CONDITION) return { subject: 'farm', text };
  const match = CONDITION_PATTERN.exec(text);
  if (!match) fail(path, `"${text}" is not of the form "income <= LINE", "deprivations >= N" or "${FARM_CONDITION}"`);
  const [, subject, op, operand] = match as unknown as [string, string, string, string];
  if (!(OPERATORS as readonly string[]).includes(op)) {
    fail(path, `"${text}": unknown operator "${op}"; expected one of ${OPERATORS.join(', ')}`);
  }
  const operator = op as Operator;
  if (subject === 'income') {
    if (!lines[operand]) {
      fail(path, `"${text}": no line named "${operand}"; lines are ${Object.keys(lines).join(', ')}`);
    }
    return { subject, op: operator, line: operand, text };
  }
  if (subject === 'deprivations') {
    if (!/^\d+$/.test(operand)) fail(path, `"${text}": "${operand}" is not a whole number of indicators`);
    return { subject, op: operator, value: Number(operand), text };
  }
  return fail(path, `"${text}": unknown subject "${subject}"; expected "income" or "deprivations"`);
}

/** Whether any class rule of the standard has the farm condition. */
export function usesFarmCondition(standard: Standard): boolean {
  return standard.classes.some((rule) => rule.when.some((group) => group.some((condition) => condition.subject === 'farm')));
}

function parseIndicators(value: Json): IndicatorDefinition[] {
  const seen = new Set<string>();
  const indicators = expectArray(value, 'indicators').map((raw, index) => {
    const path = `indicators[${index}]`;
    const item = expectObject(raw, path);
    const code = expectString(item.code, `${path}.code`);
    if (!isIndicatorCode(code)) fail(`${path}.code`, `unknown indicator "${code}"`);
    if (seen.has(code)) fail(`${path}.code`, `indicator "${code}" is listed twice`);
    seen.add(code);
    const label = { vi: optionalString(item.vi, `${path}.vi`) ?? code, en: optionalString(item.en, `${path}.en`) ?? code };
    return {
      code,
      dimension: optionalString(item.dimension, `${path}.dimension`) ?? '',
      label,
      confidence: parseConfidence(item.confidence, `${path}.confidence`),
      deprivedWhen: optionalString(item.deprived_when, `${path}.deprived_when`) ?? '',
    };
  });
  if (indicators.length === 0) fail('indicators', 'at least one indicator is needed');
  return indicators;
}

function parseScore(value: Json, lines: Record<string, Line>): ScoreCutoffs {
  const score = expectObject(value, 'score');
  const b1Cutoffs: ScoreCutoffs['b1Cutoffs'] = {};
  for (const [lineName, raw] of Object.entries(expectObject(score.b1_cutoffs, 'score.b1_cutoffs'))) {
    const path = `score.b1_cutoffs.${lineName}`;
    if (!lines[lineName]) fail(path, `no line named "${lineName}"`);
    const byArea = expectObject(raw, path);
    const values = {} as Record<Area, number>;
    for (const area of AREAS) values[area] = expectNonNegativeNumber(byArea[area], `${path}.${area}`);
    b1Cutoffs[lineName] = values;
  }
  const points = expectNonNegativeNumber(score.b2_points_per_indicator, 'score.b2_points_per_indicator');
  if (!Number.isInteger(points) || points === 0) {
    fail('score.b2_points_per_indicator', `expected a whole number above 0, found ${points}`);
  }
  return {
    b1Cutoffs,
    b2PointsPerIndicator: points,
    confidence: parseConfidence(score.confidence, 'score.confidence'),
    source: optionalString(score.source, 'score.source') ?? '',
  };
}

function parseReviewYears(value: Json): Standard['reviewYears'] {
  if (value === undefined) return null;
  const years = expectArray(value, 'review_years');
  const [from, to] = years;
  if (years.length !== 2 || !Number.isInteger(from) || !Number.isInteger(to) || (from as number) > (to as number)) {
    fail('review_years', `expected [first, last] years, found ${JSON.stringify(value)}`);
  }
  return { from: from as number, to: to as number };
}

function parseLabels(value: Json, path: string, fallback: string): Labels {
  if (value === undefined) return { vi: fallback, en: fallback };
  if (typeof value === 'string') return { vi: value, en: value };
  const labels = expectObject(value, path);
  return {
    vi: optionalString(labels.vi, `${path}.vi`) ?? fallback,
    en: optionalString(labels.en, `${path}.en`) ?? fallback,
  };
}

function parseClass(value: Json, path: string): HouseholdClass {
  const text = expectString(value, path);
  if (!isHouseholdClass(text)) fail(path, `unknown class "${text}"; expected poor, near_poor, average or non_poor`);
  return text;
}

function parseConfidence(value: Json, path: string): Confidence {
  if (value === undefined) return 'C';
  if (value === 'C' || value === 'P' || value === 'U') return value;
  return fail(path, `expected "C", "P" or "U", found ${JSON.stringify(value)}`);
}

function expectObject(value: Json, path: string): Record<string, Json> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    fail(path || 'the file', `expected an object, found ${describeJson(value)}`);
  }
  return value as Record<string, Json>;
}

function expectArray(value: Json, path: string): Json[] {
  if (!Array.isArray(value)) fail(path, `expected a list, found ${describeJson(value)}`);
  return value as Json[];
}

function expectString(value: Json, path: string): string {
  if (typeof value !== 'string' || value.trim() === '') fail(path, `expected text, found ${describeJson(value)}`);
  return value as string;
}

function optionalString(value: Json, path: string): string | undefined {
  return value === undefined ? undefined : expectString(value, path);
}

function expectNonNegativeNumber(value: Json, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    fail(path, `expected a number of 0 or more, found ${describeJson(value)}`);
  }
  return value as number;
}

function describeJson(value: Json): string {
  return value === undefined ? 'nothing' : JSON.stringify(value);
}

function fail(path: string, detail: string): never {
  throw new StandardDefinitionError(path, detail);
}
