import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIGINT, type DuckDBAppender, type DuckDBType, INTEGER, SMALLINT, UBIGINT, UTINYINT, VARCHAR } from '@duckdb/node-api';
import { EMPTY_LOCATION, type Level, areaKey } from '../core/areas.js';
import type { Outcome } from '../core/classify.js';
import type { ComparedYears } from '../core/compare/changes.js';
import { type AreaFlows, FLOW_COLUMNS, type Flows, emptyFlows } from '../core/compare/flows.js';
import { AREA_CODES, PRIOR_CODES, PlaceTable, STORED_CLASSES } from '../core/compare/roll-store.js';
import type { Area, Household, Location } from '../core/household.js';
import { type HouseholdGroup, PlaceTallies } from '../core/rates.js';
import type { ValueLimits } from '../core/value-checks.js';
import { JOINED_ROWS, type LoadedRoll, classifiedCsvHeader, loadClassifiedCsv, loadRegistryYear, placesInOrder } from './classified-csv.js';
import { undoOnExit } from '../io/interrupts.js';
import { CHUNK_ROWS, ChunkColumns, DEFAULT_MEMORY, Database, appendRows, shareOfMemory, sqlText } from '../registry/database.js';
import type { HouseholdVisitor } from './rates-tally.js';
import { type YearSink, duplicateCodeError } from './roll-stores.js';

/**
 * The share of `--memory` DuckDB is given as its own limit. Its process
 * memory ran to twice its limit and more, beyond its buffer pool (compare of
 * two classified rolls of 10,000,000 households, by commune, measured on
 * 2026-12-02: limit 1GB, peak 2.34 GB; 400MB, 1.51 GB; 256MB, 0.91 GB, the
 * fastest of the three at 122 s); a quarter keeps the whole run near `--memory`.
 */
const DUCKDB_SHARE = 0.25;

/**
 * Compare without holding households: each household read goes, as a few
 * numbers, into a DuckDB table (spilling to disk past `--memory`), its year's
 * rates are tallied by place as it passes, and the matching of households
 * between years — the joins that made compare's memory grow with the rolls —
 * runs in DuckDB. Reading and classification stay povroll's own; the SQL
 * only counts what flows.ts counts (each rule is written beside its twin
 * there), and the tests hold the two to the same outputs.
 */
export class FlowEngine implements YearSink {
  readonly places = new PlaceTable();
  private readonly years = new Map<number, YearFacts>();
  private readonly sources: string[] = [];
  private readonly sourceIds = new Map<string, number>();
  private readonly chunk: ChunkColumns;
  private sequence = 0;
  /** The area of each place at each level asked for, numbered by PlaceTable.areas. */
  private areaIds: number[][] = [];
  private placesNumbered = 0;
  private appended = false;
  private closed = false;

  private constructor(
    private readonly db: Database,
    private readonly appender: DuckDBAppender,
    private readonly levels: readonly Level[],
    private readonly spillFolder: string,
    /** Whether the urban and rural households are tallied apart too (the 2016–2021 sheets need them). */
    private readonly areaTypes: boolean,
    /** Unregisters the folder's removal at exit, once close() has removed it. */
    private readonly forgetFolder: () => void,
  ) {
    this.chunk = new ChunkColumns(columnTypes(levels.length));
  }

  static async open(levels: readonly Level[], options: { memory?: string; areaTypes?: boolean } = {}): Promise<FlowEngine> {
    const memory = options.memory ?? DEFAULT_MEMORY;
    // The households go to a database file in a folder of their own, with DuckDB's spill files, removed by close()
    // (or at exit): the table's blocks can then leave memory, which those of an in-memory database could not.
    const spillFolder = mkdtempSync(join(tmpdir(), 'povroll-compare-'));
    const forget = undoOnExit(() => rmSync(spillFolder, { recursive: true, force: true }));
    let db: Database | undefined;
    try {
      db = await Database.open(join(spillFolder, 'households.duckdb'), { memory: shareOfMemory(memory, DUCKDB_SHARE), spillFolder }, 'read_write', 'compare');
      const areaColumns = levels.map((_, i) => `, l${i} INTEGER`).join('');
      await db.run(
        `CREATE TABLE hh (year SMALLINT, code VARCHAR, place INTEGER, klass UTINYINT, members INTEGER, prior_status UTINYINT, deprived INTEGER, assessed INTEGER, source INTEGER, roll_row INTEGER, seq BIGINT, area_type UTINYINT${areaColumns})`,
      );
      return new FlowEngine(db, await db.connection.createAppender('hh'), levels, spillFolder, options.areaTypes ?? false, forget);
    } catch (error) {
      db?.close();
      rmSync(spillFolder, { recursive: true, force: true });
      forget();
      throw error;
    }
  }

