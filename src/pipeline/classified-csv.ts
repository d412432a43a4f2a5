import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Outcome } from '../core/classify.js';
import { createOutcomeParser } from '../core/classified-row.js';
import { PRIOR_CODES, STORED_CLASSES } from '../core/compare/roll-store.js';
import { INDICATOR_CODES, indicatorBit } from '../core/indicators.js';
import { EMPTY_LOCATION, LOCATION_COLUMNS } from '../core/areas.js';
import type { Location } from '../core/household.js';
import { CLASSIFIED_COLUMNS, EXTRA_ROLL_COLUMNS, FieldError, ROLL_COLUMNS, indexColumns } from '../core/roll.js';
import type { ValueLimits } from '../core/value-checks.js';
import { findStandard } from '../io/standard-files.js';
import { type DuckDBType, INTEGER, UTINYINT, VARCHAR } from '@duckdb/node-api';
import { CHUNK_ROWS, ChunkColumns, type Database, sqlText } from '../registry/database.js';

/**
 * A classified roll as povroll's own `classify` writes it, read by DuckDB
 * instead of row by row in JavaScript: compare of two national rolls spent
 * most of its time splitting and checking cells that DuckDB reads on both
 * cores at many times the speed.
 *
 * The rule that keeps this honest: DuckDB only reads a file every row of
 * which the household pipeline would take as it is — plain values in the
 * forms povroll writes, one review year, codes on every row, no row that the
 * pipeline would reject or note. Anything else (a spreadsheet's "4.0", a
 * padded cell, a second year, a blank line, a value out of range) and the
 * file goes back to the pipeline, which reads it and says what it says of it.
 * Where the pipeline interprets a value (an outcome's lists, a place's
 * spelling), it is the pipeline's own code that interprets it here too, once
 * per distinct value.
 */

/** The columns a classified roll may have for DuckDB to read it. */
const KNOWN = new Set<string>([...ROLL_COLUMNS, ...EXTRA_ROLL_COLUMNS, ...CLASSIFIED_COLUMNS]);
/** The outcome's columns, parsed by the pipeline's own outcome parser once per distinct combination. */
const OUTCOME_COLUMNS = ['class', 'standard', 'standard_indicators', 'deprived', 'deprivation_count', 'possible_classes'] as const;
/** A household code DuckDB's reading and the pipeline's would store alike (no spaces to trim, nothing to normalise). */
/** Columns compare does not read (names, free text, classify's explanations): DuckDB parses them and keeps nothing. */
const UNREAD = new Set([
  'head_name',
  'ethnicity',
  'poverty_cause',
  'source',
  'social_protection',
  'poverty_line',
  'class_basis',
  'class_mismatch',
  'unclassified_reason',
]);
const PLAIN_CODE = '[0-9A-Za-z_./:#-]+';
const NUMBER = '[0-9]+(\\.[0-9]+)?';

/**
 * The header of a plain CSV file that `classify` could have written: names
 * of the roll's columns, unquoted, comma-separated, no byte-order mark; null
 * for anything else (the pipeline reads it).
 */
export async function classifiedCsvHeader(file: string): Promise<string[] | null> {
  if (!/\.csv$/i.test(file)) return null;
  const handle = await open(file, 'r').catch(() => null);
  if (handle === null) return null;
  try {
    const head = Buffer.alloc(8192);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    const end = head.subarray(0, bytesRead).indexOf(10);
    if (end < 0) return null;
    const line = head.toString('latin1', 0, end).replace(/\r$/, '');
    const names = line.split(',');
    if (!names.every((name) => KNOWN.has(name)) || new Set(names).size !== names.length) return null;
    return ['household_id', 'review_year', 'class'].every((name) => names.includes(name)) ? names : null;
  } finally {
    await handle.close();
  }
}

