import { type ClassifyTally, addToClassifyTally, classifiedCells, emptyClassifyTally } from '../core/classify-roll.js';
import { CLASSIFIED_COLUMNS } from '../core/roll.js';
import { formatCsv } from '../io/csv-format.js';
import type { Io } from '../io/io.js';
import { writeAllOrNothing } from '../io/output.js';
import { openTableOutput } from '../registry/parquet-output.js';
import { RejectList } from '../io/reject-list.js';
import { type GlobalOptions, createReporter } from '../io/terminal.js';
import { describeClassifyTally } from '../pipeline/describe.js';
import { type ReadingOptions, openHouseholdStream } from '../pipeline/reading-options.js';
import { type LocationOptions, readSettings } from '../pipeline/settings.js';

interface ClassifyOptions extends LocationOptions, ReadingOptions {
  roll: string;
  output?: string;
  /** csv, or parquet for analysts who go on in other tools (default: from the output's name). */
  format?: 'csv' | 'parquet';
  standard: string;
  rejects?: string;
  strict: boolean;
}

interface ClassifyResult {
  tally: ClassifyTally;
  rejected: number;
  skipped: number;
}

/** `povroll classify ROLL`: appends the standard, line, deprivations and class to every household. */
export async function classifyCommand(options: ClassifyOptions, global: GlobalOptions, io: Io): Promise<ClassifyResult> {
  const reporter = createReporter(io, global);
  const settings = await readSettings(options, io);
  const action = 'Cannot classify roll';
  const listOptions = { strict: options.strict, action, warn: reporter.warn };
  const tally = emptyClassifyTally();
  const result = await RejectList.around(options.rejects, io, [options.roll], listOptions, async (rejects) => {
    const stream = openHouseholdStream(io, reporter, rejects, { ...options, classes: 'classify', settings, action });
    // Opened inside the reject list's lifetime, so that either failing to open removes the other.
    const output = await openTableOutput(options, io, [options.roll]);
    await writeAllOrNothing([output], async () => {
      let layout: { header: string[]; positions: number[] } | null = null;
      for await (const batch of stream.read([options.roll])) {
        if (layout === null) {
          layout = classifiedLayout(batch.reader.header);
          await output.write(formatCsv([layout.header]));
        }
        const rows: string[][] = [];
        batch.records.forEach((record, i) => {
          const classification = batch.classifications![i]!;
          addToClassifyTally(tally, record.household, classification);
          const cells = record.cells.slice();
          const added = classifiedCells(record.household, classification);
          CLASSIFIED_COLUMNS.forEach((column, c) => (cells[layout!.positions[c]!] = added[column]));
          rows.push(cells);
        });
        if (rows.length > 0) await output.write(formatCsv(rows));
      }
      stream.finish();
    });
    return { tally, rejected: rejects.count, skipped: stream.inputs.reduce((n, f) => n + f.skipped, 0) };
  });
  for (const line of describeClassifyTally(tally)) reporter.info(line);
  return result;
}

/** Re-classifying a classified roll replaces its class columns instead of adding a second set. */
function classifiedLayout(readerHeader: readonly string[]): { header: string[]; positions: number[] } {
  const header = [...readerHeader];
  const positions = CLASSIFIED_COLUMNS.map((column) => {
    const existing = header.indexOf(column);
    if (existing >= 0) return existing;
    header.push(column);
    return header.length - 1;
  });
  return { header, positions };
}
