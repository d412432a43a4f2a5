import { fileDigest } from './file-digest.js';
import { basename, resolve } from 'node:path';
import type { HouseholdClass } from '../core/household.js';
import { type HeadingOverrides, nearestHeadings } from '../core/ingest/fields.js';
import type { SourceRow } from '../core/ingest/header.js';
import { INGEST_COLUMNS, type IngestOutput, type SheetContext } from '../core/ingest/sheet-ingester.js';
import { yearInName } from '../core/ingest/title.js';
import { DataFault } from '../core/data-fault.js';
import { FieldError, createHouseholdParser, indexColumns } from '../core/roll.js';
import { PovrollError } from '../errors.js';
import { convertToXlsx } from './convert.js';
import { type CsvTable, openCsvSource, type TextEncoding } from './csv-source.js';
import { describeFsError } from './fs-errors.js';
import type { Io } from './io.js';
import type { RollBatch, RollReader, RollRecord } from './roll-reader.js';
import { type RollFormat, sniffFormat } from './roll-inputs.js';
import { type SheetReport, ingestSheet } from './sheet-ingest.js';
import { NotAWorkbookError, openXlsx } from './xlsx/workbook.js';
import { type ZipLimits, DEFAULT_ZIP_LIMITS, ZipLimitError } from './xlsx/zip.js';

/** What the user told ingest beyond the files. */
export interface IngestSettings {
  defaults: SheetContext['defaults'];
  overrides: HeadingOverrides;
  classCodes: Readonly<Record<string, HouseholdClass>>;
  zipLimits?: ZipLimits;
  /** False when nobody will ask for the input's SHA-256 (the ingest command): the file is then read only once. */
  hashInputs?: boolean;
  /** 'checks' when only the canonical cells are written (ingest): households are read just far enough for the checks. */
  householdFacts?: 'all' | 'checks';
}

export type { SheetReport };

export interface FileReport {
  file: string;
  format: RollFormat;
  encoding: TextEncoding | null;
  sheets: SheetReport[];
  /** Hidden sheets, not read. */
  hidden: string[];
  /** Formula cells saved without their value: the workbook was not calculated when saved, and those cells read as empty. */
  formulasWithoutValue: number;
}

export interface RawRollReader extends RollReader {
  /** Complete once `batches` is exhausted. */
  report(): FileReport;
  /**
   * A household read here that the caller does not use: rejected by a later
   * check (a value that cannot be true, a stray year, a class that cannot be
   * read), or outside `--only`. No assumption counts it any more, and a
   * rejected one is a rejected row of its sheet, not a household — so each
   * sheet's rows still add up, and the assumptions count the households used.
   */
  unused(record: RollRecord, rejected: boolean): void;
}

/** What a sheet's report loses to households not used: rows now rejected, and the assumptions made for them. */
interface Unused {
  rejected: number;
  assumed: Map<string, number>;
}