  /** The visitor of `report` and `run`: every household with a review year. */
  readonly visit: HouseholdVisitor = (household, outcome, standardId, place) => {
    if (household.reviewYear !== null) this.add(household.reviewYear, household, outcome, standardId, place.source, place.row);
  };

  add(year: number, household: Household, outcome: Outcome, standardId: string, source: string, row: number): void {
    let facts = this.years.get(year);
    if (facts === undefined) this.years.set(year, (facts = emptyFacts()));
    const place = this.places.place(household.location);
    const location = this.places.places[place]!;
    const areaType = AREA_CODES.indexOf(household.area);
    // The whole year, and its households of one area type (the sections of the 2016–2021 forms).
    addTo(facts.all, place, location, household, outcome, standardId);
    if (this.areaTypes) addTo(facts.byArea[areaType]!, place, location, household, outcome, standardId);
    if (location.district !== '' || location.districtCode !== '') facts.hasDistricts = true;
    if (areaType === 0) facts.withoutArea += 1;
    const c = this.chunk.columns;
    c[0]!.push(year);
    c[1]!.push(household.id);
    c[2]!.push(place);
    c[3]!.push(STORED_CLASSES.indexOf(outcome.class));
    c[4]!.push(household.members ?? -1);
    c[5]!.push(PRIOR_CODES.indexOf(household.priorStatus));
    c[6]!.push(outcome.deprivedMask);
    c[7]!.push(household.assessed);
    c[8]!.push(this.sourceId(source));
    c[9]!.push(row);
    c[10]!.push(BigInt(this.sequence++));
    c[11]!.push(areaType);
    // A new place gets its areas numbered once; every later household of it looks them up.
    if (place >= this.placesNumbered) {
      this.areaIds = this.levels.map((level) => this.places.areas(level).ids);
      this.placesNumbered = this.places.places.length;
    }
    for (let i = 0; i < this.levels.length; i += 1) c[12 + i]!.push(this.areaIds[i]![place]!);
    if (c[0]!.length === CHUNK_ROWS) this.appender.appendDataChunk(this.chunk.take());
  }

  /**
   * A classified roll as povroll writes it, read by DuckDB (classified-csv.ts):
   * its households go into the table, and into the tallies, as add() would
   * put them one by one. Null when the pipeline must read the file.
   */
  private async addClassifiedCsv(file: string, source: string, limits: ValueLimits): Promise<DirectRead | null> {
    const header = await classifiedCsvHeader(file);
    if (header === null) return null;
    return this.storeDirect(() => loadClassifiedCsv(this.db, file, header, limits), source);
  }

  /** A review year of a registry, read by DuckDB from the registry itself as addClassifiedCsv reads a file; null when the pipeline must read it. */
  async addRegistryYear(
    registry: string,
    year: number,
    source: string,
    digest: { sha256: string; bytes: number },
    limits: ValueLimits,
  ): Promise<DirectRead | null> {
    await this.db.run(`ATTACH ${sqlText(registry)} AS registry (READ_ONLY)`);
    try {
      return await this.storeDirect(() => loadRegistryYear(this.db, year, limits, digest), source);
    } finally {
      await this.db.run('DETACH registry');
    }
  }

  /** Both, for readByYear. */
  readonly direct: DirectLoaders = {
    csv: (file, source, limits) => this.addClassifiedCsv(file, source, limits),
    registryYear: (registry, year, source, digest, limits) => this.addRegistryYear(registry, year, source, digest, limits),
  };

  private async storeDirect(load: () => Promise<LoadedRoll | null>, source: string): Promise<DirectRead | null> {
    try {
      const loaded = await load();
      if (loaded === null) return null;
      await this.numberPlaces(loaded);
      await this.storeLoaded(loaded, this.sourceId(source));
      return { year: loaded.year, households: loaded.households, sha256: loaded.sha256, bytes: loaded.bytes };
    } finally {
      await this.db.run('DROP TABLE IF EXISTS direct; DROP TABLE IF EXISTS direct_outcomes; DROP TABLE IF EXISTS direct_places');
    }
  }

