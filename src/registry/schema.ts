import { CLASSIFIED_COLUMNS, EXTRA_ROLL_COLUMNS, ROLL_COLUMNS } from '../core/roll.js';
import { PovrollError } from '../errors.js';
import type { Database } from './database.js';

/**
 * The household columns a registry keeps: the canonical roll's, then what
 * classification added. They are kept as the text povroll read, so that a
 * year read back from the registry is the roll it was, to the last digit;
 * typed views (households_typed) serve queries and exports.
 */
export const REGISTRY_COLUMNS = [...ROLL_COLUMNS, ...EXTRA_ROLL_COLUMNS, ...CLASSIFIED_COLUMNS] as const;

/** Where each household was read: kept beside its cells, for messages and for finding it again. */
export const PLACE_COLUMNS = ['year', 'roll_file', 'roll_sheet', 'roll_row'] as const;

const SCHEMA_VERSION = '1';

const quoted = (name: string) => `"${name}"`;

const TYPED: Record<string, string> = {
  review_year: 'INTEGER',
  members: 'INTEGER',
  income_per_capita: 'DOUBLE',
  score_b1: 'DOUBLE',
  score_b2: 'DOUBLE',
  poverty_line: 'DOUBLE',
  deprivation_count: 'INTEGER',
  deprivation_total: 'INTEGER',
  class_mismatch: 'INTEGER',
};

/** A column of the typed view: numbers as numbers, 0/1 flags as integers, text as it is; an empty cell is NULL. */
export function typedColumn(name: string): string {
  const type =
    TYPED[name] ?? (/^(d_|ethnic_minority$|merit_policy$|social_protection$|no_labor_capacity$|female_head$|farm_household$)/.test(name) ? 'INTEGER' : null);
  if (type === null) return `NULLIF(${quoted(name)}, '') AS ${quoted(name)}`;
  return `TRY_CAST(NULLIF(${quoted(name)}, '') AS ${type}) AS ${quoted(name)}`;
}

/** Creates the registry's tables in a new database, or checks that an existing one is a registry of this version. */
export async function prepareSchema(db: Database): Promise<void> {
  const tables = (await db.rows(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'`)).map((r) => String(r['table_name']));
  if (tables.length > 0) {
    if (!tables.includes('registry_info'))
      throw new PovrollError(
        `Cannot use "${db.path}" as a registry: it is a DuckDB database povroll did not create (tables: ${tables.slice(0, 5).join(', ')})`,
      );
    const version = (await db.rows(`SELECT value FROM registry_info WHERE key = 'schema'`))[0]?.['value'];
    if (version !== SCHEMA_VERSION)
      throw new PovrollError(`Cannot use registry "${db.path}": it has schema version ${String(version)}, and this povroll reads version ${SCHEMA_VERSION}`);
    return;
  }
  await db.transaction(async () => {
    await db.run(`CREATE TABLE registry_info (key VARCHAR PRIMARY KEY, value VARCHAR)`);
    await db.run(`INSERT INTO registry_info VALUES ('schema', '${SCHEMA_VERSION}')`);
    await db.run(
      `CREATE TABLE roll_files (year INTEGER NOT NULL, file VARCHAR NOT NULL, sha256 VARCHAR NOT NULL, bytes BIGINT, households BIGINT NOT NULL, list VARCHAR, added_at TIMESTAMP NOT NULL, povroll_version VARCHAR)`,
    );
    const cells = REGISTRY_COLUMNS.map((c) => `${quoted(c)} VARCHAR NOT NULL`).join(', ');
    await db.run(`CREATE TABLE households (year INTEGER NOT NULL, roll_file VARCHAR NOT NULL, roll_sheet VARCHAR, roll_row INTEGER NOT NULL, ${cells})`);
    await db.run(
      `CREATE TABLE standard_lines (standard VARCHAR NOT NULL, area VARCHAR NOT NULL, poverty DOUBLE, near_poverty DOUBLE, exit_line DOUBLE, PRIMARY KEY (standard, area))`,
    );
    await db.run(
      `CREATE VIEW households_typed AS SELECT year, roll_file, roll_sheet, roll_row, ${REGISTRY_COLUMNS.map(typedColumn).join(', ')} FROM households`,
    );
  });
}
