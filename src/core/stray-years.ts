/**
 * A roll (a file, or a sheet of a workbook) is one review year's list. A few
 * rows typed with another year are slips, not a second roll: counted, they
 * would make a "summary" of that year from a handful of households, or be
 * counted twice beside the real roll of that year (issue 10).
 *
 * Rows are held back per year until their year has shown it is a real part
 * of the roll (more than `holdLimit` rows), so memory stays bounded; at the
 * end of the sheet a year still held that has fewer than `strayShare` of the
 * sheet's rows, beside a larger year, is stray and its rows are rejected.
 */
export interface StrayYearLimits {
  holdLimit: number;
  strayShare: number;
}

export const DEFAULT_STRAY_YEAR_LIMITS: StrayYearLimits = { holdLimit: 1000, strayShare: 0.05 };

interface StrayRow<T> {
  item: T;
  year: number;
  /** The sheet's main year and its rows, for the reason. */
  mainYear: number;
  mainCount: number;
}

interface YearRows<T> {
  count: number;
  /** Rows held back with their place in the sheet, or null once the year is released. */
  held: { seq: number; item: T }[] | null;
}

export class StrayYearGuard<T> {
  private readonly years = new Map<number, YearRows<T>>();
  private seq = 0;

  constructor(private readonly limits: StrayYearLimits = DEFAULT_STRAY_YEAR_LIMITS) {}

  /** Takes one row of `year` (null: unknown, never held); pushes what may go on now into `out`. */
  take(year: number | null, item: T, out: T[]): void {
    if (year === null) {
      out.push(item);
      return;
    }
    let rows = this.years.get(year);
    if (rows === undefined) this.years.set(year, (rows = { count: 0, held: [] }));
    rows.count += 1;
    if (rows.held === null) {
      out.push(item);
      return;
    }
    rows.held.push({ seq: this.seq++, item });
    if (rows.count > this.limits.holdLimit) {
      for (const held of rows.held) out.push(held.item);
      rows.held = null;
    }
  }

  /** At the end of the sheet: the rows still held that go on, and the stray ones. */
  finish(): { release: T[]; strays: StrayRow<T>[] } {
    let total = 0;
    let mainYear = 0;
    let mainCount = -1;
    for (const [year, rows] of this.years) {
      total += rows.count;
      if (rows.count > mainCount) {
        mainYear = year;
        mainCount = rows.count;
      }
    }
    const release: { seq: number; item: T }[] = [];
    const strays: StrayRow<T>[] = [];
    for (const [year, rows] of this.years) {
      if (rows.held === null) continue;
      const stray = year !== mainYear && rows.count < this.limits.strayShare * total;
      if (stray) for (const { item } of rows.held) strays.push({ item, year, mainYear, mainCount });
      else release.push(...rows.held);
    }
    this.years.clear();
    this.seq = 0;
    // Rows of several real years held together go on in the order they were read.
    release.sort((a, b) => a.seq - b.seq);
    return { release: release.map((r) => r.item), strays };
  }
}
