import { type DuckDBConnection, DuckDBDataChunk, DuckDBInstance, type DuckDBType } from '@duckdb/node-api';
import { PovrollError } from '../errors.js';

/** How much memory DuckDB may use before it spills to disk, and where it spills. */
interface EngineLimits {
  /** "1GB", "512MB": DuckDB's own notation (`--memory`). */
  memory: string;
  /** A folder for spilled data; DuckDB's default (beside the database) when absent. */
  spillFolder?: string;
}

export const DEFAULT_MEMORY = '1GB';

const MEMORY = /^\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i;

/** Checks a `--memory` value before DuckDB sees it, so a typo is named rather than reported by the engine. */
export function checkMemoryLimit(text: string): string {
  if (!MEMORY.test(text.trim())) throw new PovrollError(`--memory "${text}": expected an amount such as 1GB or 512MB`);
  return text.trim();
}

const UNIT_BYTES: Record<string, number> = { kb: 1e3, mb: 1e6, gb: 1e9, tb: 1e12, kib: 1024, mib: 1024 ** 2, gib: 1024 ** 3, tib: 1024 ** 4 };

/** A share of a `--memory` amount, in DuckDB's notation (whole megabytes, at least one). */
export function shareOfMemory(text: string, share: number): string {
  const [, amount, unit] = /^(\d+(?:\.\d+)?)\s*([a-z]+)$/i.exec(checkMemoryLimit(text))!;
  return `${Math.max(1, Math.floor((Number(amount) * UNIT_BYTES[unit!.toLowerCase()]! * share) / 1e6))}MB`;
}

/** An open registry database: one instance, one connection. */
export class Database {
  private constructor(
    private readonly instance: DuckDBInstance,
    readonly connection: DuckDBConnection,
    /** The registry as the user named it, for messages. */
    readonly path: string,
  ) {}

  static async open(file: string, limits: EngineLimits, access: 'read_write' | 'read_only' = 'read_write', name = file): Promise<Database> {
    const options: Record<string, string> = { memory_limit: limits.memory, access_mode: access === 'read_only' ? 'READ_ONLY' : 'READ_WRITE' };
    if (limits.spillFolder !== undefined) options['temp_directory'] = limits.spillFolder;
    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(file, options);
    } catch (error) {
      throw new PovrollError(`Cannot open registry "${name}": ${firstLine(error)}`, 1, { cause: error });
    }
    return new Database(instance, await instance.connect(), name);
  }

  async run(sql: string, values?: Record<string, string | number | bigint | null> | (string | number | bigint | null)[]): Promise<void> {
    await this.connection.run(sql, values as never);
  }

  /** Rows of a query as plain objects (BIGINT as number: counts of households fit). */
  async rows(sql: string, values?: Record<string, string | number | null> | (string | number | null)[]): Promise<Record<string, unknown>[]> {
    const reader = await this.connection.runAndReadAll(sql, values as never);
    return reader.getRowObjectsJS().map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v])));
  }

  /** Runs `work` in one transaction: all of it lands, or none of it does (an interrupted process included). */
  async transaction<T>(work: () => Promise<T>): Promise<T> {
    await this.run('BEGIN TRANSACTION');
    try {
      const result = await work();
      await this.run('COMMIT');
      return result;
    } catch (error) {
      await this.run('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }

  close(): void {
    this.connection.closeSync();
    this.instance.closeSync();
  }
}

/** DuckDB's messages run to several lines; the first says what went wrong. */
function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
}

/** Rows appended to DuckDB at a time: its vector size, one data chunk per append. */
export const CHUNK_ROWS = 2048;

/** Column values gathered row by row and handed to an appender as one data chunk. */
export class ChunkColumns {
  columns: (string | number | bigint | null)[][];

  constructor(private readonly types: readonly DuckDBType[]) {
    this.columns = types.map(() => []);
  }

  get size(): number {
    return this.columns[0]!.length;
  }

  take(): DuckDBDataChunk {
    const chunk = DuckDBDataChunk.create([...this.types], this.size);
    chunk.setColumns(this.columns);
    this.columns = this.types.map(() => []);
    return chunk;
  }
}

/** A text as an SQL string literal (a path in COPY … TO, which takes no parameter). */
export function sqlText(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}
/** Rows into a table through an appender, a data chunk at a time (the flow engine's places and outcomes of a roll). */
export async function appendRows(
  db: Database,
  table: string,
  types: readonly DuckDBType[],
  rows: readonly (readonly (string | number | bigint)[])[],
): Promise<void> {
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
