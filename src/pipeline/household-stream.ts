import { resolve } from 'node:path';
import { createOutcomeParser } from '../core/classified-row.js';
import type { Classification, Outcome } from '../core/classify.js';
import { classifyWith } from '../core/classify-roll.js';
import { type FoundFields, type Shortfall, classifyShortfalls, codesShortfall, describeShortfalls, yearShortfall } from '../core/needs.js';
import type { ListKind } from '../core/ingest/title.js';
import { type ReadingNote, noteText } from '../core/labels.js';
import { FieldError, columnText } from '../core/roll.js';
import { emptyInputFacts, type InputFacts } from '../core/sheet-model.js';
import type { Standard } from '../core/standard.js';
import type { StandardSelector } from '../core/standard-choice.js';
import { DEFAULT_STRAY_YEAR_LIMITS, type StrayYearLimits, StrayYearGuard } from '../core/stray-years.js';
import { type UnitFilter, describeSelector } from '../core/unit-filter.js';
import { type ValueLimits, implausibleValue } from '../core/value-checks.js';
import { formatPercent } from '../core/numbers.js';
import { PovrollError } from '../errors.js';
import type { Io } from '../io/io.js';
import { isRawReader, openRoll } from '../io/open-roll.js';
import type { IngestSettings } from '../io/raw-roll-reader.js';
import { type RejectList, RejectedRowsError, describeReject } from '../io/reject-list.js';
import { type Reject, type RollReader, type RollRecord, type RollRequirement, type RollStart, checkRequirement } from '../io/roll-reader.js';
import { findStandard } from '../io/standard-files.js';
import { registryYearFacts, registryYearOf } from '../registry/registry-roll.js';
import type { Reporter } from '../io/terminal.js';
import { describeBasis, describeFile, describeInput } from './describe.js';
import { FieldsSeen } from './fields-seen.js';
import type { DirectLoaders, DirectRead } from './flow-engine.js';
import { classifyRequirement } from './settings.js';

/**
 * Where each household's class comes from: nowhere (ingest), the standard's
 * rules (classify, run), the `class` column of a classified roll (rates,
 * report), or either, as each roll allows (compare).
 */
export type ClassSource = 'none' | 'classify' | 'recorded' | 'either';

interface StreamOptions {
  classes: ClassSource;
  selector: StandardSelector;
  /** The standard is chosen by review year, so a year is needed. */
  autoStandard: boolean;
  settings: IngestSettings;
  limits: ValueLimits;
  /** Share of rows (0–1) that may be rejected before the run stops (`--max-rejected`). */
  maxRejected: number;
  strayYears?: StrayYearLimits;
  /** The work matches households between review years: without codes, those flows are unknown. */
  matchesHouseholds?: boolean;
  /** "Cannot classify": how errors about a file begin. */
  action: string;
  /** Show which source column became which field (`ingest --explain`). */
  explain?: boolean;
  /**
   * `--only`: the households of these units go on; the others are read and
   * counted (as outside the selection, among the skipped rows), not used.
   */
  only?: UnitFilter;
}

/** Households of one file, with their outcomes and standards at the same positions (no object per household). */
export interface HouseholdBatch {
  reader: RollReader;
  facts: InputFacts;
  records: RollRecord[];
  /** Empty when classes are 'none'. */
  outcomes: Outcome[];
  /** The same objects as `outcomes` when the households were classified here, else null. */
  classifications: Classification[] | null;
  standardIds: string[];
  standards: (Standard | null)[];
}

const CLASSIFIED_EXTRA = ['class', 'standard', 'deprived', 'deprivation_count', 'standard_indicators', 'possible_classes'];
const RECORDED_REQUIREMENT: RollRequirement = {
  all: [{ column: 'class', why: 'rates count classified households; run "povroll classify" first' }],
  extraColumns: CLASSIFIED_EXTRA,
};

