import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { HouseholdClass } from '../core/household.js';
import type { HeadingOverrides } from '../core/ingest/fields.js';
import { type Header, type SourceRow, HEADER_SEARCH_ROWS } from '../core/ingest/header.js';
import { INGEST_COLUMNS, type SheetContext, type SheetCounts, createSheetIngester } from '../core/ingest/sheet-ingester.js';
import { nearestHeadings } from '../core/ingest/fields.js';
import { yearInName } from '../core/ingest/title.js';
import { FieldError, createHouseholdParser, indexColumns } from '../core/roll.js';
import { PovrollError } from '../errors.js';
import { convertToXlsx } from './convert.js';
import { type CsvTable, openCsvTable, type TextEncoding } from './csv-source.js';
import { describeFsError } from './fs-errors.js';
import type { Io } from './io.js';
import { type LegacyEncoding, detectLegacyEncoding, legacyDecoder } from './legacy-text.js';
import type { Reject, RollBatch, RollReader, RollRecord } from './roll-reader.js';
import { type RollFormat, sniffFormat } from './roll-inputs.js';
import { NotAWorkbookError, openXlsx } from './xlsx/workbook.js';
import { type ZipLimits, DEFAULT_ZIP_LIMITS, ZipLimitError } from './xlsx/zip.js';

/** What the user told ingest beyond the files. */
export interface IngestSettings {
  defaults: SheetContext['defaults'];
  overrides: HeadingOverrides;
  classCodes: Readonly<Record<string, HouseholdClass>>;
  zipLimits?: ZipLimits;
  /**
   * False when only the canonical cells are wanted (the ingest command): the
   * records then carry a placeholder household instead of a parsed one.
   */
  parseHouseholds?: boolean;
}

export interface SheetReport {
  /** Sheet name, or null for a text file. */
  sheet: string | null;
  counts: SheetCounts;
  header: Header | null;
  legacy: LegacyEncoding | null;
  /** For a sheet without a roll: the row that came closest to a header. */
  closest: string[];
}

export interface FileReport {
  file: string;
  format: RollFormat;
  encoding: TextEncoding | null;
  sheets: SheetReport[];
}

export interface RawRollReader extends RollReader {
  /** Complete once `batches` is exhausted. */
  report(): FileReport;
}

/** Reads a survey roll as offices send it (.xlsx, .xlsm, .csv, .tsv; .xls and .ods through LibreOffice). */
export async function openRawRoll(path: string, io: Io, settings: IngestSettings, opened?: CsvTable): Promise<RawRollReader> {
  const format = opened ? 'text' : await sniffFormat(path, io);
  const file = path === '-' ? 'stdin' : path;
  const header = [...INGEST_COLUMNS];
  const index = indexColumns(header, INGEST_COLUMNS);
  const parse = createHouseholdParser(index);
  const report: FileReport = { file, format, encoding: null, sheets: [] };
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
  let sheets: AsyncGenerator<{ name: string | null; rows: AsyncGenerator<SourceRow[]> }>;
  if (format === 'text') {
    const table = opened ?? (await openCsvTable(path, io));
    report.encoding = table.encoding;
    sheets = (async function* () {
      yield {
        name: null,
        rows: (async function* () {
          const first: SourceRow[] = [{ row: 1, cells: table.header }];
          for await (const batch of table.batches) {
            const rows = batch.rows.map((cells, i) => ({ row: batch.firstRow + i, cells }));
            if (first.length > 0) {
              yield [...first.splice(0), ...rows];
            } else {
              yield rows;
            }
          }
          if (first.length > 0) yield first;
          digest = table.digest();
        })(),
      };
    })();
  } else {
    const hashing = hashFile(resolve(io.cwd, path));
    const converted = format === 'convert' ? await convertToXlsx(path, io) : null;
    const book = await openWorkbook(converted?.path ?? resolve(io.cwd, path), path, settings.zipLimits ?? DEFAULT_ZIP_LIMITS).catch(async (error) => {
      await converted?.cleanup();
      throw error;
    });
    sheets = (async function* () {
      try {
        for (const sheet of book.sheets) yield { name: sheet.name, rows: book.rows(sheet) };
        digest = await hashing;
      } finally {
        book.close();
        await converted?.cleanup();
      }
    })();
  }

  return {
    name: path,
    file,
    header,
    index,
    digest: () => digest,
    report: () => report,
    batches: (async function* (): AsyncGenerator<RollBatch> {
      for await (const sheet of sheets) {
        let ingester: ReturnType<typeof createSheetIngester> | null = null;
        let legacy: LegacyEncoding | null = null;
        let sheetName = sheet.name;
        const toBatch = (output: ReturnType<NonNullable<typeof ingester>['push']>): RollBatch => {
          const batch: RollBatch = { records: [], rejects: [], skipped: 0 };
          for (const reject of output.rejects) {
            batch.rejects.push({ place: { file, ...(sheetName !== null && { sheet: sheetName }), row: reject.row, ...(reject.column && { column: reject.column }) }, reason: reject.reason, cells: reject.cells });
          }
          for (const household of output.households) {
            const record = toRecord(household.cells, household.row);
            if ('reason' in record) batch.rejects.push(record);
            else batch.records.push(record);
          }
          return batch;
        };
        const toRecord = (cells: string[], row: number): RollRecord | Reject => {
          try {
            const household = settings.parseHouseholds === false ? UNPARSED : parse(cells);
            return { household, cells, row, ...(sheetName !== null && { sheet: sheetName }) };
          } catch (error) {
            if (!(error instanceof FieldError)) throw error;
            return { place: { file, ...(sheetName !== null && { sheet: sheetName }), row, column: error.column }, reason: error.message, cells };
          }
        };
        for await (const rows of sheet.rows) {
          if (ingester === null) {
            // The legacy font encoding is judged on the title and header rows.
            legacy = detectLegacyEncoding(sampleTexts(rows));
            const decode = legacyDecoder(legacy);
            // Text files may hold decomposed letters (NFD, or Windows-1258's combining tones);
            // workbook text was composed when read.
            const fix = legacy !== null ? decode : format === 'text' ? composed : null;
            if (sheetName !== null && legacy !== null) sheetName = decode(sheetName);
            ingester = createSheetIngester(context(sheetName, fix));
          }
          yield toBatch(ingester.push(rows));
        }
        ingester ??= createSheetIngester(context(sheetName, null));
        const result = ingester.finish();
        yield toBatch(result);
        report.sheets.push({ sheet: sheetName, counts: result.counts, header: result.header, legacy, closest: result.closest });
      }
      if (!report.sheets.some((s) => s.header !== null)) throw noRollError(path, report);
    })(),
  };
}

