import type { Area } from '../core/household.js';
import type { IngestField } from '../core/ingest/fields.js';
import { columnLetter } from '../core/ingest/header.js';
import { detached } from '../core/detached.js';
import { SourceRows } from '../core/source-rows.js';
import { INGEST_COLUMNS, type SheetCounts } from '../core/ingest/sheet-ingester.js';
import { PovrollError, type SourcePlace } from '../errors.js';
import { formatCsv } from '../io/csv-format.js';
import type { Io } from '../io/io.js';
import { readHeadingMap } from '../io/ingest-settings.js';
import { isRawReader, openRoll } from '../io/open-roll.js';
import { openTextOutput, writeAllOrNothing } from '../io/output.js';
import type { FileReport, IngestSettings, SheetReport } from '../io/raw-roll-reader.js';
import { RejectList } from '../io/reject-list.js';
import type { Reject, RollReader } from '../io/roll-reader.js';
import { expandInputs } from '../io/roll-inputs.js';
import { type GlobalOptions, type Reporter, createReporter } from '../io/terminal.js';
import { plural } from './describe.js';

export type DuplicatePolicy = 'error' | 'first' | 'last' | 'keep';

export interface IngestOptions extends LocationOptions {
  files: string[];
  output?: string;
  rejects?: string;
  map?: string;
  explain: boolean;
  province?: string;
  district?: string;
  commune?: string;
  area?: Area;
  year?: number;
  onDuplicate: DuplicatePolicy;
  strict: boolean;
}

export interface IngestResult {
  files: FileReport[];
  households: number;
  rejected: number;
  duplicates: number;
}

/** `povroll ingest FILE...`: survey rolls as offices send them → one canonical household roll. */
export async function ingestCommand(options: IngestOptions, global: GlobalOptions, io: Io): Promise<IngestResult> {
  const reporter = createReporter(io, global);
  const files = await expandInputs(options.files, io);
  const settings = await ingestSettings(options, io, false);
  const output = await openTextOutput(options.output, io, files);
  const rejects = await RejectList.open(options.rejects, io, files, { strict: options.strict, action: 'Cannot ingest roll' });
  const duplicates = new DuplicateCheck(options.onDuplicate);
  const result: IngestResult = { files: [], households: 0, rejected: 0, duplicates: 0 };
  let progress = reporter.progress('Ingesting');
  try {
    await writeAllOrNothing([output, rejects], async () => {
      await output.write(formatCsv([[...INGEST_COLUMNS]]));
      for (const file of files) {
        progress.stop();
        progress = reporter.progress(`Ingesting ${file}`);
        const reader = await openRoll(file, io, {}, settings);
        const toColumns = cellMapper(reader);
        // Cells ingest built itself need quoting only in their free-text columns; a canonical roll passes through as written.
        const textColumns = isRawReader(reader) ? TEXT_COLUMNS : undefined;
        for await (const batch of reader.batches) {
          const rows: string[][] = [];
          const dropped: Reject[] = [];
          for (const record of batch.records) {
            const cells = toColumns(record.cells);
            const verdict = duplicates.check(cells, reader.file, record.sheet, record.row);
            if (verdict !== null) {
              dropped.push({ place: { file: reader.file, ...(record.sheet !== undefined && { sheet: record.sheet }), row: record.row, column: 'household_id' }, reason: verdict, cells: record.cells });
              continue;
            }
            if (options.onDuplicate === 'last') duplicates.hold(cells, { file: reader.file, ...(record.sheet !== undefined && { sheet: record.sheet }), row: record.row }, record.cells);
            else rows.push(cells);
          }
          await rejects.add([...batch.rejects, ...dropped]);
          result.households += rows.length;
          if (rows.length > 0) await output.write(formatCsv(rows, textColumns));
          progress.update(`Ingesting ${file}: ${result.households.toLocaleString('en')} households`);
        }
        const report = isRawReader(reader) ? reader.report() : passThroughReport(reader);
        result.files.push(report);
        progress.stop();
        describeFile(report, options.explain, duplicates.droppedIn(report.file), reporter);
      }
      if (options.onDuplicate === 'last') {
        const { rows, replaced } = duplicates.released();
        result.households += rows.length;
        await output.write(formatCsv(rows));
        await rejects.add(replaced);
      }
    });
  } finally {
    progress.stop();
  }
  result.rejected = rejects.count;
  result.duplicates = duplicates.count;
  const sheets = result.files.reduce((n, f) => n + f.sheets.length, 0);
  reporter.info(`Ingested ${plural(result.households, 'household')} from ${plural(files.length, 'file')} (${plural(sheets, 'sheet')})`);
  const duplicateNote = duplicates.describe();
  if (duplicateNote) reporter.warn(duplicateNote);
  const rejected = rejects.describe(options.rejects);
  if (rejected) reporter.warn(rejected);
  return result;
}