  /** The loaded roll's places, numbered as add() numbers them (in the order their first households come), in table direct_places. */
  private async numberPlaces(loaded: LoadedRoll): Promise<void> {
    const places = await placesInOrder(this.db, loaded.places);
    const ids = places.map(({ location }) => this.places.place(location));
    this.areaIds = this.levels.map((level) => this.places.areas(level).ids);
    this.placesNumbered = this.places.places.length;
    const levelColumns = this.levels.map((_, i) => `, l${i} INTEGER`).join('');
    await this.db.run(`CREATE OR REPLACE TEMP TABLE direct_places (ph UBIGINT, place INTEGER${levelColumns})`);
    await appendRows(
      this.db,
      'direct_places',
      [UBIGINT, INTEGER, ...this.levels.map(() => INTEGER)],
      places.map(({ hash }, k) => [hash, ids[k]!, ...this.levels.map((_, i) => this.areaIds[i]![ids[k]!]!)]),
    );
  }

  /** The loaded households into table hh after those appended so far, and into their year's tallies. */
  private async storeLoaded(loaded: LoadedRoll, source: number): Promise<void> {
    if (this.chunk.size > 0) this.appender.appendDataChunk(this.chunk.take());
    this.appender.flushSync();
    const levels = this.levels.map((_, i) => `, p.l${i}`).join('');
    await this.db.run(
      `INSERT INTO hh SELECT ${loaded.year}, d.household_id, p.place, o.klass, d.members, d.prior, o.deprived, d.assessed,
         ${source}, CAST(d.rowid + 2 AS INTEGER), ${this.sequence} + d.rowid, d.area_type${levels} FROM ${JOINED_ROWS}`,
    );
    this.sequence += loaded.households;
    let facts = this.years.get(loaded.year);
    if (facts === undefined) this.years.set(loaded.year, (facts = emptyFacts()));
    // Households alike in place, area type, outcome and marks are tallied together, a chunk of groups at a time
    // (a national roll has millions of groups: read whole, they took 230 MB of JavaScript for a moment).
    const result = await this.db.connection.stream(
      `SELECT p.place, d.area_type, o.tally, o.standard, d.assessed, count(*)::INTEGER AS n,
              coalesce(sum(d.members) FILTER (WHERE d.members >= 0), 0)::INTEGER AS persons, count(*) FILTER (WHERE d.members < 0)::INTEGER AS unknown
         FROM ${JOINED_ROWS} GROUP BY ALL`,
    );
    for (let chunk = await result.fetchChunk(); chunk !== null && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
      const [places, areaTypes, tallies, standards, assessed, counts, persons, unknown] = chunk.getColumns() as number[][];
      for (let g = 0; g < places!.length; g += 1) {
        const place = places![g]!;
        const location = this.places.places[place]!;
        const areaType = areaTypes![g]!;
        const outcome = loaded.tallyOutcomes[tallies![g]!]!;
        const standardId = loaded.standards[standards![g]!]!;
        const n = counts![g]!;
        const group = { households: n, persons: persons![g]!, membersUnknown: unknown![g]!, assessed: assessed![g]! };
        addGroupTo(facts.all, place, location, outcome, group, standardId);
        if (this.areaTypes) addGroupTo(facts.byArea[areaType]!, place, location, outcome, group, standardId);
        if (location.district !== '' || location.districtCode !== '') facts.hasDistricts = true;
        if (areaType === 0) facts.withoutArea += n;
      }
    }
  }

  /** The review years read, oldest first. */
  yearsRead(): number[] {
    return [...this.years.keys()].sort((a, b) => a - b);
  }

  /** Pairs of successive years on either side of the July 2025 reform (see acrossTheReform). */
  acrossTheReform(): { fromYear: number; toYear: number }[] {
    const years = this.yearsRead();
    return years
      .slice(1)
      .flatMap((toYear, k) => (this.years.get(years[k]!)!.hasDistricts && !this.years.get(toYear)!.hasDistricts ? [{ fromYear: years[k]!, toYear }] : []));
  }

