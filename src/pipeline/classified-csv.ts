import { open } from 'node:fs/promises';
import type { Outcome } from '../core/classify.js';
import { createOutcomeParser } from '../core/classified-row.js';
import { AREA_CODES, PRIOR_CODES, STORED_CLASSES } from '../core/compare/roll-store.js';
import { INDICATOR_CODES, indicatorBit } from '../core/indicators.js';
import { LOCATION_COLUMNS } from '../core/areas.js';
import type { Location } from '../core/household.js';
import { CLASSIFIED_COLUMNS, EXTRA_ROLL_COLUMNS, FieldError, ROLL_COLUMNS, createLocationParser, indexColumns } from '../core/roll.js';
import { REGISTRY_COLUMNS } from '../registry/schema.js';
import type { ValueLimits } from '../core/value-checks.js';
import { findStandard } from '../io/standard-files.js';
import { detectEncoding } from '../io/csv-source.js';
import { fileDigest } from '../io/file-digest.js';
import { INTEGER, UBIGINT, UTINYINT } from '@duckdb/node-api';
import { type Database, appendRows, sqlText } from '../registry/database.js';

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
const PLAIN_CODE = '[0-9A-Za-z_./:#-]+';
/** A plain number as the pipeline reads one, not negative. */
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
    const buffer = Buffer.alloc(65536);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const head = buffer.subarray(0, bytesRead);
    // The pipeline decodes by what the head looks like: DuckDB reads only a file it would decode as UTF-8.
    if (detectEncoding(head) !== 'utf-8') return null;
    const end = head.indexOf(10);
    if (end < 0) return null;
    const line = head.toString('latin1', 0, end).replace(/\r$/, '');
    const names = line.split(',');
    if (!names.every((name) => KNOWN.has(name)) || new Set(names).size !== names.length) return null;
    return ['household_id', 'review_year', 'class'].every((name) => names.includes(name)) ? names : null;
  } finally {
    await handle.close();
  }
}

/**
 * A classified roll checked, with its households in table `direct` as
 * numbers — the hashes of their place (ph) and outcome (oh), which name one
 * place and one outcome of this roll each, and what the flow engine stores
 * of the rest — and its distinct outcomes in table `direct_outcomes`.
 */
export interface LoadedRoll {
  households: number;
  year: number;
  sha256: string;
  bytes: number;
  /** The place of each hash, its cells as written (province_code … village). */
  places: Map<bigint, string[]>;
  /** Outcomes as tallies count them, by the `tally` number of `direct_outcomes`. */
  tallyOutcomes: Outcome[];
  /** Standards by the `standard` number of `direct_outcomes`. */
  standards: string[];
}

/** A column's value as text, '' for an empty cell (DuckDB reads those as NULL). */
const value = (column: string, header: readonly string[]) => (header.includes(column) ? `coalesce("${column}", '')` : `''`);

/**
 * Reads the file twice: first its distinct places and outcomes, checking
 * every row as the pipeline would; then its households, as numbers, into
 * table `direct`. Null when some row is not plain (the pipeline must read
 * the file). Text is grouped, never stored: storing a million rows of it
 * took DuckDB twice as long as reading the file twice.
 */
export async function loadClassifiedCsv(db: Database, file: string, header: readonly string[], limits: ValueLimits): Promise<LoadedRoll | null> {
  const digest = fileDigest(file, { lines: true });
  const csv = `read_csv(${sqlText(file)}, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"',
                 columns = {${header.map((name) => `'${name}': 'VARCHAR'`).join(', ')}}, strict_mode = true, null_padding = false, encoding = 'utf-8')`;
  try {
    return await loadChecked(db, { rows: csv, inOrder: csv, header }, limits, digest);
  } catch {
    // Not a CSV DuckDB reads as the pipeline would (a ragged row, text that is not UTF-8): the pipeline reads it and says what is wrong.
    // (The tests see that plain rolls do go through DuckDB, so a mistake here cannot hide behind the pipeline.)
    await digest.catch(() => undefined);
    return null;
  }
}

/**
 * A review year of a registry attached as `registry`, read as the pipeline
 * reads it (the stored cells, in the order they were read, rows numbered
 * from 2 as in the file the pipeline would be given); its hash and size are
 * those of its source files.
 */
