import { type DuplicatePolicy, DuplicateCheck, DuplicateCodeError } from '../core/duplicate-check.js';
import { INGEST_COLUMNS } from '../core/ingest/sheet-ingester.js';
import type { InputFacts } from '../core/sheet-model.js';
import { PovrollError } from '../errors.js';
import { formatCsv } from '../io/csv-format.js';
import type { Io } from '../io/io.js';
import { isRawReader } from '../io/open-roll.js';
import { writeAllOrNothing } from '../io/output.js';
import { openTableOutput } from '../registry/parquet-output.js';
import { RejectList } from '../io/reject-list.js';
import type { Reject, RollReader } from '../io/roll-reader.js';
import { expandInputs } from '../io/roll-inputs.js';
import { type GlobalOptions, createReporter } from '../io/terminal.js';
import { plural } from '../pipeline/describe.js';
import { type ReadingOptions, openHouseholdStream } from '../pipeline/reading-options.js';
import { type LocationOptions, readSettings } from '../pipeline/settings.js';

interface IngestOptions extends LocationOptions, ReadingOptions {
  files: string[];
  output?: string;
  /** csv, or parquet for analysts who go on in other tools (default: from the output's name). */
  format?: 'csv' | 'parquet';
  rejects?: string;
  explain: boolean;
  onDuplicate: DuplicatePolicy;
  strict: boolean;
}

interface IngestResult {
  files: InputFacts[];
  households: number;
  rejected: number;
  duplicates: number;
}

/** The canonical columns that hold free text; all others are numbers, flags, codes or classes. */
const TEXT_COLUMNS = (
  [
    'household_id',
    'head_name',
    'province_code',
    'province',
    'district_code',
    'district',
    'commune_code',
    'commune',
    'village',
    'ethnicity',
    'poverty_cause',
    'source',
  ] as const
).map((c) => INGEST_COLUMNS.indexOf(c));
const ID = INGEST_COLUMNS.indexOf('household_id');
const YEAR = INGEST_COLUMNS.indexOf('review_year');

/** `povroll ingest FILE...`: survey rolls as offices send them → one canonical household roll. */
export async function ingestCommand(options: IngestOptions, global: GlobalOptions, io: Io): Promise<IngestResult> {
  const reporter = createReporter(io, global);
  const files = await expandInputs(options.files, io);
  const settings = await readSettings(options, io, false);
  const action = 'Cannot ingest roll';
  const duplicates = new DuplicateCheck<{ cells: string[]; raw: string[] }>(options.onDuplicate);
  const listOptions = { strict: options.strict, action, warn: reporter.warn };
  const result = await RejectList.around(options.rejects, io, files, listOptions, async (rejects) => {
    const stream = openHouseholdStream(io, reporter, rejects, { ...options, classes: 'none', settings, action, explain: options.explain });
    let households = 0;
    // Opened inside the reject list's lifetime, so that either failing to open removes the other.
    const output = await openTableOutput(options, io, files);
    await writeAllOrNothing([output], async () => {
      await output.write(formatCsv([[...INGEST_COLUMNS]]));
      let reader: RollReader | null = null;
      let toColumns: (cells: string[]) => string[] = (cells) => cells;
      // `file#sheet` as sources are written, made once per sheet rather than per household.
      let sheet: string | undefined;
      let source = '';
      for await (const batch of stream.read(files)) {
        if (batch.reader !== reader) {
          reader = batch.reader;
          toColumns = cellMapper(reader);
          source = reader.file;
          sheet = undefined;
        }
        const rows: string[][] = [];
        const dropped: Reject[] = [];
        for (const record of batch.records) {
          if (record.sheet !== sheet) {
            sheet = record.sheet;
            source = sheet === undefined ? reader.file : `${reader.file}#${sheet}`;
          }
          const cells = toColumns(record.cells);
          const verdict = checkDuplicate(duplicates, cells, source, record.row, reader.file);
          if (verdict !== null) {
            dropped.push({
              place: { file: reader.file, ...(sheet !== undefined && { sheet }), row: record.row, column: 'household_id' },
              reason: verdict,
              cells: record.cells,
            });
          } else if (options.onDuplicate === 'last') duplicates.hold(cells[ID]!, cells[YEAR]!, { cells, raw: record.cells }, { source, row: record.row });
          else rows.push(cells);
        }
        await rejects.add(dropped);
        households += rows.length;
        // Cells ingest built itself need quoting only in their free-text columns; a canonical roll passes through as written.
        if (rows.length > 0) await output.write(formatCsv(rows, isRawReader(batch.reader) ? TEXT_COLUMNS : undefined));
      }
      if (options.onDuplicate === 'last') {
        const { kept, replaced } = duplicates.released();
        households += kept.length;
        await output.write(formatCsv(kept.map((k) => k.cells)));
        await rejects.add(
          replaced.map((r) => ({
            place: { file: r.place.source.split('#')[0]!, row: r.place.row, column: 'household_id' },
            reason: r.reason,
            cells: r.item.raw,
          })),
        );
      }
      stream.finish();
    });
    return { files: stream.inputs, households, rejected: rejects.count, duplicates: duplicates.count };
  });
  const sheets = result.files.reduce((n, f) => n + f.sheets, 0);
  reporter.info(`Ingested ${plural(result.households, 'household')} from ${plural(files.length, 'file')} (${plural(sheets, 'sheet')})`);
  const duplicateNote = duplicates.describe();
  if (duplicateNote) reporter.warn(duplicateNote);
  return result;
}

function checkDuplicate(duplicates: DuplicateCheck<unknown>, cells: string[], source: string, row: number, file: string): string | null {
  try {
    return duplicates.check(cells[ID]!, cells[YEAR]!, source, row, file);
  } catch (error) {
    if (error instanceof DuplicateCodeError) throw new PovrollError(`Cannot ingest: ${error.where}; choose --on-duplicate first, last or keep`);
    throw error;
  }
}

/** Cells in INGEST_COLUMNS order, whatever order the reader's header has. */
function cellMapper(reader: RollReader): (cells: string[]) => string[] {
  const positions = INGEST_COLUMNS.map((column) => reader.header.indexOf(column));
  if (positions.every((p, i) => p === i) && reader.header.length === INGEST_COLUMNS.length) return (cells) => cells;
  return (cells) => positions.map((p) => (p < 0 ? '' : (cells[p] ?? '')));
}