/** What the pipeline records of a file it read: its hash and size; and its lines, to show that every line is one household. */
async function digestFile(file: string): Promise<{ sha256: string; bytes: number; lines: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  let newlines = 0;
  let last = 10;
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
    const buffer = chunk as Buffer;
    hash.update(buffer);
    bytes += buffer.length;
    for (let at = buffer.indexOf(10); at >= 0; at = buffer.indexOf(10, at + 1)) newlines += 1;
    if (buffer.length > 0) last = buffer[buffer.length - 1]!;
  }
  return { sha256: hash.digest('hex'), bytes, lines: newlines + (last === 10 ? 0 : 1) };
}

/** The outcome of households alike, and what their tally needs to know of it. */
interface ParsedOutcome {
  outcome: Outcome;
  standardId: string;
  /** Outcomes a tally counts alike share this number. */
  tally: number;
}

/** A classified roll loaded into table `direct`, checked, with its outcomes and places numbered. */
export interface LoadedRoll {
  households: number;
  year: number;
  sha256: string;
  bytes: number;
  /** By the number the `direct_outcomes` table gives each distinct outcome. */
  outcomes: ParsedOutcome[];
  /** Outcomes as tallies count them, by the `tally` number. */
  tallyOutcomes: Outcome[];
  /** How many of the outcome's columns the roll has (o0… in table direct). */
  outcomeColumns: number;
}

/** A column's value as text, '' for an empty cell (DuckDB reads those as NULL). */
const value = (column: string, header: readonly string[]) => (header.includes(column) ? `coalesce("${column}", '')` : `''`);

/**
 * Loads the file into table `direct` — per household its code, review year,
 * place (k0…k6) and outcome (o0…) as written, and what the flow engine
 * stores of the rest — and checks every row as the pipeline would; null
 * when some row is not plain (the pipeline must read the file).
 */
export async function loadClassifiedCsv(db: Database, file: string, header: readonly string[], limits: ValueLimits): Promise<LoadedRoll | null> {
  const digest = digestFile(file);
  const columns = header.map((name) => `'${name}': 'VARCHAR'`).join(', ');
  const v = (column: string) => value(column, header);
  const present = OUTCOME_COLUMNS.filter((column) => header.includes(column));
  const prior = PRIOR_CODES.map((code, i) => (code === null ? '' : ` WHEN ${sqlText(code)} THEN ${i}`)).join('');
  const marked = (code: (typeof INDICATOR_CODES)[number]) => (header.includes(`d_${code}`) ? `${v(`d_${code}`)} <> ''` : 'false');
  const kept = [
    `${v('household_id')} AS household_id`,
    `${v('review_year')} AS review_year`,
    ...LOCATION_COLUMNS.map((c, i) => `${v(c)} AS k${i}`),
    ...present.map((c, i) => `${v(c)} AS o${i}`),
    `coalesce(TRY_CAST(nullif(${v('members')}, '') AS INTEGER), -1) AS members`,
    `CASE ${v('prior_status')}${prior} ELSE 0 END AS prior`,
    // As the flow engine numbers area types: 0 none, 1 rural, 2 urban.
    `CASE ${v('area')} WHEN 'rural' THEN 1 WHEN 'urban' THEN 2 ELSE 0 END AS area_type`,
    `${INDICATOR_CODES.map((code) => `(CASE WHEN ${marked(code)} THEN ${indicatorBit(code)} ELSE 0 END)`).join(' + ')} AS assessed`,
    `coalesce(${plainRow(header, limits)}, false) AS plain`,
  ];
  try {
    await db.run(
      `CREATE OR REPLACE TEMP TABLE direct AS SELECT ${kept.join(',\n ')}
         FROM read_csv(${sqlText(file)}, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"',
                       columns = {${columns}}, strict_mode = true, null_padding = false, ignore_errors = false, encoding = 'utf-8')`,
    );
  } catch {
    // Not a CSV DuckDB reads as the pipeline would (a ragged row, text that is not UTF-8): the pipeline reads it and says what is wrong.
    await digest.catch(() => undefined);
    return null;
  }
  const [facts] = await db.rows(
    `SELECT count(*) AS n, count(*) FILTER (WHERE NOT plain) AS bad, count(DISTINCT review_year) AS years, min(review_year) AS year FROM direct`,
  );
  const { lines, sha256, bytes } = await digest;
  const households = Number(facts!['n']);
  // One line a household and the header: no blank line, no cell running over two lines, so rows are numbered as the pipeline numbers them.
  if (households === 0 || Number(facts!['bad']) > 0 || Number(facts!['years']) !== 1 || lines !== households + 1) return null;
  const parsed = await parseOutcomes(db, present);
  if (parsed === null) return null;
  return { households, year: Number(facts!['year']), sha256, bytes, ...parsed, outcomeColumns: present.length };
}

