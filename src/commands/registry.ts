import { resolve } from 'node:path';
import type { Io } from '../io/io.js';
import { formatCsv } from '../io/csv-format.js';
import { checkOutputTarget, openTextOutput, writeAllOrNothing, writeFileAtomically } from '../io/output.js';
import { packageVersion } from '../io/package-root.js';
import { RejectList } from '../io/reject-list.js';
import { expandInputs } from '../io/roll-inputs.js';
import { type GlobalOptions, createReporter } from '../io/terminal.js';
import { plural } from '../pipeline/describe.js';
import { type ReadingOptions, openHouseholdStream } from '../pipeline/reading-options.js';
import { type LocationOptions, readSettings } from '../pipeline/settings.js';
import { addRolls } from '../registry/add.js';
import { DEFAULT_MEMORY, Database, checkMemoryLimit } from '../registry/database.js';
import { exportHouseholds } from '../registry/export.js';
import { openForReading } from '../registry/registry-roll.js';
import { prepareSchema } from '../registry/schema.js';
import { PovrollError } from '../errors.js';

interface RegistryAddOptions extends LocationOptions, ReadingOptions {
  rolls: string[];
  db: string;
  replace: boolean;
  standard: string;
  memory?: string;
  rejects?: string;
  strict: boolean;
}

/** `povroll registry add ROLL... --db rolls.duckdb`: classifies the rolls and stores their households, by review year, in one transaction. */
export async function registryAddCommand(
  options: RegistryAddOptions,
  global: GlobalOptions,
  io: Io,
): Promise<{ years: Map<number, number>; replaced: number[] }> {
  const reporter = createReporter(io, global);
  const memory = checkMemoryLimit(options.memory ?? DEFAULT_MEMORY);
  const files = await expandInputs(options.rolls, io);
  const settings = await readSettings(options, io);
  const action = 'Cannot add roll';
  const listOptions = { strict: options.strict, action, warn: reporter.warn };
  const full = resolve(io.cwd, options.db);
  if (files.some((file) => resolve(io.cwd, file) === full)) throw new PovrollError(`Cannot add to registry "${options.db}": it is also one of the rolls`);
  const result = await RejectList.around(options.rejects, io, files, listOptions, async (rejects) => {
    const db = await Database.open(full, { memory }, 'read_write', options.db);
    try {
      await prepareSchema(db);
      const stream = openHouseholdStream(io, reporter, rejects, { ...options, classes: 'classify', settings, action, matchesHouseholds: true });
      return await addRolls(db, stream, files, { replace: options.replace, version: packageVersion() });
    } finally {
      db.close();
    }
  });
  for (const [year, households] of [...result.years].sort(([a], [b]) => a - b)) {
    const replaced = result.replaced.includes(year) ? ' (replacing the year stored before)' : '';
    reporter.info(`Stored review year ${year}: ${plural(households, 'household')} in ${options.db}${replaced}`);
  }
  return result;
}

const REGISTRY_LIST_COLUMNS = ['year', 'households', 'poor', 'near_poor', 'unclassified', 'files', 'added_at'] as const;

/** `povroll registry list --db rolls.duckdb`: the review years stored, with their households and files. */
export async function registryListCommand(options: { db: string; output?: string }, _global: GlobalOptions, io: Io): Promise<void> {
  const db = await openForReading(options.db, io);
  let rows: Record<string, unknown>[];
  try {
    rows = await db.rows(`
      WITH counts AS (
        SELECT year, count(*) AS households, count(*) FILTER (WHERE class = 'poor') AS poor,
               count(*) FILTER (WHERE class = 'near_poor') AS near_poor, count(*) FILTER (WHERE class = 'unclassified') AS unclassified
          FROM households GROUP BY year),
      files AS (SELECT year, string_agg(file, ';' ORDER BY file) AS files, strftime(max(added_at), '%Y-%m-%d %H:%M:%S') AS added_at FROM roll_files GROUP BY year)
      SELECT year, coalesce(c.households, 0) AS households, coalesce(c.poor, 0) AS poor, coalesce(c.near_poor, 0) AS near_poor,
             coalesce(c.unclassified, 0) AS unclassified, f.files, f.added_at
        FROM files f FULL JOIN counts c USING (year) ORDER BY year`);
  } finally {
    db.close();
  }
  const output = await openTextOutput(options.output, io, [options.db]);
  await writeAllOrNothing([output], async () => {
    await output.write(formatCsv([[...REGISTRY_LIST_COLUMNS], ...rows.map((r) => REGISTRY_LIST_COLUMNS.map((c) => String(r[c] ?? '')))]));
  });
}

interface RegistryExportOptions {
  db: string;
  output: string;
  years?: number[];
  format?: 'parquet' | 'csv';
  withNames?: boolean;
  memory?: string;
}

/** `povroll registry export --db rolls.duckdb -o households.parquet`: the stored households, typed, for other tools. */
export async function registryExportCommand(options: RegistryExportOptions, global: GlobalOptions, io: Io): Promise<number> {
  const reporter = createReporter(io, global);
  const format = options.format ?? (options.output.toLowerCase().endsWith('.csv') ? 'csv' : 'parquet');
  await checkOutputTarget(options.output, io, [options.db]);
  const db = await openForReading(options.db, io, checkMemoryLimit(options.memory ?? DEFAULT_MEMORY));
  let count = 0;
  try {
    await writeFileAtomically(options.output, io, [options.db], async (temporary) => {
      count = await exportHouseholds(db, temporary, { format, years: options.years ?? [], withNames: options.withNames ?? false });
    });
  } finally {
    db.close();
  }
  reporter.info(`Wrote ${options.output}: ${plural(count, 'household')} (${format})`);
  return count;
}
