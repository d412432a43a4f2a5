import { EMPTY_LOCATION, type Level, LEVELS, columnsThrough, locationValue } from '../core/areas.js';
import type { Location } from '../core/household.js';
import { formatPercent } from '../core/numbers.js';
import type { Database } from './database.js';

/**
 * How lasting escapes from poverty are, from every review year a registry
 * holds: of the households that left poverty between two rolls, how many
 * are poor (or poor or near-poor) again in each later roll; where this
 * year's poor come from (poor the year before, poor in some earlier year,
 * never poor before); and the households just above the line out of
 * poverty and near poverty (the exit line)
 * ("nguy cơ tái nghèo"). Households are followed by code; those without one
 * cannot be, and are counted apart.
 */

export function escapeColumns(level: Level): string[] {
  return [
    'level',
    ...columnsThrough(level),
    'from_year',
    'escape_year',
    'later_year',
    'years_after',
    'escaped',
    'followed',
    'not_followed',
    'poor_again',
    'poor_again_pct',
    'poor_or_near_poor',
    'poor_or_near_poor_pct',
  ];
}

export function historyColumns(level: Level): string[] {
  return [
    'level',
    ...columnsThrough(level),
    'year',
    'households',
    'poor',
    'poor_continuing',
    'poor_re_entered',
    'poor_first_time',
    'poor_without_code',
    'poor_rolls_mean',
    'poor_three_rolls_or_more',
    'margin_pct',
    'just_above_line',
    'just_above_line_unknown',
  ];
}

const NAME_KEY = (column: string) => `trim(regexp_replace(lower(nfc_normalize("${column}")), '\\s+', ' ', 'g'))`;
const UNIT_KEY = (code: string, name: string) => `CASE WHEN "${code}" <> '' THEN 'c:' || "${code}" ELSE 'n:' || ${NAME_KEY(name)} END`;

/** The SQL key of a household's area at `level`, as povroll's own area keys group units (by code, else by name as written). */
function areaKeySql(level: Level | 'total'): string {
  if (level === 'total') return `'all'`;
  const depth = LEVELS.indexOf(level);
  const parts = [UNIT_KEY('province_code', 'province')];
  if (depth >= 1) parts.push(UNIT_KEY('district_code', 'district'));
  if (depth >= 2) parts.push(UNIT_KEY('commune_code', 'commune'));
  if (depth >= 3) parts.push(`'n:' || ${NAME_KEY('village')}`);
  return parts.join(` || chr(1) || `);
}

/** The location columns of an area, from the first spelling of each in the rolls. */
function locationSql(level: Level): string {
  return columnsThrough(level)
    .map((c) => `min("${c}") AS "${c}"`)
    .join(', ');
}

/** An area of the escapes table: households that left poverty between two rolls, followed into one later roll. */
export interface EscapeRow {
  level: Level | 'total';
  location: Location;
  fromYear: number;
  escapeYear: number;
  /** Null for escapes in the last roll: nothing to follow them into yet. */
  laterYear: number | null;
  escaped: number;
  /** Of them, found by code in the later roll. */
  followed: number;
  poorAgain: number;
  poorOrNearPoor: number;
}

/** An area of one stored year: its poor by where they come from, and the households just above the exit line. */
export interface HistoryRow {
  level: Level | 'total';
  location: Location;
  year: number;
  /** The first stored year has no roll before it: where its poor come from is unknown (null). */
  first: boolean;
  households: number;
  poor: number;
  poorContinuing: number;
  poorReEntered: number;
  poorFirstTime: number;
  poorWithoutCode: number;
  poorRollsMean: number | null;
  poorThreeRollsOrMore: number;
  justAboveLine: number;
  justAboveLineUnknown: number;
}

const count = (value: unknown) => Number(value ?? 0);