/** Location defaults and the heading map, shared by every command that reads raw rolls. */
export interface LocationOptions {
  map?: string;
  province?: string;
  district?: string;
  commune?: string;
  area?: Area;
  year?: number;
}

export async function ingestSettings(options: LocationOptions, io: Io, forSummary = true): Promise<IngestSettings> {
  const { overrides, classCodes } = await readHeadingMap(options.map, io);
  return {
    overrides,
    classCodes,
    // Ingest writes canonical cells and records no input digest: no household parsing, no hashing.
    parseHouseholds: forSummary,
    hashInputs: forSummary,
    defaults: {
      ...(options.province !== undefined && { province: options.province.normalize('NFC') }),
      ...(options.district !== undefined && { district: options.district.normalize('NFC') }),
      ...(options.commune !== undefined && { commune: options.commune.normalize('NFC') }),
      ...(options.area !== undefined && { area: options.area }),
      ...(options.year !== undefined && { year: options.year }),
    },
  };
}

/** Cells in INGEST_COLUMNS order, whatever order the reader's header has. */
function cellMapper(reader: RollReader): (cells: string[]) => string[] {
  const positions = INGEST_COLUMNS.map((column) => reader.header.indexOf(column));
  if (positions.every((p, i) => p === i) && reader.header.length === INGEST_COLUMNS.length) return (cells) => cells;
  return (cells) => positions.map((p) => (p < 0 ? '' : (cells[p] ?? '')));
}

function passThroughReport(reader: RollReader): FileReport {
  return { file: reader.file, format: 'text', encoding: null, sheets: [], hidden: [] };
}

/**
 * Household codes within a review year (rolls.md: codes repeat). `keep`
 * writes both and reports them, `first` and `last` keep one and reject the
 * others, `error` stops. `last` holds every household until the end.
 */
/** The canonical columns that hold free text; all others are numbers, flags, codes or classes. */
const TEXT_COLUMNS = (['household_id', 'head_name', 'province_code', 'province', 'district_code', 'district', 'commune_code', 'commune', 'village', 'ethnicity', 'poverty_cause', 'source'] as const).map((c) =>
  INGEST_COLUMNS.indexOf(c),
);
const ID = INGEST_COLUMNS.indexOf('household_id');
const YEAR = INGEST_COLUMNS.indexOf('review_year');

class DuplicateCheck {
  count = 0;
  /** Where each code was first seen, by review year then code, packed (SourceRows). */
  private readonly seen = new Map<string, Map<string, number>>();
  private readonly sourceRows = new SourceRows();
  private readonly dropped = new Map<string, number>();
  private firstExample: string | null = null;
  private held: { cells: string[]; place: SourcePlace; raw: string[] }[] = [];
  private readonly lastIndex = new Map<string, number>();

  constructor(private readonly policy: DuplicatePolicy) {}

  /** Null to write the household, or why it is rejected. */
  check(cells: string[], file: string, sheet: string | undefined, row: number): string | null {
    const id = cells[ID]!;
    if (id === '') return null;
    const year = cells[YEAR]!;
    let ids = this.seen.get(year);
    if (ids === undefined) this.seen.set(year, (ids = new Map()));
    const earlier = ids.get(id);
    if (earlier === undefined) {
      ids.set(detached(id), this.sourceRows.pack(placeName(file, sheet), row));
      return null;
    }
    this.count += 1;
    const firstSeen = this.sourceRows.unpack(earlier);
    const first = `${firstSeen.source}!${firstSeen.row}`;
    const where = `household code "${id}"${year ? ` of review year ${year}` : ''} appears at ${first} and ${placeName(file, sheet)}!${row}`;
    this.firstExample ??= where;
    if (this.policy === 'error') {
      throw new PovrollError(`Cannot ingest: ${where}; choose --on-duplicate first, last or keep`);
    }
    if (this.policy === 'first') {
      this.dropped.set(file, (this.dropped.get(file) ?? 0) + 1);
      return `duplicate: ${where}; the first is kept (--on-duplicate first)`;
    }
    return null;
  }

  hold(cells: string[], place: SourcePlace, raw: string[]): void {
    const id = cells[ID]!;
    if (id !== '') this.lastIndex.set(`${cells[YEAR]}\u0000${id}`, this.held.length);
    this.held.push({ cells, place, raw });
  }

  /** With `last`: the held households no later one of the same code replaces, and the replaced ones as rejects. */
  released(): { rows: string[][]; replaced: Reject[] } {
    const rows: string[][] = [];
    const replaced: Reject[] = [];
    this.held.forEach(({ cells, place, raw }, i) => {
      const id = cells[ID]!;
      if (id === '' || this.lastIndex.get(`${cells[YEAR]}\u0000${id}`) === i) rows.push(cells);
      else replaced.push({ place: { ...place, column: 'household_id' }, reason: `duplicate: household code "${id}" appears again later; the last is kept (--on-duplicate last)`, cells: raw });
    });
    this.held = [];
    return { rows, replaced };
  }

