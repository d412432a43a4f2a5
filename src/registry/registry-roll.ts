import { createHash, randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { ListKind } from '../core/ingest/title.js';
import { PovrollError } from '../errors.js';
import { type CsvTable, openCsvSource } from '../io/csv-source.js';
import { forgetTemporary, trackTemporary } from '../io/interrupts.js';
import type { Io } from '../io/io.js';
import { type RollBatch, type RollReader, type RollRequirement, canonicalRoll } from '../io/roll-reader.js';
import { DEFAULT_MEMORY, Database, sqlText } from './database.js';
import { REGISTRY_COLUMNS, prepareSchema } from './schema.js';

/**
 * A review year of a registry, named as a roll: "rolls.duckdb#2023". Commands
 * given `--db` read each stored year through this name, so every household
 * goes through the same pipeline a roll file does.
 */
export function registryYearName(db: string, year: number): string {
  return `${db}#${year}`;
}

const YEAR_NAME = /^(.*)#(\d{4})$/;

/** A DuckDB file begins with a 8-byte checksum, then "DUCK". */
export async function isDuckDbFile(path: string): Promise<boolean> {
  const handle = await open(path, 'r').catch(() => null);
  if (handle === null) return false;
  try {
    const head = Buffer.alloc(12);
    const { bytesRead } = await handle.read(head, 0, 12, 0);
    return bytesRead === 12 && head.toString('latin1', 8, 12) === 'DUCK';
  } finally {
    await handle.close();
  }
}

/** The registry and year a roll name stands for, or null for an ordinary file. */
export async function registryYearOf(path: string, io: Io): Promise<{ db: string; year: number } | null> {
  const match = YEAR_NAME.exec(path);
  if (match === null) return null;
  // A real file that happens to end in "#2023" is read as the file it is.
  if (await isDuckDbFile(resolve(io.cwd, path))) return null;
  const db = match[1]!;
  if (!(await isDuckDbFile(resolve(io.cwd, db)))) return null;
  return { db, year: Number(match[2]) };
}

/** The review years a registry holds, oldest first. */
export async function registryYears(path: string, io: Io): Promise<number[]> {
  const db = await openForReading(path, io);
  try {
    return (await db.rows(`SELECT DISTINCT year FROM roll_files ORDER BY year`)).map((r) => Number(r['year']));
  } finally {
    db.close();
  }
}

export async function openForReading(path: string, io: Io, memory = DEFAULT_MEMORY): Promise<Database> {
  const full = resolve(io.cwd, path);
  if (!(await isDuckDbFile(full)))
    throw new PovrollError(
      `Cannot read registry "${path}": ${
        (await open(full, 'r')
          .then((h) => h.close().then(() => true))
          .catch(() => false))
          ? 'it is not a DuckDB database'
          : 'there is no such file'
      }; create one with "povroll registry add ROLL... --db ${path}"`,
    );
  const db = await Database.open(full, { memory }, 'read_only', path);
  try {
    await prepareSchema(db);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

/**
 * Memory DuckDB may use to write a stored year out in reading order, beyond
 * which the sort spills to disk. It runs beside the flow engine's own
 * `--memory`: with 1GB here too, compare --db of two years of a million
 * households peaked at 1.70 GB, with 256MB at 1.13 GB and took 48 s instead
 * of 45 s (measured on 2026-12-02 with /usr/bin/time).
 */
const YEAR_READING_MEMORY = '256MB';

/**
 * One stored review year as a classified roll: its households in the order
 * they were read, their cells as they were read, the list kind of its files.
 */
export async function openRegistryYear(
  name: string,
  where: { db: string; year: number },
  io: Io,
  requirement: RollRequirement,
  facts: 'all' | 'checks' = 'all',
): Promise<RollReader> {
  const db = await openForReading(where.db, io, YEAR_READING_MEMORY);
  let files: Record<string, unknown>[];
  let given: Set<string>;
  try {
    files = await db.rows(`SELECT file, sha256, bytes, list FROM roll_files WHERE year = $year ORDER BY file`, { year: where.year });
    given = await columnsGiven(db, where.year);
  } catch (error) {
    db.close();
    throw error;
  }
  if (files.length === 0) {
    db.close();
    throw new PovrollError(`Cannot read "${name}": registry "${where.db}" holds no review year ${where.year}`);
  }
  const { digest, list } = yearFacts(files);
  const table: CsvTable = { ...(await yearAsCsv(db, where.year, io)), name, digest: () => digest };
  const reader = canonicalRoll(table, name, requirement, facts);
  return { ...reader, batches: withFacts(reader.batches, given, list) };
}

/** What the pipeline records of a stored review year (see yearFacts); null when the registry holds no such year. */
export async function registryYearFacts(
  where: { db: string; year: number },
  io: Io,
): Promise<{ digest: { sha256: string; bytes: number }; list: ListKind | null } | null> {
  const db = await openForReading(where.db, io, YEAR_READING_MEMORY);
  try {
    const files = await db.rows(`SELECT file, sha256, bytes, list FROM roll_files WHERE year = $year ORDER BY file`, { year: where.year });
    return files.length === 0 ? null : yearFacts(files);
  } finally {
    db.close();
  }
}

/** What the pipeline records of a stored year: one hash of its files' hashes, their bytes, the list kind of the first file with one. */
function yearFacts(files: readonly Record<string, unknown>[]): { digest: { sha256: string; bytes: number }; list: ListKind | null } {
  const hash = createHash('sha256');
  for (const f of files) hash.update(String(f['sha256']));
  const digest = { sha256: hash.digest('hex'), bytes: files.reduce((n, f) => n + Number(f['bytes'] ?? 0), 0) };
  return { digest, list: (files.find((f) => f['list'] !== null)?.['list'] ?? null) as ListKind | null };
}

/**
 * The columns the year's rolls gave a value in: a column the source roll
 * lacked is stored empty, and must read back as missing, not as present.
 */
async function columnsGiven(db: Database, year: number): Promise<Set<string>> {
  const any = REGISTRY_COLUMNS.map((c, i) => `bool_or("${c}" <> '') AS c${i}`).join(', ');
  const [row] = await db.rows(`SELECT ${any} FROM households WHERE year = $year`, { year });
  return new Set(REGISTRY_COLUMNS.filter((_, i) => row?.[`c${i}`] === true));
}

/**
 * The year's households, in the order they were read, as a CSV table that
 * povroll's own reader reads. DuckDB writes them to a temporary file first:
 * turning its text columns into JavaScript values one by one took about 26 s
 * a million households, writing them as CSV and reading that back about
 * half as long. The file goes when the table has been read (or the process
 * ends).
 */
async function yearAsCsv(db: Database, year: number, io: Io): Promise<CsvTable> {
  const csv = join(tmpdir(), `povroll-registry-${process.pid}-${randomBytes(4).toString('hex')}.csv`);
  trackTemporary(csv);
  const remove = () => {
    rmSync(csv, { force: true });
    forgetTemporary(csv);
  };
  try {
    const columns = REGISTRY_COLUMNS.map((c) => `"${c}"`).join(', ');
    await db.run(
      `COPY (SELECT ${columns} FROM households WHERE year = ${Math.trunc(year)} ORDER BY roll_file, roll_sheet NULLS FIRST, roll_row) TO ${sqlText(csv)} (FORMAT csv, HEADER true)`,
    );
  } catch (error) {
    remove();
    throw error;
  } finally {
    db.close();
  }
  const table = await openCsvSource(csv, io).catch((error: unknown) => {
    remove();
    throw error;
  });
  return { ...table, batches: removedAfter(table.batches, remove) };
}

async function* removedAfter<T>(batches: AsyncIterable<T>, remove: () => void): AsyncGenerator<T> {
  try {
    yield* batches;
  } finally {
    remove();
  }
}

async function* withFacts(batches: AsyncIterable<RollBatch>, given: Set<string>, list: ListKind | null): AsyncGenerator<RollBatch> {
  for await (const batch of batches) {
    if (batch.started !== undefined) {
      batch.started.found.fields = new Set([...batch.started.found.fields].filter((field) => given.has(field)));
      batch.started.list = list;
    }
    yield batch;
  }
}