/** The household of a record whose cells were not parsed (see IngestSettings.parseHouseholds). */
const UNPARSED = createHouseholdParser({})([]);

async function openWorkbook(path: string, shownAs: string, limits: ZipLimits) {
  try {
    return await openXlsx(path, limits);
  } catch (error) {
    if (error instanceof ZipLimitError) {
      throw new PovrollError(`Cannot read "${shownAs}": ${error.message}; povroll stops rather than fill the disk or memory`, 1, { cause: error });
    }
    if (error instanceof NotAWorkbookError) throw new PovrollError(`Cannot read "${shownAs}": ${error.message}; it is a zip file but not an Excel workbook`, 1, { cause: error });
    const message = (error as Error).message ?? String(error);
    const code = (error as NodeJS.ErrnoException).code;
    if (code) throw new PovrollError(`Cannot read "${shownAs}": ${describeFsError(error)}`, 1, { cause: error });
    throw new PovrollError(`Cannot read "${shownAs}": the workbook is damaged (${message})`, 1, { cause: error });
  }
}

/** NFC only where a combining mark shows the text is decomposed: most cells need nothing. */
function composed(text: string): string {
  return COMBINING.test(text) ? text.normalize('NFC') : text;
}
const COMBINING = /[\u0300-\u036f]/;

function sampleTexts(rows: readonly SourceRow[]): string[] {
  const texts: string[] = [];
  for (const row of rows.slice(0, HEADER_SEARCH_ROWS)) for (const cell of row.cells) if (typeof cell === 'string' && cell !== '') texts.push(cell);
  return texts;
}

function hashFile(path: string): Promise<{ sha256: string; bytes: number }> {
  return new Promise((done, fail) => {
    const hash = createHash('sha256');
    let bytes = 0;
    createReadStream(path)
      .on('data', (chunk: string | Buffer) => {
        hash.update(chunk);
        bytes += chunk.length;
      })
      .on('end', () => done({ sha256: hash.digest('hex'), bytes }))
      .on('error', fail);
  });
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
      const headings = s.closest.slice(0, 8).map((h) => `"${h}"`).join(', ');
      const near = s.closest.flatMap((h) => nearestHeadings(h, 1).map((n) => `"${h}" ≈ ${n}`)).slice(0, 3);
      return `${where}has ${headings}${near.length > 0 ? ` (nearest known headings: ${near.join('; ')})` : ''}`;
    });
  return new PovrollError(
    `Cannot read "${path}": no sheet has a recognisable roll header (household code, head, name or STT with two more known columns); ${seen.join('; ') || 'no text found'}; name the columns with --map FILE`,
  );
}