export async function loadRegistryYear(db: Database, year: number, limits: ValueLimits, digest: { sha256: string; bytes: number }): Promise<LoadedRoll | null> {
  const rows = `(SELECT * FROM registry.households WHERE year = ${Math.trunc(year)})`;
  // Sorted, only what the second pass reads: a sort of every stored column took 1.4 GB for a million households.
  const kept = ['household_id', ...LOCATION_COLUMNS, ...OUTCOME_COLUMNS, 'members', 'prior_status', 'area', ...INDICATOR_CODES.map((code) => `d_${code}`)];
  const inOrder = `(SELECT ${kept.map((c) => `"${c}"`).join(', ')} FROM registry.households WHERE year = ${Math.trunc(year)}
                     ORDER BY roll_file, roll_sheet NULLS FIRST, roll_row)`;
  return loadChecked(db, { rows, inOrder, header: REGISTRY_COLUMNS, oneLineEach: true }, limits, Promise.resolve({ ...digest, lines: null }));
}

/** Where a roll's rows come from: a relation, the same in reading order, and its columns. */
interface RowSource {
  rows: string;
  inOrder: string;
  header: readonly string[];
  /** Cells could hold line breaks, which a file of them would split (a table's): a roll with one is left to the pipeline. */
  oneLineEach?: boolean;
}

async function loadChecked(
  db: Database,
  source: RowSource,
  limits: ValueLimits,
  digest: Promise<{ sha256: string; bytes: number; lines: number | null }>,
): Promise<LoadedRoll | null> {
  const { header } = source;
  const v = (column: string) => value(column, header);
  const breaks = source.oneLineEach
    ? ` AND NOT regexp_matches(concat_ws(',', ${[...LOCATION_COLUMNS, ...OUTCOME_COLUMNS]
        .filter((c) => header.includes(c))
        .map(v)
        .join(', ')}), '[\n\r]')`
    : '';
  const present = OUTCOME_COLUMNS.filter((column) => header.includes(column));
  const placeKey = LOCATION_COLUMNS.map((_, i) => `k${i}`).join(', ');
  const outcomeKey = present.map((_, i) => `o${i}`).join(', ');
  const reader = await db.connection.runAndReadAll(
    `SELECT GROUPING(${placeKey}) = 0 AS is_place, hash(${placeKey}) AS ph, hash(${outcomeKey}) AS oh, ${placeKey}, ${outcomeKey},
            count(*)::INTEGER AS n, count(*) FILTER (WHERE NOT plain)::INTEGER AS bad, min(review_year) AS first_year, max(review_year) AS last_year
       FROM (SELECT ${LOCATION_COLUMNS.map((c, i) => `${v(c)} AS k${i}`).join(', ')}, ${present.map((c, i) => `${v(c)} AS o${i}`).join(', ')},
                    ${v('review_year')} AS review_year, coalesce(${plainRow(header, limits)}${breaks}, false) AS plain FROM ${source.rows})
      GROUP BY GROUPING SETS ((${placeKey}), (${outcomeKey}))`,
  );
  const groups = reader.getColumnsObjectJS() as Record<string, unknown[]>;
  const isPlace = groups['is_place'] as boolean[];
  const places = new Map<bigint, string[]>();
  const outcomeRows: { hash: bigint; cells: string[] }[] = [];
  let households = 0;
  const years = new Set<string>();
  for (let g = 0; g < isPlace.length; g += 1) {
    if (isPlace[g]) {
      if (Number(groups['bad']![g]) > 0) return null;
      households += Number(groups['n']![g]);
      years.add(String(groups['first_year']![g])).add(String(groups['last_year']![g]));
      places.set(
        groups['ph']![g] as bigint,
        LOCATION_COLUMNS.map((_, i) => String(groups[`k${i}`]![g])),
      );
    } else outcomeRows.push({ hash: groups['oh']![g] as bigint, cells: present.map((_, i) => String(groups[`o${i}`]![g])) });
  }
  // A hash names one place (one outcome) of this roll only if no two of its places (outcomes) share one.
  if (
    households === 0 ||
    years.size !== 1 ||
    places.size !== isPlace.filter(Boolean).length ||
    new Set(outcomeRows.map((o) => o.hash)).size !== outcomeRows.length
  )
    return null;
  const parsed = await parseOutcomes(db, present, outcomeRows);
  if (parsed === null) return null;
  const marked = (code: (typeof INDICATOR_CODES)[number]) => (header.includes(`d_${code}`) ? `${v(`d_${code}`)} <> ''` : 'false');
  await db.run(
    `CREATE OR REPLACE TABLE direct AS
       SELECT hash(${LOCATION_COLUMNS.map(v).join(', ')}) AS ph, hash(${present.map(v).join(', ')}) AS oh, ${v('household_id')} AS household_id,
              coalesce(TRY_CAST(nullif(${v('members')}, '') AS INTEGER), -1) AS members, CASE ${v('prior_status')}${whenCode(PRIOR_CODES)} ELSE 0 END AS prior,
              CASE ${v('area')}${whenCode(AREA_CODES)} ELSE 0 END AS area_type,
              ${INDICATOR_CODES.map((code) => `(CASE WHEN ${marked(code)} THEN ${indicatorBit(code)} ELSE 0 END)`).join(' + ')} AS assessed
         FROM ${source.inOrder}`,
  );
  const { lines, sha256, bytes } = await digest;
  // One line a household and the header: no blank line, no cell running over two lines, so rows are numbered as the pipeline numbers them.
  if (lines !== null && lines !== households + 1) return null;
  return { households, year: Number([...years][0]), sha256, bytes, places, ...parsed };
}