/** The escapes at each level (and the total), area by area, escape year by later year. */
export async function escapeRows(db: Database, levels: readonly (Level | 'total')[]): Promise<EscapeRow[]> {
  const out: EscapeRow[] = [];
  for (const level of levels) {
    const rows = await db.rows(`
      WITH years AS (SELECT year, row_number() OVER (ORDER BY year) AS k FROM (SELECT DISTINCT year FROM households)),
      h AS (SELECT h.*, y.k, ${areaKeySql(level)} AS area_key FROM households h JOIN years y USING (year) WHERE household_id <> ''),
      escapes AS (
        SELECT a.household_id, a.k, a.year AS escape_year, b.year AS from_year, a.area_key
          FROM h a JOIN h b ON b.household_id = a.household_id AND b.k = a.k - 1
         WHERE b.class = 'poor' AND a.class IN ('near_poor', 'average', 'non_poor')),
      -- An escape in the last roll has no later roll yet: one row, its later columns empty.
      pairs AS (SELECT e.*, y.year AS later_year, y.k AS later_k FROM escapes e LEFT JOIN years y ON y.k > e.k),
      followed AS (
        SELECT p.area_key, p.from_year, p.escape_year, p.later_year, p.household_id, l.class AS later_class
          FROM pairs p LEFT JOIN h l ON l.household_id = p.household_id AND l.k = p.later_k)
      SELECT f.area_key, f.from_year, f.escape_year, f.later_year,
             count(*) AS escaped,
             count(later_class) AS followed,
             count(*) FILTER (WHERE later_class = 'poor') AS poor_again,
             count(*) FILTER (WHERE later_class IN ('poor', 'near_poor')) AS poor_or_near_poor
        FROM followed f GROUP BY ALL ORDER BY f.area_key, f.escape_year, f.later_year NULLS FIRST`);
    const names = await areaNames(db, level);
    for (const r of rows) {
      out.push({
        level,
        location: names.get(String(r['area_key'])) ?? EMPTY_LOCATION,
        fromYear: count(r['from_year']),
        escapeYear: count(r['escape_year']),
        laterYear: r['later_year'] === null || r['later_year'] === undefined ? null : count(r['later_year']),
        escaped: count(r['escaped']),
        followed: count(r['followed']),
        poorAgain: count(r['poor_again']),
        poorOrNearPoor: count(r['poor_or_near_poor']),
      });
    }
  }
  return out;
}

/** Each stored year at each level (and the total): the poor by where they come from, and the households just above the exit line. */
export async function historyRows(db: Database, levels: readonly (Level | 'total')[], marginPercent: number): Promise<HistoryRow[]> {
  const margin = 1 + marginPercent / 100;
  const out: HistoryRow[] = [];
  for (const level of levels) {
    const rows = await db.rows(`
      WITH years AS (SELECT year, row_number() OVER (ORDER BY year) AS k FROM (SELECT DISTINCT year FROM households)),
      h AS (SELECT h.*, y.k, ${areaKeySql(level)} AS area_key FROM households h JOIN years y USING (year)),
      coded AS (SELECT household_id, k, class FROM h WHERE household_id <> ''),
      poor AS (
        SELECT p.area_key, p.year, p.k,
               coalesce(bool_or(c.k = p.k - 1), false) AS poor_last_roll,
               coalesce(bool_or(c.k < p.k - 1), false) AS poor_earlier,
               count(c.k) + 1 AS poor_rolls
          FROM h p LEFT JOIN coded c ON c.household_id = p.household_id AND c.k < p.k AND c.class = 'poor'
         WHERE p.class = 'poor' AND p.household_id <> ''
         GROUP BY p.area_key, p.year, p.k, p.household_id),
      poor_counts AS (
        SELECT area_key, year,
               count(*) FILTER (WHERE poor_last_roll) AS poor_continuing,
               count(*) FILTER (WHERE NOT poor_last_roll AND poor_earlier) AS poor_re_entered,
               count(*) FILTER (WHERE NOT poor_last_roll AND NOT poor_earlier) AS poor_first_time,
               avg(poor_rolls) AS poor_rolls_mean,
               count(*) FILTER (WHERE poor_rolls >= 3) AS poor_three_rolls_or_more
          FROM poor GROUP BY area_key, year),
      above AS (
        SELECT h.area_key, h.year, TRY_CAST(NULLIF(h.income_per_capita, '') AS DOUBLE) AS income, s.exit_line AS line
          FROM h LEFT JOIN standard_lines s ON s.standard = h.standard AND s.area = h.area
         WHERE h.class IN ('average', 'non_poor')),
      above_counts AS (
        SELECT area_key, year,
               count(*) FILTER (WHERE income > line AND income <= line * ${margin}) AS just_above_line,
               count(*) FILTER (WHERE income IS NULL OR line IS NULL) AS just_above_line_unknown
          FROM above GROUP BY area_key, year),
      totals AS (
        SELECT area_key, year, min(k) AS k, count(*) AS households, count(*) FILTER (WHERE class = 'poor') AS poor,
               count(*) FILTER (WHERE class = 'poor' AND household_id = '') AS poor_without_code
          FROM h GROUP BY area_key, year)
      SELECT t.*, p.poor_continuing, p.poor_re_entered, p.poor_first_time, p.poor_rolls_mean, p.poor_three_rolls_or_more,
             a.just_above_line, a.just_above_line_unknown
        FROM totals t LEFT JOIN poor_counts p USING (area_key, year) LEFT JOIN above_counts a USING (area_key, year)
       ORDER BY t.area_key, t.year`);
    const names = await areaNames(db, level);
    for (const r of rows) {
      const mean = r['poor_rolls_mean'];
      out.push({
        level,
        location: names.get(String(r['area_key'])) ?? EMPTY_LOCATION,
        year: count(r['year']),
        first: count(r['k']) === 1,
        households: count(r['households']),
        poor: count(r['poor']),
        poorContinuing: count(r['poor_continuing']),
        poorReEntered: count(r['poor_re_entered']),
        poorFirstTime: count(r['poor_first_time']),
        poorWithoutCode: count(r['poor_without_code']),
        poorRollsMean: mean === null || mean === undefined ? null : Number(mean),
        poorThreeRollsOrMore: count(r['poor_three_rolls_or_more']),
        justAboveLine: count(r['just_above_line']),
        justAboveLineUnknown: count(r['just_above_line_unknown']),
      });
    }
  }
  return out;
}

