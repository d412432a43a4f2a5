import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PovrollError } from '../errors.js';
import type { Io } from '../io/io.js';
import { type TextOutput, checkOutputTarget, openTextOutput, writeFileAtomically } from '../io/output.js';
import { DEFAULT_MEMORY, Database, sqlText } from './database.js';
import { typedColumn } from './schema.js';

/**
 * A command's table output: CSV to a file or stdout, or Parquet when asked
 * (`--format parquet`) or when the file's name ends in .parquet.
 */
export async function openTableOutput(options: { output?: string; format?: 'csv' | 'parquet' }, io: Io, inputs: readonly string[]): Promise<TextOutput> {
  const { output } = options;
  const parquet = options.format === 'parquet' || (options.format === undefined && output?.toLowerCase().endsWith('.parquet') === true);
  if (!parquet) return openTextOutput(output, io, inputs);
  if (output === undefined || output === '-') throw new PovrollError('Cannot write Parquet to standard output: name a file with -o FILE.parquet');
  return openParquetOutput(output, io, inputs);
}

/**
 * An output written as CSV, as every command writes, and turned into a
 * Parquet file when complete (`--format parquet`): the CSV goes to a
 * temporary file, DuckDB copies it into Parquet with numbers typed as the
 * registry types them (an empty cell is NULL), and the Parquet file appears
 * under its name only when whole.
 */
async function openParquetOutput(path: string, io: Io, inputs: readonly string[]): Promise<TextOutput> {
  // A path that cannot be written fails now, before any roll is read.
  await checkOutputTarget(path, io, inputs);
  const csvPath = join(tmpdir(), `povroll-${process.pid}-${randomBytes(4).toString('hex')}.csv`);
  const csv = await openTextOutput(csvPath, io, inputs);
  return {
    write: (text) => csv.write(text),
    async commit() {
      try {
        await csv.commit();
        await writeFileAtomically(path, io, inputs, (temporary) => csvToParquet(csvPath, temporary));
      } finally {
        await rm(csvPath, { force: true });
      }
    },
    async abort() {
      await csv.abort();
      await rm(csvPath, { force: true });
    },
  };
}

async function csvToParquet(csvPath: string, parquetPath: string): Promise<void> {
  const db = await Database.open(':memory:', { memory: DEFAULT_MEMORY }, 'read_write', 'parquet');
  try {
    // Every cell as the text povroll wrote, then typed by column name: DuckDB's own guesses could read a code "001" as 1.
    const source = `read_csv(${sqlText(csvPath)}, header = true, all_varchar = true, delim = ',', quote = '"', escape = '"')`;
    const names = (await db.rows(`SELECT column_name FROM (DESCRIBE SELECT * FROM ${source})`)).map((row) => String(row['column_name']));
    await db.run(`COPY (SELECT ${names.map(typedColumn).join(', ')} FROM ${source}) TO ${sqlText(parquetPath)} (FORMAT parquet, COMPRESSION zstd)`);
  } finally {
    db.close();
  }
}