/**
 * The one household pipeline: opens each input, reads its households,
 * rejects rows whose values cannot be true or whose year strays from the
 * rest of their sheet, classifies them (or reads the class they carry),
 * checks that each input gives what the work needs, and accounts for every
 * row. Commands consume its batches; none reads rolls another way.
 */
export class HouseholdStream {
  readonly inputs: InputFacts[] = [];

  constructor(
    private readonly io: Io,
    private readonly reporter: Reporter,
    private readonly rejects: RejectList,
    private readonly options: StreamOptions,
  ) {}

  /** The `--only` selection, when there is one (it knows the units its households lie in). */
  get only(): UnitFilter | undefined {
    return this.options.only;
  }

  async *read(paths: readonly string[]): AsyncGenerator<HouseholdBatch> {
    for (const path of paths) yield* this.readFile(path);
  }

  /** After reading: too many rejected rows, or no household at all, stop the run (the reject list is still written). */
  finish(): void {
    const households = this.inputs.reduce((n, f) => n + f.households, 0);
    const rejected = this.inputs.reduce((n, f) => n + f.rejected, 0);
    const outside = this.inputs.reduce((n, f) => n + (f.outside ?? 0), 0);
    // Rows are rejected before anyone can tell their unit: their share is of every row read.
    const rows = households + outside + rejected + this.inputs.reduce((n, f) => n + f.memberRows, 0);
    const first = this.rejects.first;
    const example = first === null ? '' : ` (first: ${describeReject(first)})`;
    const named = this.inputs.length === 1 ? ` "${this.inputs[0]!.path === '-' ? 'stdin' : this.inputs[0]!.path}"` : '';
    const only = this.options.only;
    if (only !== undefined && only.taken === 0 && outside > 0) {
      const alsoRejected = rejected > 0 ? `; ${rejected.toLocaleString('en')} rows were rejected${example}` : '';
      throw new PovrollError(`${this.options.action}${named}: no household is in ${only.describeUnits()} (--only); ${only.describeSeen()}${alsoRejected}`);
    }
    if (households === 0) {
      throw new RejectedRowsError(
        `${this.options.action}${named}: no household was read${rejected > 0 ? `; all ${rejected.toLocaleString('en')} rows were rejected${example}` : ''}`,
      );
    }
    if (rows > 0 && rejected / rows > this.options.maxRejected) {
      const share = formatPercent(rejected, rows, 1);
      throw new RejectedRowsError(
        `${this.options.action}: ${rejected.toLocaleString('en')} of ${rows.toLocaleString('en')} rows (${share} %) were rejected, more than --max-rejected ${formatShare(this.options.maxRejected)} %${example}; list them with --rejects FILE, mend the roll, or raise --max-rejected`,
      );
    }
    for (const input of this.inputs) this.reporter.info(describeBasis(input));
    if (only !== undefined) {
      for (const selector of only.unmatched())
        this.reporter.warn(`--only ${selector.text}: no household is in ${describeSelector(selector)}; ${only.describeSeen([selector])}`);
      this.reporter.warn(`${only.describe()}: the totals are of the units selected, not of the whole roll`);
    }
  }

  /**
   * Lets `load` read a classified roll in place of the pipeline (the flow
   * engine through DuckDB), where nothing the pipeline does per row is asked
   * for (`--only`, `--explain`) and POVROLL_NO_DUCKDB_READ is not set; the
   * file's households are offered to `accept` and its facts recorded, as
   * readFile and its consumer would in that order. Null when
   * `load` declined the file, or was not asked: the pipeline must read it.
   */
  async readDirectly(path: string, loaders: DirectLoaders, accept: (read: DirectRead) => void): Promise<DirectRead | null> {
    const { classes, only, explain, limits } = this.options;
    if ((classes !== 'either' && classes !== 'recorded') || only !== undefined || explain === true || path === '-') return null;
    if (this.io.env['POVROLL_NO_DUCKDB_READ'] === '1') return null;
    const stored = await registryYearOf(path, this.io);
    const year = stored === null ? null : await registryYearFacts(stored, this.io);
    if (stored !== null && year === null) return null;
    const progress = this.reporter.progress(`Reading ${path}`);
    let read: DirectRead | null;
    try {
      read =
        stored !== null && year !== null
          ? await loaders.registryYear(resolve(this.io.cwd, stored.db), stored.year, path, year.digest, limits)
          : await loaders.csv(resolve(this.io.cwd, path), path, limits);
    } finally {
      progress.stop();
    }
    if (read === null) return null;
    // What the pipeline checks of a household as it comes (its year against the other rolls') goes before what it checks of the file.
    accept(read);
    this.reporter.detail(`${path}: a plain classified roll, read whole by DuckDB`);
    const facts: InputFacts = {
      ...emptyInputFacts(path),
      sha256: read.sha256,
      bytes: read.bytes,
      households: read.households,
      years: new Map([[read.year, read.households]]),
      list: year?.list ?? null,
    };
    this.adopt(facts, path);
    return read;
  }