/** The WHEN branches of a CASE giving each text its small number as the flow engine stores it (its index in `codes`). */
function whenCode(codes: readonly (string | null)[]): string {
  return codes.map((code, i) => (code === null ? '' : ` WHEN ${sqlText(code)} THEN ${i}`)).join('');
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
 * and numbered in table `direct_outcomes` by its hash; null when one does
 * not parse.
 */
async function parseOutcomes(
  db: Database,
  present: readonly string[],
  rows: readonly { hash: bigint; cells: string[] }[],
): Promise<Pick<LoadedRoll, 'tallyOutcomes' | 'standards'> | null> {
  const index = indexColumns(present, [...OUTCOME_COLUMNS]);
  const parse = createOutcomeParser(index, (id) => findStandard(id)?.indicators.map((i) => i.code));
  const tallyOutcomes: Outcome[] = [];
  const tallyNumbers = new Map<string, number>();
  const standards: string[] = [];
  const table: (string | number | bigint)[][] = [];
  for (const { hash, cells: raw } of rows) {
    // The pipeline reads text normalised to NFC and trims each cell.
    const cells = raw.map((cell) => cell.normalize('NFC'));
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
    const standardId = (cells[index['standard']!] ?? '').trim();
    if (!standards.includes(standardId)) standards.push(standardId);
    table.push([hash, STORED_CLASSES.indexOf(outcome.class), outcome.deprivedMask, tally, standards.indexOf(standardId)]);
  }
  await db.run('CREATE OR REPLACE TEMP TABLE direct_outcomes (oh UBIGINT, klass UTINYINT, deprived INTEGER, tally INTEGER, standard INTEGER)');
  await appendRows(db, 'direct_outcomes', [UBIGINT, UTINYINT, INTEGER, INTEGER, INTEGER], table);
  return { tallyOutcomes, standards };
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

/** The roll's places, in the order their first households come, as the pipeline reads them (NFC, trimmed), with their hashes. */
export async function placesInOrder(db: Database, places: ReadonlyMap<bigint, string[]>): Promise<{ hash: bigint; location: Location }[]> {
  const reader = await db.connection.runAndReadAll('SELECT ph FROM direct GROUP BY ph ORDER BY min(rowid)');
  const hashes = reader.getColumnsJS()[0] as bigint[];
  // The pipeline's own reading of the location columns, on the text it would have read (NFC).
  const parse = createLocationParser(indexColumns(LOCATION_COLUMNS, LOCATION_COLUMNS));
  return hashes.map((hash) => ({ hash, location: parse(places.get(hash)!.map((cell) => cell.normalize('NFC'))) }));
}

/** The join of table `direct` (d) to its places (p) and outcomes (o). */
export const JOINED_ROWS = 'direct d JOIN direct_places p USING (ph) JOIN direct_outcomes o USING (oh)';
