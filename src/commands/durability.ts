import type { Level } from '../core/areas.js';
import { PovrollError } from '../errors.js';
import { formatCsv } from '../io/csv-format.js';
import type { Io } from '../io/io.js';
import { openTextOutput, writeAllOrNothing } from '../io/output.js';
import { type GlobalOptions, createReporter } from '../io/terminal.js';
import { checkMemoryLimit, DEFAULT_MEMORY } from '../registry/database.js';
import { escapeCells, escapeColumns, escapeRows, historyCells, historyColumns, historyRows } from '../registry/durability.js';
import { openForReading } from '../registry/registry-roll.js';

interface DurabilityOptions {
  db: string;
  by: Level[];
  output?: string;
  history?: string;
  /** Percent above the near-poverty line within which a household counts as close to it (default 10). */
  margin: number;
  memory?: string;
}

/** `povroll durability --db rolls.duckdb --by commune`: how lasting escapes from poverty are, from every stored year. */
export async function durabilityCommand(options: DurabilityOptions, global: GlobalOptions, io: Io): Promise<void> {
  const reporter = createReporter(io, global);
  if (!(options.margin >= 0 && options.margin <= 100)) throw new PovrollError(`--margin ${options.margin}: expected a percent from 0 to 100`);
  const db = await openForReading(options.db, io, checkMemoryLimit(options.memory ?? DEFAULT_MEMORY));
  try {
    const years = (await db.rows(`SELECT DISTINCT year FROM households ORDER BY year`)).map((r) => Number(r['year']));
    if (years.length < 2)
      reporter.warn(
        `registry "${options.db}" holds ${years.length === 1 ? `one review year (${years[0]})` : 'no review year'}: escapes and where the poor come from need two or more`,
      );
    const deepest = options.by[options.by.length - 1]!;
    const levels = [...options.by, 'total'] as const;
    const escapes = await escapeRows(db, levels);
    const history = options.history === undefined ? null : await historyRows(db, levels, options.margin);
    const output = await openTextOutput(options.output, io, [options.db]);
    const historyOutput = options.history === undefined ? null : await openTextOutput(options.history, io, [options.db]);
    await writeAllOrNothing([output, historyOutput], async () => {
      await output.write(formatCsv([escapeColumns(deepest), ...escapes.map((row) => escapeCells(row, deepest))]));
      if (historyOutput !== null && history !== null) {
        await historyOutput.write(formatCsv([historyColumns(deepest), ...history.map((row) => historyCells(row, deepest, options.margin))]));
      }
    });
  } finally {
    db.close();
  }
}
