import { INTEGER, VARCHAR } from '@duckdb/node-api';
import { classifiedCells } from '../core/classify-roll.js';
import type { Standard } from '../core/standard.js';
import { PovrollError } from '../errors.js';
import type { HouseholdBatch, HouseholdStream } from '../pipeline/household-stream.js';
import { CHUNK_ROWS, ChunkColumns, type Database } from './database.js';
import { REGISTRY_COLUMNS } from './schema.js';

interface AddOptions {
  /** Swap a review year already in the registry for the one read now. */
  replace: boolean;
  version: string;
}

/** What one `registry add` stored: households per review year, and the years it replaced. */
interface AddResult {
  years: Map<number, number>;
  replaced: number[];
}

const TYPES = [INTEGER, VARCHAR, VARCHAR, INTEGER, ...REGISTRY_COLUMNS.map(() => VARCHAR)];

/**
 * Reads the rolls through the household pipeline (classified by povroll's
 * own rules) and stores their households, by review year, in one
 * transaction: a failure or an interrupted process leaves the registry as
 * it was. A year already stored is refused unless `replace`.
 */
export async function addRolls(db: Database, stream: HouseholdStream, paths: readonly string[], options: AddOptions): Promise<AddResult> {
  return db.transaction(async () => {
    const years = new Map<number, number>();
    const replaced: number[] = [];
    const appender = await db.connection.createAppender('households');
    const chunk = new ChunkColumns(TYPES);
    const standards = new Map<string, Standard>();
    for await (const batch of stream.read(paths)) {
      const positions = positionsIn(batch.reader.header);
      for (let i = 0; i < batch.records.length; i += 1) {
        const { household, cells, row, sheet } = batch.records[i]!;
        const year = household.reviewYear;
        if (year === null)
          throw new PovrollError(
            `Cannot add "${batch.reader.file}" to the registry: ${sheet === undefined ? '' : `sheet "${sheet}", `}row ${row} has no review year; give the year a column, or ingest the roll with --year`,
          );
        if (!years.has(year)) {
          if (await makeRoomFor(db, year, options.replace)) replaced.push(year);
          years.set(year, 0);
        }
        years.set(year, years.get(year)! + 1);
        const standard = batch.standards[i];
        if (standard) standards.set(standard.id, standard);
        pushHousehold(chunk, year, batch.reader.file, sheet ?? null, row, registryCells(cells, positions, batch, i));
        if (chunk.size === CHUNK_ROWS) appender.appendDataChunk(chunk.take());
      }
    }
    if (chunk.size > 0) appender.appendDataChunk(chunk.take());
    appender.closeSync();
    stream.finish();
    await refuseRepeatedCodes(db, [...years.keys()]);
    await recordFiles(db, stream, options.version);
    for (const standard of standards.values()) await recordLines(db, standard);
    return { years, replaced };
  });
}

/** Where each registry column sits in a reader's header (-1: the roll lacks it, stored empty). */
function positionsIn(header: readonly string[]): number[] {
  return REGISTRY_COLUMNS.map((column) => header.indexOf(column));
}

function registryCells(cells: readonly string[], positions: readonly number[], batch: HouseholdBatch, i: number): string[] {
  const classification = batch.classifications?.[i];
  if (classification === undefined) throw new Error('registry add needs households classified by povroll');
  const added: Record<string, string> = classifiedCells(batch.records[i]!.household, classification);
  return REGISTRY_COLUMNS.map((column, c) => added[column] ?? (positions[c]! >= 0 ? (cells[positions[c]!] ?? '') : ''));
}

/** One household's place and cells, as a row of the households table. */
function pushHousehold(chunk: ChunkColumns, year: number, file: string, sheet: string | null, row: number, cells: readonly string[]): void {
  const columns = chunk.columns;
  columns[0]!.push(year);
  columns[1]!.push(file);
  columns[2]!.push(sheet);
  columns[3]!.push(row);
  for (let c = 0; c < cells.length; c += 1) columns[c + 4]!.push(cells[c]!);
}