  /**
   * Everything compareYears asks, gathered from DuckDB: the flows of every
   * pair it will compare at every level, whether a year repeats the one
   * before, and the poor not deprived in each target's indicators; with
   * `areaTypes`, the same for the urban and the rural households alone.
   */
  async compared(options: { span: boolean; targetMasks: readonly number[]; areaTypes?: boolean }): Promise<ComparedYears> {
    this.finishAppending();
    const problem = await this.repeatedCode();
    if (problem !== null) throw duplicateCodeError(problem);
    const sections = new Map<Area, ComparedYears>();
    if (options.areaTypes && !this.areaTypes) throw new Error('the urban and rural households were not tallied apart: open the engine with areaTypes');
    if (options.areaTypes) for (const area of ['urban', 'rural'] as const) sections.set(area, await this.gather({ ...options, areaType: area }, sections));
    return this.gather(options, sections);
  }

  /** The code whose second household comes first in reading order, named by both places as RollStore names it; null when none repeats. */
  async repeatedCode(): Promise<string | null> {
    this.finishAppending();
    // Most rolls repeat no code: a grouping answers that faster than ordering every household.
    const [any] = await this.db.rows(`SELECT count(*) AS n FROM (SELECT 1 FROM hh WHERE code <> '' GROUP BY year, code HAVING count(*) > 1)`);
    if (Number(any!['n']) === 0) return null;
    const [second] = await this.db.rows(
      `SELECT year, code, seq FROM (SELECT year, code, seq, row_number() OVER (PARTITION BY year, code ORDER BY seq) AS nth FROM hh WHERE code <> '')
        WHERE nth = 2 ORDER BY seq LIMIT 1`,
    );
    if (second === undefined) return null;
    const places = await this.db.rows(`SELECT source, roll_row FROM hh WHERE year = $year AND code = $code ORDER BY seq LIMIT 2`, {
      year: Number(second['year']),
      code: String(second['code']),
    });
    const [first, then] = places.map((p) => `${this.sources[Number(p['source'])]}!${String(p['roll_row'])}`);
    return `household code "${String(second['code'])}" appears twice in review year ${String(second['year'])}: ${first} and ${then}`;
  }

  private finishAppending(): void {
    if (this.appended) return;
    if (this.chunk.columns[0]!.length > 0) this.appender.appendDataChunk(this.chunk.take());
    this.appender.closeSync();
    this.appended = true;
  }

  private async gather(
    options: { span: boolean; targetMasks: readonly number[]; areaType?: Area },
    sections: Map<Area, ComparedYears>,
  ): Promise<ComparedYears> {
    const years = this.yearsRead();
    const only = options.areaType === undefined ? '' : ` AND area_type = ${AREA_CODES.indexOf(options.areaType)}`;
    const pairs: [number, number, 'step' | 'span'][] = years.slice(1).map((_, k) => [k, k + 1, 'step']);
    if (options.span && years.length > 2) pairs.push([0, years.length - 1, 'span']);
    const flows = new Map<string, AreaFlows[]>();
    const repeated = new Set<string>();
    const moved = new Map<string, number>();
    for (const [k, last, period] of pairs) {
      for (const level of [...this.levels, 'total'] as const) {
        flows.set(`${k}-${last}-${period}-${level}`, await this.flowsOf(years, k, last, period, level, only));
      }
      if (period === 'step' && (await this.repeats(years[k]!, years[last]!, only))) repeated.add(`${k}-${last}`);
      if (period === 'step') moved.set(`${k}-${last}`, await this.movedAreaType(years[k]!, years[last]!));
    }
    const notDeprived = new Map<string, Map<string, number | null>>();
    for (let k = 1; k < years.length; k += 1) {
      for (const mask of options.targetMasks) notDeprived.set(`${k}-${mask}`, await this.notDeprivedOf(years[k]!, mask, only));
    }
    const part = (k: number) => {
      const facts = this.years.get(years[k]!)!;
      return options.areaType === undefined ? facts.all : facts.byArea[AREA_CODES.indexOf(options.areaType)]!;
    };
    return {
      years,
      tallies: (k) => part(k).tallies,
      standards: (k) => [...part(k).standards].sort().join(';'),
      flows: (k, last, period, level) => flows.get(`${k}-${last}-${period}-${level}`)!,
      repeats: (k, last) => repeated.has(`${k}-${last}`),
      notDeprived: (k, mask) => notDeprived.get(`${k}-${mask}`)!,
      withoutArea: (k) => this.years.get(years[k]!)!.withoutArea,
      movedAreaType: (k, last) => moved.get(`${k}-${last}`) ?? 0,
      ofAreaType: (area) => {
        const section = sections.get(area);
        if (section === undefined) throw new Error(`the ${area} households were not gathered: ask compared() for areaTypes`);
        return section;
      },
    };
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
    rmSync(this.spillFolder, { recursive: true, force: true });
    this.forgetFolder();
  }

