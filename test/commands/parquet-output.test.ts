/**
 * classify and ingest write Parquet when the output's name ends in .parquet
 * (or with --format parquet): the same households and cells as their CSV,
 * codes kept as text ("00001" stays "00001"), counts and incomes as numbers,
 * an empty cell as NULL.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDir } from '../support/run-cli.js';

async function parquetRows(path: string): Promise<Record<string, unknown>[]> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const reader = await connection.runAndReadAll(`SELECT * FROM read_parquet('${path}')`);
    return reader.getRowObjectsJS() as Record<string, unknown>[];
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

describe('Parquet output', () => {
  it('holds what the CSV holds, typed', async () => {
    const dir = tempDir();
    const roll = join(ROOT, 'fixtures/demo/roll-2023.csv');
    const csv = await runCli(['-q', 'classify', roll, '-o', join(dir, 'classified.csv')]);
    expect(csv.code, csv.stderr).toBe(0);
    const parquet = await runCli(['-q', 'classify', roll, '-o', join(dir, 'classified.parquet')]);
    expect(parquet.code, parquet.stderr).toBe(0);
    const expected = parse(readFileSync(join(dir, 'classified.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    const rows = await parquetRows(join(dir, 'classified.parquet'));
    expect(rows).toHaveLength(expected.length);
    expect(Object.keys(rows[0]!)).toEqual(Object.keys(expected[0]!));
    rows.forEach((row, i) => {
      const want = expected[i]!;
      expect(row['household_id']).toBe(want['household_id']);
      expect(row['commune_code']).toBe(want['commune_code'] === '' ? null : want['commune_code']);
      expect(row['class']).toBe(want['class']);
      expect(row['members']).toBe(want['members'] === '' ? null : Number(want['members']));
      expect(row['income_per_capita']).toBe(want['income_per_capita'] === '' ? null : Number(want['income_per_capita']));
    });
    // Codes with leading zeros stay text.
    expect(rows.some((row) => typeof row['commune_code'] === 'string' && (row['commune_code'] as string).startsWith('0'))).toBe(true);
    // Nothing left beside the output.
    expect(readdirSync(dir).sort()).toEqual(['classified.csv', 'classified.parquet']);
  });

  it('refuses standard output, and leaves nothing when the roll fails', async () => {
    const dir = tempDir();
    const stdout = await runCli(['classify', join(ROOT, 'fixtures/demo/roll-2023.csv'), '--format', 'parquet']);
    expect(stdout.code).not.toBe(0);
    expect(stdout.stderr).toContain('Parquet');
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'x,y\n1,2\n');
    const failed = await runCli(['-q', 'classify', bad, '-o', join(dir, 'out.parquet')]);
    expect(failed.code).toBe(1);
    expect(existsSync(join(dir, 'out.parquet'))).toBe(false);
    expect(readdirSync(dir)).toEqual(['bad.csv']);
  });
});