  /** A file read: the same roll given twice is refused; its facts are kept and described. */
  private adopt(facts: InputFacts, file: string): void {
    // The same roll sent twice (a copy under another name) would count every household twice.
    const same = facts.sha256 === '' ? undefined : this.inputs.find((input) => input.sha256 === facts.sha256);
    if (same !== undefined) {
      throw new PovrollError(
        `${this.options.action} "${file}": it is the same file as "${same.path}" (SHA-256 ${same.sha256.slice(0, 12)}…), and its households would count twice; give each roll once`,
      );
    }
    this.inputs.push(facts);
    this.reporter.detail(describeInput(facts));
  }

  private async *readFile(path: string): AsyncGenerator<HouseholdBatch> {
    const { classes } = this.options;
    const reader = await openRoll(
      path,
      this.io,
      classes === 'recorded'
        ? RECORDED_REQUIREMENT
        : classes === 'classify'
          ? classifyRequirement(this.options.autoStandard)
          : { extraColumns: CLASSIFIED_EXTRA },
      this.options.settings,
    );
    if (classes === 'recorded' && isRawReader(reader)) {
      throw new PovrollError(
        `${this.options.action} "${reader.file}": it is a survey roll, and this command reads classified rolls; run "povroll classify" on it first, or "povroll run" for a summary`,
      );
    }
    const recorded = classes === 'recorded' || (classes === 'either' && (reader.index['class'] ?? -1) >= 0);
    const classifying = classes === 'classify' || (classes === 'either' && !recorded);
    if (classes === 'either' && classifying && !isRawReader(reader))
      checkRequirement(path, reader.header, reader.index, classifyRequirement(this.options.autoStandard));
    const file = new FileReading(path, reader, this.options, recorded, classifying);
    const progress = this.reporter.progress(`Reading ${path}`);
    const rejectedBefore = this.rejects.count;
    try {
      for await (const batch of reader.batches) {
        if (batch.started !== undefined) file.start(batch.started, this.reporter);
        const bad: Reject[] = batch.rejects;
        file.facts.skipped += batch.skipped;
        const out = file.take(batch.records, bad);
        await this.addRejects(file, bad);
        if (out.records.length > 0) yield out;
        progress.update(`Reading ${path}: ${file.facts.households.toLocaleString('en')} households`);
      }
      const bad: Reject[] = [];
      const out = file.flush(bad);
      await this.addRejects(file, bad);
      if (out.records.length > 0) yield out;
    } finally {
      progress.stop();
    }
    file.facts.rejected = this.rejects.count - rejectedBefore;
    file.finish(this.reporter, this.options.explain ?? false);
    this.adopt(file.facts, file.reader.file);
  }

  private async addRejects(file: FileReading, bad: Reject[]): Promise<void> {
    if (bad.length === 0) return;
    // Rejects are listed in row order within a batch.
    bad.sort((a, b) => (a.place.row ?? 0) - (b.place.row ?? 0));
    file.noteReasons(bad);
    await this.rejects.add(bad);
  }
}