/** Refuses a year already stored, or (replacing) removes it; true when something was replaced. */
async function makeRoomFor(db: Database, year: number, replace: boolean): Promise<boolean> {
  const stored = await db.rows(`SELECT file, strftime(added_at, '%Y-%m-%d') AS added FROM roll_files WHERE year = $year ORDER BY added_at, file`, { year });
  if (stored.length === 0) return false;
  if (!replace) {
    const files = stored.map((r) => `"${String(r['file'])}"`).join(', ');
    throw new PovrollError(
      `Cannot add review year ${year} to registry "${db.path}": it is already there (from ${files}, added ${String(stored[0]!['added'])}); pass --replace to swap it for the rolls given now`,
    );
  }
  await db.run(`DELETE FROM households WHERE year = $year`, { year });
  await db.run(`DELETE FROM roll_files WHERE year = $year`, { year });
  return true;
}

/** Households are matched between years by code: a code twice in one year would make every flow of it a guess. */
async function refuseRepeatedCodes(db: Database, years: number[]): Promise<void> {
  if (years.length === 0) return;
  // The repeated code first, its places after: gathering every code's places would hold the whole year in memory.
  const [first] = await db.rows(
    `SELECT year, household_id FROM households WHERE year IN (${years.join(', ')}) AND household_id <> ''
      GROUP BY year, household_id HAVING count(*) > 1 ORDER BY year, household_id LIMIT 1`,
  );
  if (first === undefined) return;
  const places = await db.rows(`SELECT roll_file, roll_row FROM households WHERE year = $year AND household_id = $id ORDER BY roll_file, roll_row LIMIT 2`, {
    year: Number(first['year']),
    id: String(first['household_id']),
  });
  const where = places.map((p) => `${String(p['roll_file'])} row ${String(p['roll_row'])}`).join(' and ');
  throw new PovrollError(
    `Cannot add review year ${String(first['year'])} to the registry: household code "${String(first['household_id'])}" appears twice (${where}); households are matched by code, so each code may appear once a year (povroll ingest --on-duplicate first|last picks one)`,
  );
}

async function recordFiles(db: Database, stream: HouseholdStream, version: string): Promise<void> {
  for (const input of stream.inputs) {
    const earlier = (await db.rows(`SELECT year, file FROM roll_files WHERE sha256 = $sha256 LIMIT 1`, { sha256: input.sha256 }))[0];
    if (earlier !== undefined) {
      throw new PovrollError(
        `Cannot add "${input.path}" to the registry: it is the same file as "${String(earlier['file'])}", stored for review year ${String(earlier['year'])} (SHA-256 ${input.sha256.slice(0, 12)}…); its households would count twice`,
      );
    }
    for (const [year, households] of input.years) {
      if (year === null) continue;
      await db.run(`INSERT INTO roll_files VALUES ($year, $file, $sha256, $bytes, $households, $list, current_timestamp, $version)`, {
        year,
        file: input.path,
        sha256: input.sha256,
        bytes: input.bytes,
        households,
        list: input.list,
        version,
      });
    }
  }
}

/**
 * The standard's lines by area, for questions asked of incomes later. The
 * exit line is the income above which a household is neither poor nor
 * near-poor: the near-poverty line where the standard has one (2016–2021),
 * else the poverty line (from 2022 near-poverty is told by deprivations).
 */
async function recordLines(db: Database, standard: Standard): Promise<void> {
  for (const area of ['rural', 'urban'] as const) {
    const poverty = standard.lines['poverty']?.values[area] ?? null;
    const near = standard.lines['near_poverty']?.values[area] ?? null;
    await db.run(`INSERT OR REPLACE INTO standard_lines VALUES ($standard, $area, $poverty, $near, $exit)`, {
      standard: standard.id,
      area,
      poverty,
      near,
      exit: near ?? poverty,
    });
  }
}