  private sourceId(source: string): number {
    let id = this.sourceIds.get(source);
    if (id === undefined) {
      id = this.sources.length;
      this.sources.push(source);
      this.sourceIds.set(source, id);
    }
    return id;
  }

  private areaColumn(level: Level | 'total'): string {
    return level === 'total' ? '0' : `l${this.levels.indexOf(level)}`;
  }

  /** computeFlows (flows.ts) in SQL: the same sides, the same rules, per area of `level`. */
  private async flowsOf(
    years: readonly number[],
    k: number,
    last: number,
    period: 'step' | 'span',
    level: Level | 'total',
    only: string,
  ): Promise<AreaFlows[]> {
    const area = this.areaColumn(level);
    const [before, after] = [years[k]!, years[last]!];
    // Re-entry: poor (near-poor) in any year before BEFORE; with none (the first pair, or the span), the later roll's own word.
    const earlier = period === 'span' ? [] : years.slice(0, k);
    const history =
      earlier.length === 0
        ? ''
        : `, hist AS (SELECT code, bool_or(klass = 0) AS was_poor, bool_or(klass = 1) AS was_near FROM hh WHERE year IN (${earlier.join(', ')}) AND code <> ''${only} GROUP BY code)`;
    const reEntered =
      earlier.length === 0
        ? `a.prior_status = ${PRIOR_CODES.indexOf('re_entered')}`
        : `coalesce(CASE WHEN a.klass = 0 THEN h.was_poor ELSE h.was_near END, false)`;
    // A side: poor 0, near-poor 1, other 2, absent 3 (no household, unclassified, or in another area at this level).
    const side = (x: string, y: string) =>
      `CASE WHEN ${x}.klass IS NULL OR ${x}.klass = 4 OR ${x}.area <> ${y}.area THEN 3 WHEN ${x}.klass < 2 THEN ${x}.klass ELSE 2 END`;
    const counted = (columns: readonly (readonly [string, string])[]) =>
      columns
        .map(([name, when]) => `count(*) FILTER (WHERE ${when}) AS "${name}", coalesce(sum(w) FILTER (WHERE ${when}), 0)::BIGINT AS "${name}_persons"`)
        .join(',\n ');
    // A matched household's change of members goes to other increases (decreases) of the class it ends in among the two.
    const poorToPoor = 's = 0 AND k = 0';
    const nearSide = 's IN (0, 1) AND NOT (s = 0 AND k = 0)';
    const rows = await this.db.rows(`
      WITH b AS (SELECT code, klass, members, ${area} AS area FROM hh WHERE year = ${before}${only}),
      a AS (SELECT code, klass, members, prior_status, ${area} AS area FROM hh WHERE year = ${after}${only})${history},
      -- Households without a code match nothing (a condition on one side in ON would make DuckDB join loop by loop).
      b_coded AS (SELECT * FROM b WHERE code <> ''),
      a_coded AS (SELECT * FROM a WHERE code <> ''),
      leaving AS (
        SELECT b.area, b.klass AS k, greatest(b.members, 0) AS w, ${side('a', 'b')} AS s, (a.klass IS NULL OR a.klass = 4) AS missing
          FROM b LEFT JOIN a_coded a ON a.code = b.code WHERE b.klass IN (0, 1)),
      arriving AS (
        SELECT a.area, a.klass AS k, greatest(a.members, 0) AS w, ${side('b', 'a')} AS s,
               greatest(a.members, 0) - greatest(coalesce(b.members, 0), 0) AS diff, ${reEntered} AS re_entered
          FROM a LEFT JOIN b_coded b ON b.code = a.code ${history === '' ? '' : 'LEFT JOIN hist h ON h.code = a.code'} WHERE a.klass IN (0, 1)),
      left_counts AS (SELECT area, ${counted(LEAVING)} FROM leaving GROUP BY area),
      arrived_counts AS (SELECT area, ${counted(ARRIVING)},
          coalesce(sum(diff) FILTER (WHERE ${poorToPoor} AND diff > 0), 0)::BIGINT AS poor_more,
          coalesce(sum(-diff) FILTER (WHERE ${poorToPoor} AND diff < 0), 0)::BIGINT AS poor_fewer,
          coalesce(sum(diff) FILTER (WHERE ${nearSide} AND diff > 0), 0)::BIGINT AS near_more,
          coalesce(sum(-diff) FILTER (WHERE ${nearSide} AND diff < 0), 0)::BIGINT AS near_fewer
        FROM arriving GROUP BY area),
      flags AS (SELECT ${area} AS area, bool_or(code = '') AS codeless, bool_or(members < 0) AS sizeless FROM hh WHERE year IN (${before}, ${after})${only} GROUP BY area)
      SELECT * FROM (SELECT area FROM leaving UNION SELECT area FROM arriving)
        LEFT JOIN left_counts USING (area) LEFT JOIN arrived_counts USING (area) LEFT JOIN flags USING (area)
        ORDER BY area`);
    const locations = level === 'total' ? [EMPTY_LOCATION] : this.places.areas(level).locations;
    return rows.map((row) => {
      const flows = emptyFlows();
      const persons = emptyFlows();
      for (const name of FLOW_COLUMNS) {
        flows[name] = Number(row[name] ?? 0);
        persons[name] = Number(row[`${name}_persons`] ?? 0);
      }
      adjustPersons(persons, row);
      return { location: locations[Number(row['area'])]!, flows, persons, known: row['codeless'] !== true, personsKnown: row['sizeless'] !== true };
    });
  }