/** Reads a survey roll as offices send it (.xlsx, .xlsm, .csv, .tsv; .xls and .ods through LibreOffice). */
export async function openRawRoll(path: string, io: Io, settings: IngestSettings, opened?: CsvTable): Promise<RawRollReader> {
  const format = opened ? 'text' : await sniffFormat(path, io);
  const file = path === '-' ? 'stdin' : path;
  const header = [...INGEST_COLUMNS];
  const index = indexColumns(header, INGEST_COLUMNS);
  const parse = createHouseholdParser(index, settings.householdFacts ?? 'all');
  const report: FileReport = { file, format, encoding: null, sheets: [], hidden: [], formulasWithoutValue: 0 };
  const fileYear = yearInName(basename(file));
  const context = (sheet: string | null, fixText: SheetContext['fixText']): SheetContext => ({
    file,
    sheet,
    defaults: settings.defaults,
    fileYear,
    overrides: settings.overrides,
    classCodes: settings.classCodes,
    fixText,
  });

  let digest: { sha256: string; bytes: number } = { sha256: '', bytes: 0 };
  /** Each sheet's outputs, in sheet order. */
  let sheets: AsyncGenerator<AsyncGenerator<SheetOutput, SheetReport>>;
  if (format === 'text') {
    const table = opened ?? (await openCsvSource(path, io));
    report.encoding = table.encoding;
    const rows = (async function* () {
      const first: SourceRow[] = [{ row: 1, cells: table.header }];
      for await (const batch of table.batches) {
        const rows = batch.rows.map((cells, i) => ({ row: batch.firstRow + i, cells }));
        yield first.length > 0 ? [...first.splice(0), ...rows] : rows;
      }
      if (first.length > 0) yield first;
      digest = table.digest();
    })();
    sheets = (async function* () {
      yield named(path, null, ingestSheet(null, rows, context));
    })();
  } else {
    const hashing = settings.hashInputs === false ? Promise.resolve({ sha256: '', bytes: 0 }) : fileDigest(resolve(io.cwd, path));
    const converted = format === 'convert' ? await convertToXlsx(path, io) : null;
    const workbookPath = converted?.path ?? resolve(io.cwd, path);
    const limits = settings.zipLimits ?? DEFAULT_ZIP_LIMITS;
    const book = await openWorkbook(workbookPath, path, limits).catch(async (error) => {
      await converted?.cleanup();
      throw error;
    });
    sheets = (async function* () {
      try {
        for (const sheet of book.sheets) {
          // A hidden sheet is usually an old copy or a lookup table: reading it would count households twice.
          if (sheet.hidden) {
            report.hidden.push(sheet.name);
            continue;
          }
          yield named(path, sheet.name, ingestSheet(sheet.name, book.rows(sheet), context));
          report.formulasWithoutValue += book.formulasWithoutValue(sheet);
        }
        digest = await hashing;
      } finally {
        book.close();
        await converted?.cleanup();
      }
    })();
  }

  // Households not used, by sheet (names are unique within a workbook; a text file's is null), until the sheet's report is in.
  const unusedBySheet = new Map<string | null, Unused>();
  const finished = new Map<string | null, SheetReport>();
  const noteUnused = (sheet: string | null, assumed: readonly string[] | undefined, rejected: boolean) => {
    let unused = unusedBySheet.get(sheet);
    if (unused === undefined) unusedBySheet.set(sheet, (unused = { rejected: 0, assumed: new Map() }));
    if (rejected) unused.rejected += 1;
    for (const id of assumed ?? []) unused.assumed.set(id, (unused.assumed.get(id) ?? 0) + 1);
    const done = finished.get(sheet);
    if (done !== undefined) settleUnused(done);
  };
  const settleUnused = (sheet: SheetReport) => {
    const unused = unusedBySheet.get(sheet.sheet);
    if (unused === undefined) return;
    unusedBySheet.delete(sheet.sheet);
    sheet.counts.households -= unused.rejected;
    sheet.counts.rejected += unused.rejected;
    for (const [id, households] of unused.assumed) {
      const entry = sheet.assumptions.get(id);
      if (entry === undefined) continue;
      entry.households -= households;
      if (entry.households <= 0) sheet.assumptions.delete(id);
    }
  };

  return {
    name: path,
    file,
    header,
    index,
    digest: () => digest,
    report: () => report,
    unused: (record, rejected) => noteUnused(record.sheet ?? null, (record as RawRollRecord).assumed, rejected),
    batches: (async function* (): AsyncGenerator<RollBatch> {
      for await (const sheet of sheets) {
        for (;;) {
          const next = await sheet.next();
          if (next.done) {
            // Households whose cells failed to parse (and any rejected since) are rejected rows, not households.
            report.sheets.push(next.value);
            finished.set(next.value.sheet, next.value);
            settleUnused(next.value);
            break;
          }
          yield toBatch(next.value);
        }
      }
      if (!report.sheets.some((s) => s.header !== null)) throw noRollError(path, report);
    })(),
  };

  function toBatch(output: SheetOutput): RollBatch {
    const sheetName = output.sheet;
    const batch: RollBatch = { records: [], rejects: [], skipped: 0 };
    if (output.started !== undefined) batch.started = { sheet: sheetName, found: output.started, list: output.started.list };
    for (const reject of output.rejects) {
      batch.rejects.push({
        place: { file, ...(sheetName !== null && { sheet: sheetName }), row: reject.row, ...(reject.column && { column: reject.column }) },
        reason: reject.reason,
        cells: reject.cells,
      });
    }
    for (const household of output.households) {
      try {
        const record: RawRollRecord = {
          household: parse(household.cells),
          cells: household.cells,
          row: household.row,
          ...(sheetName !== null && { sheet: sheetName }),
        };
        if (household.assumed !== undefined) record.assumed = household.assumed;
        batch.records.push(record);
      } catch (error) {
        if (!(error instanceof FieldError)) throw error;
        batch.rejects.push({
          place: { file, ...(sheetName !== null && { sheet: sheetName }), row: household.row, column: error.column },
          reason: error.message,
          cells: household.cells,
        });
        noteUnused(sheetName, household.assumed, true);
      }
    }
    return batch;
  }
}

