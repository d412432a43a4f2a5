import { detached } from './detached.js';
import { SourceRows } from './source-rows.js';

/** What ingest does with a household code repeated within a review year (docs/roll.md: codes repeat). */
export type DuplicatePolicy = 'error' | 'first' | 'last' | 'keep';

/** Where a household was read: `file#sheet` (or the file alone) and the row. */
interface RowPlace {
  source: string;
  row: number;
}

/** A repeated code under `--on-duplicate error`: the run stops, naming both rows. */
export class DuplicateCodeError extends Error {
  constructor(readonly where: string) {
    super(where);
    this.name = 'DuplicateCodeError';
  }
}

/**
 * Household codes within a review year. `keep` writes both rows and reports
 * them, `first` and `last` keep one and reject the others, `error` stops.
 * `last` holds every household until the end, so it costs memory.
 */
export class DuplicateCheck<Held> {
  count = 0;
  /** Where each code was first seen, by review year then code, packed (SourceRows). */
  private readonly seen = new Map<string, Map<string, number>>();
  private readonly sourceRows = new SourceRows();
  private readonly droppedBySource = new Map<string, number>();
  private firstExample: string | null = null;
  private held: { id: string; year: string; item: Held; place: RowPlace }[] = [];
  private readonly lastIndex = new Map<string, number>();
  /** The review year of the last household and its codes: rolls run year by year. */
  private lastYear: string | null = null;
  private lastIds: Map<string, number> | undefined;

  constructor(readonly policy: DuplicatePolicy) {}

  /** Null to keep the household, or why it is rejected; throws DuplicateCodeError under `error`. Runs per household: no object is made for a new code. */
  check(id: string, year: string, source: string, row: number, file: string): string | null {
    if (id === '') return null;
    let ids = this.lastYear === year ? this.lastIds : this.seen.get(year);
    if (ids === undefined) this.seen.set(year, (ids = new Map()));
    this.lastYear = year;
    this.lastIds = ids;
    const earlier = ids.get(id);
    if (earlier === undefined) {
      ids.set(detached(id), this.sourceRows.pack(source, row));
      return null;
    }
    this.count += 1;
    const first = this.sourceRows.unpack(earlier);
    const where = `household code "${id}"${year ? ` of review year ${year}` : ''} appears at ${first.source}!${first.row} and ${source}!${row}`;
    this.firstExample ??= where;
    if (this.policy === 'error') throw new DuplicateCodeError(where);
    if (this.policy === 'first') {
      this.droppedBySource.set(file, (this.droppedBySource.get(file) ?? 0) + 1);
      return `duplicate: ${where}; the first is kept (--on-duplicate first)`;
    }
    return null;
  }

  /** Under `last`: keeps the household until `released()`. */
  hold(id: string, year: string, item: Held, place: RowPlace): void {
    if (id !== '') this.lastIndex.set(`${year}\u0000${id}`, this.held.length);
    this.held.push({ id, year, item, place });
  }

  /** Under `last`: the held households no later one of the same code replaces, and the replaced ones with the reason. */
  released(): { kept: Held[]; replaced: { item: Held; place: RowPlace; reason: string }[] } {
    const kept: Held[] = [];
    const replaced: { item: Held; place: RowPlace; reason: string }[] = [];
    this.held.forEach(({ id, year, item, place }, i) => {
      if (id === '' || this.lastIndex.get(`${year}\u0000${id}`) === i) kept.push(item);
      else replaced.push({ item, place, reason: `duplicate: household code "${id}" appears again later; the last is kept (--on-duplicate last)` });
    });
    this.held = [];
    return { kept, replaced };
  }

  droppedIn(file: string): number {
    return this.droppedBySource.get(file) ?? 0;
  }

  describe(): string | null {
    if (this.count === 0) return null;
    const what = this.count === 1 ? '1 household code repeats' : `${this.count.toLocaleString('en')} household codes repeat`;
    const kept = { keep: 'both rows kept', first: 'the first kept, later ones rejected', last: 'the last kept', error: '' }[this.policy];
    return `${what} within a review year (first: ${this.firstExample}); ${kept} (--on-duplicate)`;
  }
}
