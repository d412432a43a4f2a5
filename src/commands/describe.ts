import type { ClassifyTally } from '../core/classify-roll.js';

const number = (n: number) => n.toLocaleString('en');

/** The stderr summary of a classification: counts by class, why some stayed unclassified, mismatches. */
export function describeClassifyTally(tally: ClassifyTally): string[] {
  const standards = [...tally.standardsByYear]
    .sort(([a], [b]) => (a ?? 0) - (b ?? 0))
    .map(([year, ids]) => `${year ?? 'unknown year'}: ${[...ids].join(', ') || 'no standard'}`)
    .join('; ');
  const c = tally.byClass;
  const lines = [
    `Classified ${number(tally.households)} households${standards ? ` (${standards})` : ''}`,
    `  poor ${number(c.poor)} · near-poor ${number(c.near_poor)} · average ${number(c.average)} · non-poor ${number(c.non_poor)} · unclassified ${number(c.unclassified)}`,
  ];
  if (tally.byScore > 0) lines.push(`  ${number(tally.byScore)} classified by review score B1 (no income in the roll)`);
  if (c.unclassified > 0) {
    const reasons = [...tally.unclassifiedReasons]
      .sort((a, b) => b[1] - a[1])
      .map(([reason, count]) => `${reason} (${number(count)})`)
      .join(', ');
    lines.push(`  unclassified: ${reasons}`);
  }
  if (tally.mismatches > 0) {
    lines.push(`  ${number(tally.mismatches)} households recorded in another class than the rules give (class_mismatch = 1)`);
  }
  return lines;
}

/** `1 area`, `2,000 areas`. */
export function plural(count: number, noun: string): string {
  return `${number(count)} ${noun}${count === 1 ? '' : 's'}`;
}