  /** repeats (changes.ts) in SQL: every household of BEFORE, and only those, again in AFTER with the same class, members, deprivations and place. */
  private async repeats(before: number, after: number, only: string): Promise<boolean> {
    const [row] = await this.db.rows(`
      SELECT (SELECT count(*) FROM hh WHERE year = ${before}${only}) AS before_size, (SELECT count(*) FROM hh WHERE year = ${after}${only}) AS after_size,
             (SELECT count(*) FROM (SELECT * FROM hh WHERE year = ${before} AND code <> ''${only}) b JOIN (SELECT * FROM hh WHERE year = ${after}${only}) a
               ON a.code = b.code AND a.klass = b.klass AND a.members = b.members AND a.deprived = b.deprived AND a.place = b.place) AS same`);
    const size = Number(row!['before_size']);
    return size > 0 && size === Number(row!['after_size']) && size === Number(row!['same']);
  }

  /** movedAreaType (changes.ts) in SQL: households in both years whose area type changed. */
  private async movedAreaType(before: number, after: number): Promise<number> {
    const [row] = await this.db.rows(`
      SELECT count(*) AS moved FROM (SELECT code, area_type FROM hh WHERE year = ${before} AND code <> '') b
        JOIN (SELECT code, area_type FROM hh WHERE year = ${after}) a ON a.code = b.code WHERE a.area_type <> b.area_type`);
    return Number(row!['moved']);
  }

  /** notDeprivedCounts (changes.ts) in SQL: per area, poor households known to be deprived in none of `mask`'s indicators, or null. */
  private async notDeprivedOf(year: number, mask: number, only: string): Promise<Map<string, number | null>> {
    const counts = new Map<string, number | null>();
    for (const level of [...this.levels, 'total'] as const) {
      const rows = await this.db.rows(`
        SELECT ${this.areaColumn(level)} AS area, count(*) FILTER (WHERE (assessed & ${mask}) = ${mask}) AS free_count, bool_or((assessed & ${mask}) <> ${mask}) AS some_unknown
          FROM hh WHERE year = ${year} AND klass = 0 AND (deprived & ${mask}) = 0${only} GROUP BY area`);
      const found = new Map(rows.map((row) => [Number(row['area']), row['some_unknown'] === true ? null : Number(row['free_count'])]));
      const table = level === 'total' ? null : this.places.areas(level);
      const areas = table === null ? 1 : table.locations.length;
      for (let area = 0; area < areas; area += 1) {
        const key = `${level}\u0002${table === null ? '' : areaKey(table.locations[area]!, level as Level)}`;
        counts.set(key, found.has(area) ? found.get(area)! : 0);
      }
    }
    return counts;
  }
}

