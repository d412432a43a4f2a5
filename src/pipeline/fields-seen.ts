import type { Household } from '../core/household.js';
import { nameIndicators } from '../core/indicator-names.js';
import { indicatorBit } from '../core/indicators.js';
import type { Standard } from '../core/standard.js';

const REMEDY = 'if the source roll has it under another heading, ingest it again with --map FILE';

/**
 * Which facts the households of one file actually carried. A canonical roll
 * written by ingest has every column, filled or not, so a column the source
 * did not give shows only as a column no household has a value in — and a
 * classification that found nothing to go on must not pass for a result.
 */
export class FieldsSeen {
  households = 0;
  withoutCode = 0;
  private income = 0;
  private scoreB1 = 0;
  private counted = 0;
  private year = 0;
  /** Indicators some household has a value for (mask over INDICATOR_CODES). */
  private assessed = 0;
  private readonly standards = new Map<string, Standard>();
  /** The standard of the last household: rolls run year by year, so the map is rarely consulted. */
  private lastStandard: Standard | null = null;
  /** Households by review year, counted for the year of a run of households and kept in `years` when it ends. */
  readonly years = new Map<number | null, number>();
  private runYear: number | null = null;
  private runCount = 0;

  add(household: Household, standard: Standard | null): void {
    this.households += 1;
    if (household.id === '') this.withoutCode += 1;
    if (household.income !== null) this.income += 1;
    if (household.scoreB1 !== null) this.scoreB1 += 1;
    if (household.scoreB2 !== null || household.deprivationTotal !== null) this.counted += 1;
    const year = household.reviewYear;
    if (year !== null) this.year += 1;
    if (year !== this.runYear) {
      this.endRun();
      this.runYear = year;
    }
    this.runCount += 1;
    this.assessed |= household.assessed;
    if (standard !== null && standard !== this.lastStandard) {
      this.lastStandard = standard;
      if (!this.standards.has(standard.id)) this.standards.set(standard.id, standard);
    }
  }

  /** Households by review year, complete. */
  byYear(): Map<number | null, number> {
    this.endRun();
    return this.years;
  }

  private endRun(): void {
    if (this.runCount === 0) return;
    this.years.set(this.runYear, (this.years.get(this.runYear) ?? 0) + this.runCount);
    this.runCount = 0;
  }

  /** What classification needed and no household of the file had. */
  shortfalls(classifying: boolean, autoStandard: boolean): string[] {
    if (!classifying || this.households === 0) return [];
    const problems: string[] = [];
    if (this.income === 0 && this.scoreB1 === 0) {
      problems.push(`no household has an income per person or a B1 score ("income_per_capita", "score_b1"), so none can be classified; ${REMEDY}`);
    }
    if (autoStandard && this.year === 0)
      problems.push('no household has a review year ("review_year"), so no standard can be chosen; give the year, or pass --standard');
    if (this.counted === 0) {
      for (const standard of this.standards.values()) {
        const missing = standard.indicators.filter((i) => (this.assessed & indicatorBit(i.code)) === 0);
        if (missing.length === 0) continue;
        const names = nameIndicators(missing);
        problems.push(
          `no household has a value for ${missing.length === 1 ? 'the indicator' : `${missing.length} indicators of ${standard.id}:`} ${names}, nor a B2 score or deprivation count; ${REMEDY}`,
        );
      }
    }
    return problems;
  }
}