  droppedIn(file: string): number {
    return this.dropped.get(file) ?? 0;
  }

  describe(): string | null {
    if (this.count === 0) return null;
    const what = this.count === 1 ? '1 household code repeats' : `${this.count.toLocaleString('en')} household codes repeat`;
    const kept = { keep: 'both rows kept', first: 'the first kept, later ones rejected', last: 'the last kept', error: '' }[this.policy];
    return `${what} within a review year (first: ${this.firstExample}); ${kept} (--on-duplicate)`;
  }
}

/** `file#sheet` as sources are written (contract.md), or the file alone for a text file. */
function placeName(file: string, sheet: string | undefined): string {
  return sheet !== undefined ? `${file}#${sheet}` : file;
}

const NOT_WRITTEN: Partial<Record<IngestField, string>> = {
  stt: 'list number: marks household rows',
  person_name: 'the head’s name is written; members’ are not',
  relationship: 'marks household heads',
  birth_year_male: 'personal data; tells a male head',
  birth_year_female: 'personal data; tells a female head',
  birth_date: 'personal data, not written',
  sex: 'tells a female head',
  citizen_id: 'personal data, not written',
  mark_poor: 'gives recorded_class',
  mark_near_poor: 'gives recorded_class',
  notes: 'not written',
};

/** The per-sheet accounting on stderr: the rows read are households + member rows + rejected + skipped. */
export function describeFile(report: FileReport, explain: boolean, duplicatesDropped: number, reporter: Reporter): void {
  const notes: string[] = [];
  if (report.encoding !== null && report.encoding !== 'utf-8') notes.push(`read as ${report.encoding}`);
  reporter.info(`${report.file}${notes.length ? ` (${notes.join(', ')})` : ''}`);
  for (const hidden of report.hidden) reporter.info(`  sheet "${hidden}": hidden, not read`);
  for (const sheet of report.sheets) {
    const where = sheet.sheet === null ? '  ' : `  sheet "${sheet.sheet}": `;
    if (sheet.header === null) {
      reporter.info(`${where}no roll here (no recognisable header); ${plural(sheet.counts.rowsRead, 'row')} skipped`);
      continue;
    }
    reporter.info(where + accounting(sheet.counts));
    if (sheet.legacy !== null) reporter.warn(`${report.file}${sheet.sheet ? ` sheet "${sheet.sheet}"` : ''}: text in the legacy ${sheet.legacy === 'tcvn3' ? 'TCVN3 (ABC)' : 'VNI'} encoding, converted to Unicode`);
    const fields = sheet.header.fields;
    if (!fields.has('income_per_capita') && !fields.has('score_b1') && !fields.has('recorded_class')) {
      reporter.warn(`${report.file}${sheet.sheet ? ` sheet "${sheet.sheet}"` : ''}: no income, B1 score or class column: its households cannot be classified`);
    }
    if (explain) explainSheet(sheet, reporter);
  }
  if (duplicatesDropped > 0) reporter.info(`  ${plural(duplicatesDropped, 'duplicate household')} rejected (--on-duplicate first)`);
}

function accounting(c: SheetCounts): string {
  const skipped = Object.values(c.skipped).reduce((a, b) => a + b, 0);
  const parts = Object.entries(c.skipped)
    .filter(([, n]) => n > 0)
    .map(([reason, n]) => `${n.toLocaleString('en')} ${reason}`)
    .join(', ');
  const n = (x: number) => x.toLocaleString('en');
  return `${plural(c.rowsRead, 'row')} read = ${plural(c.households, 'household')} + ${n(c.memberRows)} member rows + ${n(c.rejected)} rejected + ${n(skipped)} skipped${parts ? ` (${parts})` : ''}`;
}

/** `--explain`: which source column became which field, and which were left unused. */
function explainSheet(sheet: SheetReport, reporter: Reporter): void {
  const header = sheet.header!;
  for (const column of header.columns) {
    if (column.heading === '') continue;
    const letter = columnLetter(column.index).padEnd(3);
    const heading = `"${column.heading}"`;
    if (column.field === undefined) reporter.info(`    ${letter} ${heading} → unused (no known heading)`);
    else if (column.field === null) reporter.info(`    ${letter} ${heading} → left out (--map)`);
    else if (column.unusedBecause) reporter.info(`    ${letter} ${heading} → unused (${column.unusedBecause})`);
    else {
      const note = NOT_WRITTEN[column.field];
      reporter.info(`    ${letter} ${heading} → ${column.field}${note ? ` (${note})` : ''}`);
    }
  }
}
