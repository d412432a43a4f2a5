/**
 * What the DuckDB peers share: the rule of a standard's definition file as
 * the few numbers a hand-written query needs, SQL quoting, and running
 * statements on a fresh in-memory DuckDB.
 */
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';

/** The parts of a standard (standards/nd07-2021.json) the hand-written rule uses. */
export interface SimpleRule {
  id: string;
  firstYear: number;
  lastYear: number;
  poverty: { rural: number; urban: number };
  upper: { rural: number; urban: number };
  /** Deprivations from which a household at or below the poverty line is poor. */
  poorFrom: number;
  indicators: string[];
}

/**
 * nd07-2021 as a peer writes it by hand: income at or below the area's
 * poverty line is poor with `poorFrom` deprivations or more, near-poor
 * with fewer; income above it and at most the upper line is average for a
 * farm household; anything else is non-poor. The numbers come from the file.
 */
export function simpleRule(file: string): SimpleRule {
  const standard = JSON.parse(readFileSync(file, 'utf8')) as {
    id: string;
    review_years: [number, number];
    lines: Record<'poverty' | 'average', { rural: number; urban: number }>;
    classes: { class: string; when: string[][] }[];
    indicators: { code: string }[];
  };
  const poorRule = standard.classes
    .find((c) => c.class === 'poor')!
    .when.flat()
    .join(' ');
  const poorFrom = /deprivations >= (\d+)/.exec(poorRule);
  if (!poorFrom) throw new Error(`${file}: the poor rule is not "income <= poverty, deprivations >= N"`);
  return {
    id: standard.id,
    firstYear: standard.review_years[0],
    lastYear: standard.review_years[1],
    poverty: standard.lines.poverty,
    upper: standard.lines.average,
    poorFrom: Number(poorFrom[1]),
    indicators: standard.indicators.map((i) => i.code),
  };
}

/** A string literal of SQL. */
export function literal(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/** The column names of a CSV file's header (to know which optional columns it has). */
export function csvHeader(file: string): string[] {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(65536);
    const length = readSync(fd, buffer, 0, buffer.length, 0);
    const text = buffer
      .subarray(0, length)
      .toString('utf8')
      .replace(/^\uFEFF/, '');
    return text
      .slice(0, text.search(/\r?\n/))
      .split(',')
      .map((c) => c.replace(/^"|"$/g, '').trim());
  } finally {
    closeSync(fd);
  }
}

/** Runs the statements on a fresh in-memory DuckDB (threads from POVROLL_BENCH_DUCKDB_THREADS, else DuckDB's default). */
export async function runDuckDb(statements: string[]): Promise<void> {
  const options: Record<string, string> = {};
  const threads = process.env['POVROLL_BENCH_DUCKDB_THREADS'];
  if (threads) options['threads'] = threads;
  const instance = await DuckDBInstance.create(':memory:', options);
  const connection = await instance.connect();
  try {
    for (const statement of statements) await connection.run(statement);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** Whether the module of this URL is the script node was started with. */
export function isMain(url: string): boolean {
  return process.argv[1] !== undefined && fileURLToPath(url) === resolve(process.argv[1]);
}
