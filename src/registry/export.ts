import { type Database, sqlText } from './database.js';
import { PLACE_COLUMNS, REGISTRY_COLUMNS } from './schema.js';

/** Columns that name a person: left out of exports unless asked for. */
const PERSONAL = new Set(['head_name']);

/**
 * Writes the stored households (typed: numbers as numbers, empty as NULL)
 * to a Parquet or CSV file, in review-year and reading order. Returns how
 * many were written.
 */
export async function exportHouseholds(
  db: Database,
  path: string,
  options: { format: 'parquet' | 'csv'; years: readonly number[]; withNames: boolean },
): Promise<number> {
  const columns = [...PLACE_COLUMNS, ...REGISTRY_COLUMNS.filter((c) => options.withNames || !PERSONAL.has(c))].map((c) => `"${c}"`).join(', ');
  const where = options.years.length > 0 ? `WHERE year IN (${options.years.map((y) => Math.trunc(y)).join(', ')})` : '';
  const [counted] = await db.rows(`SELECT count(*) AS n FROM households ${where}`);
  const format = options.format === 'parquet' ? `(FORMAT parquet, COMPRESSION zstd)` : `(FORMAT csv, HEADER true)`;
  await db.run(
    `COPY (SELECT ${columns} FROM households_typed ${where} ORDER BY year, roll_file, roll_sheet NULLS FIRST, roll_row) TO ${sqlText(path)} ${format}`,
  );
  return Number(counted?.['n'] ?? 0);
}