/** The reading of one file: its sheets' needs, the stray-year guard, classification, and its facts. */
class FileReading {
  readonly facts: InputFacts;
  private readonly seen = new FieldsSeen();
  private readonly guard: StrayYearGuard<RollRecord>;
  private sheet: string | undefined;
  private found: FoundFields | null = null;
  /** Sheets (and standards) whose needs were checked against their fields. */
  private readonly checked = new Set<string>();
  private lastChecked: Standard | null = null;
  private recordedId: string | null = null;
  private recordedStandard: Standard | null = null;
  private readonly parseOutcome: ((cells: readonly string[]) => Outcome) | null;
  private readonly reasons = new Map<string, number>();
  /** What each sheet's title or name says it lists (null: every household). */
  private readonly sheetLists: (ListKind | null)[] = [];
  /** Households outside the units of `--only`. */
  private outside = 0;

  constructor(
    readonly path: string,
    readonly reader: RollReader,
    private readonly options: StreamOptions,
    readonly recorded: boolean,
    private readonly classifying: boolean,
  ) {
    this.facts = emptyInputFacts(path);
    this.guard = new StrayYearGuard(options.strayYears ?? DEFAULT_STRAY_YEAR_LIMITS);
    this.parseOutcome = recorded ? createOutcomeParser(reader.index, (id) => findStandard(id)?.indicators.map((i) => i.code)) : null;
  }

  /** A file or sheet begins: what it gives is checked against what the work needs before any household is used. */
  start(started: RollStart, reporter: Reporter): void {
    this.found = started.found;
    this.sheetLists.push(started.list);
    const shortfalls: Shortfall[] = [];
    if (this.classifying) {
      shortfalls.push(...classifyShortfalls(started.found, null));
      const year = this.options.autoStandard ? yearShortfall(started.found) : null;
      if (year !== null) shortfalls.push(year);
    }
    if (shortfalls.length > 0) throw this.shortfallError(started.sheet, shortfalls, started.found);
    if (this.options.classes === 'none') this.warnOfShortfalls(started, reporter);
    const codes = this.options.matchesHouseholds ? codesShortfall(started.found) : null;
    if (codes !== null) this.noteMissing({ key: 'missingCodes', values: { sheet: started.sheet === null ? '' : ` ("${started.sheet}")` } }, reporter);
  }

  /** Ingest writes what it finds; a roll that could not be classified is named now, not at the next step. */
  private warnOfShortfalls(started: RollStart, reporter: Reporter): void {
    const shortfalls = [...classifyShortfalls(started.found, null), ...[yearShortfall(started.found)].filter((s): s is Shortfall => s !== null)];
    if (shortfalls.length === 0) return;
    const line = describeShortfalls(shortfalls, started.found.unknownHeadings);
    reporter.warn(`${this.reader.file}${started.sheet === null ? '' : ` sheet "${started.sheet}"`}: ${line}`);
  }

  /** Notes what the file lacks for the summary's first sheet, and says it on stderr. */
  private noteMissing(note: ReadingNote, reporter: Reporter): void {
    const text = noteText(note, 'en');
    if (this.facts.missing.some((m) => noteText(m, 'en') === text)) return;
    this.facts.missing.push(note);
    reporter.warn(`${this.reader.file}: ${text}`);
  }

  private shortfallError(sheet: string | null, shortfalls: readonly Shortfall[], found: FoundFields): PovrollError {
    const where = `"${this.reader.file}"${sheet === null ? '' : ` sheet "${sheet}"`}`;
    return new PovrollError(`${this.options.action} ${where}: ${describeShortfalls(shortfalls, found.unknownHeadings, !isRawReader(this.reader))}`);
  }