/** A row the pipeline would take as it is, in SQL: every value it reads in the plain form povroll writes, within the limits it checks. */
function plainRow(header: readonly string[], limits: ValueLimits): string {
  const v = (column: string) => value(column, header);
  const oneOf = (column: string, values: readonly string[]) => `${v(column)} IN (${values.map(sqlText).join(', ')})`;
  const marks = ['', '0', '1', '0.0', '1.0'];
  const checks = [
    `regexp_full_match(${v('household_id')}, '${PLAIN_CODE}')`,
    `regexp_full_match(${v('review_year')}, '[1-9][0-9]{3}')`,
    `(${v('members')} = '' OR (regexp_full_match(${v('members')}, '[0-9]{1,4}') AND TRY_CAST(${v('members')} AS INTEGER) BETWEEN ${limits.minMembers} AND ${limits.maxMembers}))`,
    `(${v('income_per_capita')} = '' OR (regexp_full_match(${v('income_per_capita')}, '${NUMBER}')
      AND (TRY_CAST(${v('income_per_capita')} AS DOUBLE) = 0 OR TRY_CAST(${v('income_per_capita')} AS DOUBLE) >= 1000)))`,
    `(${v('score_b1')} = '' OR regexp_full_match(${v('score_b1')}, '${NUMBER}'))`,
    `(${v('score_b2')} = '' OR regexp_full_match(${v('score_b2')}, '${NUMBER}'))`,
    `(${v('deprivation_total')} = '' OR (regexp_full_match(${v('deprivation_total')}, '[0-9]{1,2}') AND TRY_CAST(${v('deprivation_total')} AS INTEGER) <= ${INDICATOR_CODES.length}))`,
    oneOf('area', ['', 'rural', 'urban']),
    oneOf('recorded_class', ['', 'poor', 'near_poor', 'average', 'non_poor']),
    oneOf(
      'prior_status',
      PRIOR_CODES.map((code) => code ?? ''),
    ),
    oneOf('farm_household', marks),
    ...INDICATOR_CODES.map((code) => oneOf(`d_${code}`, marks)),
    ...['merit_policy', 'no_labor_capacity', 'female_head', 'ethnic_minority'].map((column) => oneOf(column, ['', '0', '1'])),
  ];
  return checks.join('\n AND ');
}

/**
 * Every distinct outcome of the roll, parsed by the pipeline's own parser
 * and numbered in table `direct_outcomes`; null when one does not parse.
 */