function addTo(part: YearPart, place: number, location: Location, household: Household, outcome: Outcome, standardId: string): void {
  part.tallies.add(place, location, household, outcome);
  if (standardId !== '') part.standards.add(standardId);
}

function addGroupTo(part: YearPart, place: number, location: Location, outcome: Outcome, group: HouseholdGroup, standardId: string): void {
  part.tallies.addGroup(place, location, outcome, group);
  if (standardId !== '') part.standards.add(standardId);
}

/** How the flow engine reads a roll whole, in place of the pipeline: a classified CSV file, or a year of a registry. */
export interface DirectLoaders {
  csv(file: string, source: string, limits: ValueLimits): Promise<DirectRead | null>;
  registryYear(registry: string, year: number, source: string, digest: { sha256: string; bytes: number }, limits: ValueLimits): Promise<DirectRead | null>;
}

/** A roll DuckDB read: its year and households, and the hash and size the pipeline records of a file. */
export interface DirectRead {
  year: number;
  households: number;
  sha256: string;
  bytes: number;
}

/** A year's households, or those of one area type: tallied by place, and the standards they were classified under. */
interface YearPart {
  tallies: PlaceTallies;
  standards: Set<string>;
}

interface YearFacts {
  all: YearPart;
  /** By AREA_CODES: no area, rural, urban. */
  byArea: YearPart[];
  hasDistricts: boolean;
  withoutArea: number;
}

function emptyFacts(): YearFacts {
  const part = () => ({ tallies: new PlaceTallies(), standards: new Set<string>() });
  return { all: part(), byArea: AREA_CODES.map(part), hasDistricts: false, withoutArea: 0 };
}

function columnTypes(levels: number): DuckDBType[] {
  return [
    SMALLINT,
    VARCHAR,
    INTEGER,
    UTINYINT,
    INTEGER,
    UTINYINT,
    INTEGER,
    INTEGER,
    INTEGER,
    INTEGER,
    BIGINT,
    UTINYINT,
    ...Array.from({ length: levels }, () => INTEGER),
  ];
}

/** Households leaving the earlier side (k: their class before; s: their side after), as flows.ts counts them. */
const LEAVING = [
  ['poor_start', 'k = 0'],
  ['poor_to_near_poor', 'k = 0 AND s = 1'],
  ['poor_escaped', 'k = 0 AND s = 2'],
  ['poor_other_decrease', 'k = 0 AND s = 3'],
  ['poor_missing_after', 'k = 0 AND missing'],
  ['near_poor_start', 'k = 1'],
  ['near_poor_escaped', 'k = 1 AND s = 2'],
  ['near_poor_other_decrease', 'k = 1 AND s = 3'],
  ['near_poor_missing_after', 'k = 1 AND missing'],
] as const;

/** Households arriving on the later side (k: their class after; s: their side before). */
const ARRIVING = [
  ['poor_end', 'k = 0'],
  ['near_poor_to_poor', 'k = 0 AND s = 1'],
  ['poor_re_entered', 'k = 0 AND s = 2 AND re_entered'],
  ['poor_new', 'k = 0 AND s = 2 AND NOT re_entered'],
  ['poor_other_increase', 'k = 0 AND s = 3'],
  ['near_poor_end', 'k = 1'],
  ['near_poor_re_entered', 'k = 1 AND s = 2 AND re_entered'],
  ['near_poor_new', 'k = 1 AND s = 2 AND NOT re_entered'],
  ['near_poor_other_increase', 'k = 1 AND s = 3'],
] as const;

function adjustPersons(persons: Flows, row: Record<string, unknown>): void {
  persons.poor_other_increase += Number(row['poor_more'] ?? 0);
  persons.poor_other_decrease += Number(row['poor_fewer'] ?? 0);
  persons.near_poor_other_increase += Number(row['near_more'] ?? 0);
  persons.near_poor_other_decrease += Number(row['near_fewer'] ?? 0);
}