  /** Takes one batch of records: returns the households that go on, and pushes the rows rejected into `bad`. */
  take(records: readonly RollRecord[], bad: Reject[]): HouseholdBatch {
    const going: RollRecord[] = [];
    const only = this.options.only;
    for (const record of records) {
      // A household of another unit is not used at all: neither checked nor rejected.
      if (only !== undefined && !only.take(record.household.location)) {
        this.outside += 1;
        // Not used: no assumption counts it (its sheet still reads it as a household; the facts count it outside).
        if (isRawReader(this.reader)) this.reader.unused(record, false);
        continue;
      }
      const problem = implausibleValue(record.household, this.options.limits);
      if (problem !== null) {
        bad.push(this.reject(record, problem.column, problem.message));
        continue;
      }
      if (record.sheet !== this.sheet) {
        this.endSheet(going, bad);
        this.sheet = record.sheet;
        this.lastChecked = null;
      }
      this.guard.take(record.household.reviewYear, record, going);
    }
    return this.outcomes(going, bad);
  }

  /** The end of the file: rows held back by the stray-year guard go on, or are rejected. */
  flush(bad: Reject[]): HouseholdBatch {
    const going: RollRecord[] = [];
    this.endSheet(going, bad);
    return this.outcomes(going, bad);
  }

  private endSheet(going: RollRecord[], bad: Reject[]): void {
    const { release, strays } = this.guard.finish();
    going.push(...release);
    for (const stray of strays) {
      const reason = `review year ${stray.year} differs from the ${stray.mainCount.toLocaleString('en')} other households of this ${this.sheet === undefined ? 'file' : 'sheet'} (${stray.mainYear}); correct the year, or give that year's households a roll of their own`;
      bad.push(this.reject(stray.item, 'review_year', reason));
    }
  }

  private outcomes(records: RollRecord[], bad: Reject[]): HouseholdBatch {
    const batch: HouseholdBatch = {
      reader: this.reader,
      facts: this.facts,
      records: [],
      outcomes: [],
      classifications: this.classifying ? [] : null,
      standardIds: [],
      standards: [],
    };
    for (const record of records) {
      try {
        if (this.classifying) {
          const classification = classifyWith(record.household, this.options.selector);
          this.checkStandardNeeds(classification.standard);
          batch.classifications!.push(classification);
          batch.outcomes.push(classification);
          batch.standards.push(classification.standard);
          batch.standardIds.push(classification.standard?.id ?? '');
        } else if (this.parseOutcome !== null) {
          batch.outcomes.push(this.parseOutcome(record.cells));
          const id = columnText(record.cells, this.reader.index, 'standard');
          batch.standardIds.push(id);
          // Every household of a roll names the same standard or two: look each up once.
          if (id !== this.recordedId) {
            this.recordedId = id;
            this.recordedStandard = findStandard(id) ?? null;
          }
          batch.standards.push(this.recordedStandard);
        }
      } catch (error) {
        if (!(error instanceof FieldError)) throw error;
        bad.push(this.reject(record, error.column, error.message));
        continue;
      }
      batch.records.push(record);
      this.seen.add(record.household, this.classifying ? batch.standards[batch.standards.length - 1]! : null);
    }
    this.facts.households += batch.records.length;
    return batch;
  }

  /** The standard's indicators are known once a household of the sheet is classified under it. */
  private checkStandardNeeds(standard: Standard | null): void {
    // Runs per household: the same standard as last time, in the same sheet, was checked already.
    if (standard === this.lastChecked) return;
    this.lastChecked = standard;
    if (standard === null || this.found === null) return;
    const key = `${this.sheet ?? ''}\u0000${standard.id}`;
    if (this.checked.has(key)) return;
    this.checked.add(key);
    const shortfalls = classifyShortfalls(this.found, standard);
    if (shortfalls.length > 0) throw this.shortfallError(this.sheet ?? null, shortfalls, this.found);
  }

  /** A household read and not used: a rejected row, in its sheet's accounting too. */
  private reject(record: RollRecord, column: string, reason: string): Reject {
    if (isRawReader(this.reader)) this.reader.unused(record, true);
    return {
      place: { file: this.reader.file, ...(record.sheet !== undefined && { sheet: record.sheet }), row: record.row, column },
      reason,
      cells: record.cells,
    };
  }