type SheetOutput = IngestOutput & { sheet: string | null };

/** A record of a survey roll: with the assumptions made to read it, so that a household rejected later leaves their counts. */
interface RawRollRecord extends RollRecord {
  assumed?: readonly string[];
}

/** A sheet's stream, with errors met while reading it (damaged data, an entry past its size, a fault of the roll) named and worded for users. */
async function* named(path: string, sheet: string | null, run: AsyncGenerator<SheetOutput, SheetReport>): AsyncGenerator<SheetOutput, SheetReport> {
  try {
    return yield* run;
  } catch (error) {
    if (error instanceof PovrollError) throw error;
    // A text file's own faults (DataFault) are the only ones named here; a sheet's may be damage too.
    if (sheet === null && !(error instanceof DataFault)) throw error;
    const message = (error as Error).message;
    // zlib's own words ("invalid distance too far back") say nothing to users without this.
    const why = (error as NodeJS.ErrnoException).code?.startsWith('Z_') ? `the sheet is damaged (${message})` : message;
    throw new PovrollError(`Cannot read "${path}": ${sheet === null ? '' : `sheet "${sheet}": `}${why}`, 1, { cause: error });
  }
}

/** Opens a workbook, turning its failures (limits, not a workbook, damage, I/O) into one-line errors. */
export async function openWorkbook(path: string, shownAs: string, limits: ZipLimits = DEFAULT_ZIP_LIMITS) {
  try {
    return await openXlsx(path, limits);
  } catch (error) {
    if (error instanceof ZipLimitError) {
      throw new PovrollError(`Cannot read "${shownAs}": ${error.message}; povroll stops rather than fill the disk or memory`, 1, { cause: error });
    }
    if (error instanceof NotAWorkbookError)
      throw new PovrollError(`Cannot read "${shownAs}": ${error.message}; it is a zip file but not an Excel workbook`, 1, { cause: error });
    const message = (error as Error).message ?? String(error);
    // Only a failed system call is an I/O error: zlib's errors carry a code too (Z_DATA_ERROR) but mean damage.
    if ((error as NodeJS.ErrnoException).syscall !== undefined)
      throw new PovrollError(`Cannot read "${shownAs}": ${describeFsError(error)}`, 1, { cause: error });
    throw new PovrollError(`Cannot read "${shownAs}": the workbook is damaged (${message})`, 1, { cause: error });
  }
}

/** "No recognisable header": what was seen where, and the headings it came closest to. */
function noRollError(path: string, report: FileReport): PovrollError {
  if (report.sheets.every((s) => s.counts.rowsRead === 0)) {
    return new PovrollError(`Cannot read "${path}": the ${report.format === 'text' ? 'file' : 'workbook'} is empty`);
  }
  const seen = report.sheets
    .filter((s) => s.closest.length > 0)
    .slice(0, 3)
    .map((s) => {
      const where = s.sheet === null ? '' : `sheet "${s.sheet}" `;
      const headings = s.closest
        .slice(0, 8)
        .map((h) => `"${h}"`)
        .join(', ');
      const near = s.closest.flatMap((h) => nearestHeadings(h, 1).map((n) => `"${h}" ≈ ${n.heading} (${n.field})`)).slice(0, 3);
      return `${where}has ${headings}${near.length > 0 ? ` (nearest known headings: ${near.join('; ')})` : ''}`;
    });
  return new PovrollError(
    `Cannot read "${path}": no sheet has a recognisable roll header (household code, head, name or STT with two more known columns); ${seen.join('; ') || 'no text found'}; name the columns with --map FILE`,
  );
}