/** The escapes table's cells: the later roll's columns empty for escapes not yet followed. */
export function escapeCells(row: EscapeRow, deepest: Level): string[] {
  const later = row.laterYear;
  const known = (value: string) => (later === null ? '' : value);
  return [
    row.level,
    ...locationCells(row, deepest),
    String(row.fromYear),
    String(row.escapeYear),
    known(String(later)),
    known(String((later ?? 0) - row.escapeYear)),
    String(row.escaped),
    known(String(row.followed)),
    known(String(row.escaped - row.followed)),
    known(String(row.poorAgain)),
    known(share(row.poorAgain, row.followed)),
    known(String(row.poorOrNearPoor)),
    known(share(row.poorOrNearPoor, row.followed)),
  ];
}

/** The history table's cells: where the first roll's poor come from is unknown, and a count with unknown incomes is left empty. */
export function historyCells(row: HistoryRow, deepest: Level, marginPercent: number): string[] {
  const known = (value: string) => (row.first ? '' : value);
  return [
    row.level,
    ...locationCells(row, deepest),
    String(row.year),
    String(row.households),
    String(row.poor),
    known(String(row.poorContinuing)),
    known(String(row.poorReEntered)),
    known(String(row.poorFirstTime)),
    String(row.poorWithoutCode),
    known(row.poorRollsMean === null ? '' : row.poorRollsMean.toFixed(2)),
    known(String(row.poorThreeRollsOrMore)),
    String(marginPercent),
    // Some incomes not known: the count would be a floor, and is left empty rather than understated.
    row.justAboveLineUnknown > 0 ? '' : String(row.justAboveLine),
    String(row.justAboveLineUnknown),
  ];
}

/** The location columns of a table at `deepest`: a higher level's row leaves the lower units empty. */
function locationCells(row: { level: Level | 'total'; location: Location }, deepest: Level): string[] {
  const shown = row.level === 'total' ? [] : columnsThrough(row.level);
  return columnsThrough(deepest).map((column) => (shown.includes(column) ? locationValue(row.location, column) : ''));
}

const share = (part: number, of: number) => (of === 0 ? '' : formatPercent(part, of, 2));

/** Each area's location, from the first spelling of its units, by SQL area key. */
async function areaNames(db: Database, level: Level | 'total'): Promise<Map<string, Location>> {
  if (level === 'total') return new Map([['all', EMPTY_LOCATION]]);
  const rows = await db.rows(`SELECT ${areaKeySql(level)} AS area_key, ${locationSql(level)} FROM households GROUP BY area_key`);
  const text = (value: unknown) => (value === null || value === undefined ? '' : String(value));
  return new Map(
    rows.map((r) => [
      String(r['area_key']),
      {
        ...EMPTY_LOCATION,
        provinceCode: text(r['province_code']),
        province: text(r['province']),
        districtCode: text(r['district_code']),
        district: text(r['district']),
        communeCode: text(r['commune_code']),
        commune: text(r['commune']),
        village: text(r['village']),
      },
    ]),
  );
}