  noteReasons(bad: readonly Reject[]): void {
    for (const reject of bad) {
      const key = reasonKind(reject);
      this.reasons.set(key, (this.reasons.get(key) ?? 0) + 1);
    }
  }

  /** The file is read: values the work needs that no household had stop the run; the facts are completed. */
  finish(reporter: Reporter, explain: boolean): void {
    const uncalculated = isRawReader(this.reader) ? this.reader.report().formulasWithoutValue : 0;
    // Cells that hold a formula but no saved value read as empty: the cause of empty columns, not a heading.
    const recalculate =
      uncalculated > 0
        ? `${uncalculated.toLocaleString('en')} cells hold formulas saved without their values; open the workbook in Excel or LibreOffice and save it again, so that the values are stored`
        : null;
    if (this.facts.households > 0) {
      const empty = this.seen.shortfalls(this.classifying, this.options.autoStandard);
      if (empty.length > 0)
        throw new PovrollError(`${this.options.action} "${this.reader.file}": ${[...(recalculate ? [recalculate] : []), ...empty].join('; ')}`);
      if (this.options.matchesHouseholds && this.seen.withoutCode > 0 && !this.facts.missing.some((m) => m.key === 'missingCodes')) {
        this.noteMissing(
          { key: 'missingSomeCodes', values: { count: this.seen.withoutCode.toLocaleString('en'), total: this.facts.households.toLocaleString('en') } },
          reporter,
        );
      }
    }
    this.facts.years = this.seen.byYear();
    this.facts.list = fileList(this.sheetLists);
    if (recalculate !== null) reporter.warn(`${this.reader.file}: ${recalculate}`);
    Object.assign(this.facts, this.reader.digest());
    this.facts.rejectReasons = [...this.reasons].sort((a, b) => b[1] - a[1]).map(([reason, count]) => ({ reason, count }));
    if (isRawReader(this.reader)) {
      const report = this.reader.report();
      describeFile(report, explain, reporter);
      this.facts.sheets = report.sheets.length;
      this.facts.memberRows = report.sheets.reduce((n, s) => n + s.counts.memberRows, 0);
      this.facts.skipped = report.sheets.reduce((n, s) => n + Object.values(s.counts.skipped).reduce((a, b) => a + b, 0), 0);
      const assumed = new Map<string, ReadingNote & { households: number }>();
      for (const sheet of report.sheets) {
        for (const [id, { note, households }] of sheet.assumptions) {
          const entry = assumed.get(id);
          if (entry !== undefined) entry.households += households;
          else assumed.set(id, { ...note, households });
        }
      }
      this.facts.assumptions = [...assumed.values()];
    }
    // Households outside --only were read and not used: among the skipped rows, so that every row read is accounted for.
    if (this.options.only !== undefined) {
      this.facts.outside = this.outside;
      this.facts.skipped += this.outside;
    }
  }
}

/**
 * What a file lists: a workbook of sheets "Hộ nghèo" and "Hộ cận nghèo" is a
 * list of both; one sheet of every household makes the file a full roll.
 */
function fileList(sheets: readonly (ListKind | null)[]): ListKind | null {
  if (sheets.length === 0 || sheets.includes(null)) return null;
  const poor = sheets.some((k) => k === 'poor' || k === 'poor_and_near_poor');
  const nearPoor = sheets.some((k) => k === 'near_poor' || k === 'poor_and_near_poor');
  return poor && nearPoor ? 'poor_and_near_poor' : poor ? 'poor' : nearPoor ? 'near_poor' : 'escaped';
}

/** A reject's reason without the value found, so that rows failing the same way count together. */
function reasonKind(reject: Reject): string {
  const reason = reject.reason.replace(/^column "[^"]*": /, '').replace(/, found "[^"]*"$/, '');
  return reject.place.column ? `${reject.place.column}: ${reason}` : reason;
}

/** `--max-rejected` as the user gave it, in percent: half up to 2 decimals on the exact value, trailing zeros dropped. */
function formatShare(share: number): string {
  return String(Number(formatPercent(share, 1, 2)));
}
