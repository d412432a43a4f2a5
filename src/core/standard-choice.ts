import type { Household } from './household.js';
import { FieldError } from './roll.js';
import type { Standard } from './standard.js';

/** Picks the standard for a household, or null when its review year is unknown. */
export type StandardSelector = (household: Household) => Standard | null;

/**
 * `--standard auto`: the standard is chosen by the review year (năm rà soát),
 * never by the date of the file (docs/standards.md, "Which standard applies").
 */
export function selectByReviewYear(standards: readonly Standard[]): StandardSelector {
  const byYear = new Map<number, Standard>();
  for (const standard of standards) {
    if (standard.reviewYears === null) continue;
    for (let year = standard.reviewYears.from; year <= standard.reviewYears.to; year += 1) byYear.set(year, standard);
  }
  const covered = describeCoverage(standards);
  return (household) => {
    const year = household.reviewYear;
    if (year === null) return null;
    const standard = byYear.get(year);
    if (standard === undefined) {
      throw new FieldError('review_year', String(year), `a review year with a standard (${covered}; or pass --standard)`);
    }
    return standard;
  };
}

/** `--standard ID|FILE`: one standard for every household. */
export function selectAlways(standard: Standard): StandardSelector {
  return () => standard;
}

function describeCoverage(standards: readonly Standard[]): string {
  const ranges = standards.flatMap((s) => (s.reviewYears ? [s.reviewYears] : [])).sort((a, b) => a.from - b.from);
  const merged: { from: number; to: number }[] = [];
  for (const range of ranges) {
    const last = merged[merged.length - 1];
    if (last && range.from <= last.to + 1) last.to = Math.max(last.to, range.to);
    else merged.push({ ...range });
  }
  return merged.map((r) => `${r.from}–${r.to}`).join(', ') || 'none';
}