async function parseOutcomes(db: Database, present: readonly string[]): Promise<Pick<LoadedRoll, 'outcomes' | 'tallyOutcomes'> | null> {
  const index = indexColumns(present, [...OUTCOME_COLUMNS]);
  const parse = createOutcomeParser(index, (id) => findStandard(id)?.indicators.map((i) => i.code));
  const rows = await db.rows(`SELECT DISTINCT ${present.map((_, i) => `o${i} AS k${i}`).join(', ')} FROM direct`);
  const outcomes: ParsedOutcome[] = [];
  const tallyOutcomes: Outcome[] = [];
  const tallyNumbers = new Map<string, number>();
  const keys: string[][] = [];
  for (const row of rows) {
    // The pipeline reads text normalised to NFC and trims each cell.
    const cells = present.map((_, i) => String(row[`k${i}`]).normalize('NFC'));
    let outcome: Outcome;
    try {
      outcome = parse(cells);
    } catch (error) {
      if (error instanceof FieldError) return null;
      throw error;
    }
    const key = tallyKey(outcome);
    let tally = tallyNumbers.get(key);
    if (tally === undefined) {
      tally = tallyOutcomes.length;
      tallyNumbers.set(key, tally);
      tallyOutcomes.push(outcome);
    }
    outcomes.push({ outcome, standardId: (cells[index['standard']!] ?? '').trim(), tally });
    keys.push(present.map((_, i) => String(row[`k${i}`])));
  }
  await db.run(
    `CREATE OR REPLACE TABLE direct_outcomes (${present.map((_, i) => `k${i} VARCHAR, `).join('')}klass UTINYINT, deprived INTEGER, tally INTEGER, standard_id VARCHAR)`,
  );
  const types = [...present.map(() => VARCHAR), UTINYINT, INTEGER, INTEGER, VARCHAR];
  await appendRows(
    db,
    'direct_outcomes',
    types,
    keys.map((key, oid) => {
      const { outcome, tally, standardId } = outcomes[oid]!;
      return [...key, STORED_CLASSES.indexOf(outcome.class), outcome.deprivedMask, tally, standardId];
    }),
  );
  return { outcomes, tallyOutcomes };
}

/** What a tally reads of an outcome: households whose outcomes agree in it are counted together. */
function tallyKey(o: Outcome): string {
  const marked = o.class === 'poor' || o.class === 'near_poor';
  return [
    o.class,
    o.indicatorMask,
    o.indicatorCount,
    marked ? o.deprivedMask : 0,
    o.class === 'poor' ? `${o.knownDeprivations}/${o.countKnown}` : '',
    o.class === 'unclassified' ? o.possible : '',
  ].join('|');
}

/** The roll's places, in the order their first households come, as the pipeline reads them (NFC, trimmed). */
export async function placesOf(db: Database): Promise<{ raw: string[]; location: Location }[]> {
  // Tens of thousands of places: read a column at a time (an object a row cost most of a second).
  const reader = await db.connection.runAndReadAll(
    `SELECT ${LOCATION_COLUMNS.map((_, i) => `k${i}`).join(', ')}, min(rowid) AS first FROM direct GROUP BY ALL ORDER BY first`,
  );
  const columns = reader.getColumnsJS().slice(0, LOCATION_COLUMNS.length) as string[][];
  return columns[0]!.map((_, row) => {
    const raw = columns.map((column) => column[row]!);
    const text = (i: number) => raw[i]!.normalize('NFC').trim();
    const location: Location = {
      ...EMPTY_LOCATION,
      provinceCode: text(0),
      province: text(1),
      districtCode: text(2),
      district: text(3),
      communeCode: text(4),
      commune: text(5),
      village: text(6),
    };
    return { raw, location };
  });
}

/** Rows into a table, through an appender: the places of a national roll run to tens of thousands. */
export async function appendRows(db: Database, table: string, types: readonly DuckDBType[], rows: readonly (readonly (string | number)[])[]): Promise<void> {
  const appender = await db.connection.createAppender(table);
  try {
    const chunk = new ChunkColumns(types);
    for (const row of rows) {
      row.forEach((cell, i) => chunk.columns[i]!.push(cell));
      if (chunk.size === CHUNK_ROWS) appender.appendDataChunk(chunk.take());
    }
    if (chunk.size > 0) appender.appendDataChunk(chunk.take());
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
}

/** The join of table `direct` (d) to its places (p) and outcomes (o). */
export function joinedRows(outcomeColumns: number): string {
  return `direct d
    JOIN direct_places p ON ${LOCATION_COLUMNS.map((_, i) => `d.k${i} = p.k${i}`).join(' AND ')}
    JOIN direct_outcomes o ON ${Array.from({ length: outcomeColumns }, (_, i) => `d.o${i} = o.k${i}`).join(' AND ')}`;
}
