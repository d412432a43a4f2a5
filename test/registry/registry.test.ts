import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { openXlsx } from '../../src/io/xlsx/workbook.js';
import { referenceRows } from '../support/reference-areas.js';
import { DEMO_2023, DEMO_2024, ROOT, records, runCli, tempDir } from '../support/run-cli.js';

/** Runs povroll in-process with English messages, and fails with its stderr when it does not exit as expected. */
async function povroll(args: string[], expected = 0) {
  const result = await runCli(args, { env: { POVROLL_LANG: 'en' } });
  expect(result.code, result.stderr).toBe(expected);
  return result;
}

async function sheetRows(path: string, name: string): Promise<unknown[][]> {
  const book = await openXlsx(path);
  const sheet = book.sheets.find((s) => s.name === name);
  if (sheet === undefined) throw new Error(`no sheet "${name}" in ${book.sheets.map((s) => s.name).join(', ')}`);
  const rows: unknown[][] = [];
  for await (const batch of book.rows(sheet)) rows.push(...batch.map((r) => r.cells));
  book.close();
  return rows;
}

async function listOf(db: string): Promise<Record<string, string>[]> {
  return records((await povroll(['registry', 'list', '--db', db])).stdout);
}

/** Counts by reference class, straight from a roll's CSV. */
function referenceCounts(roll: string) {
  const rows = referenceRows(roll);
  return { households: rows.length, poor: rows.filter((r) => r.class === 'poor').length, nearPoor: rows.filter((r) => r.class === 'near_poor').length };
}

/** A demo roll under another review year, every income scaled. */
function rollAs(source: string, year: number, incomeFactor: number): string {
  const rows = records(readFileSync(source, 'utf8'));
  const header = Object.keys(rows[0]!);
  const quote = (text: string) => (/[,"]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
  const lines = rows.map((r) =>
    header
      .map((c) =>
        quote(c === 'review_year' ? String(year) : c === 'income_per_capita' && r[c] !== '' ? String(Math.round(Number(r[c]) * incomeFactor)) : r[c]!),
      )
      .join(','),
  );
  const path = join(tempDir(), `roll-${year}.csv`);
  writeFileSync(path, [header.join(','), ...lines].join('\n') + '\n');
  return path;
}

describe('the registry', () => {
  it('stores each review year once, refuses it again, and swaps it with --replace', async () => {
    const db = join(tempDir(), 'rolls.duckdb');
    await povroll(['registry', 'add', DEMO_2023, DEMO_2024, '--db', db]);
    const listed = await listOf(db);
    for (const [roll, year] of [
      [DEMO_2023, '2023'],
      [DEMO_2024, '2024'],
    ] as const) {
      const expected = referenceCounts(roll);
      const row = listed.find((r) => r.year === year)!;
      expect([row.households, row.poor, row.near_poor].map(Number)).toEqual([expected.households, expected.poor, expected.nearPoor]);
    }
    const again = await povroll(['registry', 'add', DEMO_2024, '--db', db], 1);
    expect(again.stderr).toMatch(/review year 2024 .*already there.*--replace/);
    expect(await listOf(db)).toEqual(listed);
    const poorer = rollAs(DEMO_2024, 2024, 0.5);
    await povroll(['registry', 'add', poorer, '--db', db, '--replace']);
    const replaced = (await listOf(db)).find((r) => r.year === '2024')!;
    expect(Number(replaced.poor)).toBe(referenceCounts(poorer).poor);
    expect(replaced.files).toBe(poorer);
  });

  it('gives compare the same output read from the registry as from the files', async () => {
    const db = join(tempDir(), 'rolls.duckdb');
    await povroll(['registry', 'add', DEMO_2023, DEMO_2024, '--db', db]);
    const fromFiles = await povroll(['compare', DEMO_2023, DEMO_2024, '--by', 'district,commune']);
    const fromRegistry = await povroll(['compare', '--db', db, '--by', 'district,commune']);
    expect(fromRegistry.stdout).toBe(fromFiles.stdout);
    expect(fromRegistry.stdout.split('\n').length).toBeGreaterThan(10);
  });

  it('refuses a year given both as a file and in the registry', async () => {
    const db = join(tempDir(), 'rolls.duckdb');
    await povroll(['registry', 'add', DEMO_2024, '--db', db]);
    const out = join(tempDir(), 'summary.xlsx');
    const both = await povroll(['run', DEMO_2024, '--db', db, '-o', out], 1);
    expect(both.stderr).toMatch(/review year 2024 is already in registry/);
    expect(existsSync(out)).toBe(false);
  });

  it('counts how lasting escapes are, as the households followed by code say', async () => {
    const y2022 = rollAs(DEMO_2023, 2022, 0.8);
    const rolls = [y2022, DEMO_2023, DEMO_2024];
    const db = join(tempDir(), 'rolls.duckdb');
    await povroll(['registry', 'add', ...rolls, '--db', db]);
    const history = join(tempDir(), 'history.csv');
    const { stdout } = await povroll(['durability', '--db', db, '--by', 'district', '--history', history]);
    // Independently: each household's reference class in each year, followed by code.
    const classes = rolls.map((roll) => new Map(referenceRows(roll).map((r) => [r.row.household_id!, r.class])));
    const [c22, c23, c24] = classes as [Map<string, string>, Map<string, string>, Map<string, string>];
    const escaped = [...c23].filter(([id, c]) => c22.get(id) === 'poor' && ['near_poor', 'average', 'non_poor'].includes(c)).map(([id]) => id);
    const followed = escaped.filter((id) => c24.has(id));
    const poorAgain = followed.filter((id) => c24.get(id) === 'poor');
    const total = records(stdout).find((r) => r.level === 'total' && r.escape_year === '2023' && r.later_year === '2024')!;
    expect([total.escaped, total.followed, total.poor_again].map(Number)).toEqual([escaped.length, followed.length, poorAgain.length]);
    expect(escaped.length).toBeGreaterThan(0);
    const poor24 = [...c24].filter(([, c]) => c === 'poor').map(([id]) => id);
    const continuing = poor24.filter((id) => c23.get(id) === 'poor');
    const reEntered = poor24.filter((id) => c23.get(id) !== 'poor' && c22.get(id) === 'poor');
    const last = records(readFileSync(history, 'utf8')).find((r) => r.level === 'total' && r.year === '2024')!;
    expect([last.poor, last.poor_continuing, last.poor_re_entered, last.poor_first_time].map(Number)).toEqual([
      poor24.length,
      continuing.length,
      reEntered.length,
      poor24.length - continuing.length - reEntered.length,
    ]);
    // The first stored year has no year before it: where its poor come from is not known.
    const first = records(readFileSync(history, 'utf8')).find((r) => r.level === 'total' && r.year === '2022')!;
    expect([first.poor_continuing, first.poor_re_entered, first.poor_first_time]).toEqual(['', '', '']);
  });

  it('writes the summary with the sheet on how lasting the reduction is', async () => {
    const db = join(tempDir(), 'rolls.duckdb');
    const y2022 = rollAs(DEMO_2023, 2022, 0.8);
    await povroll(['registry', 'add', y2022, DEMO_2023, DEMO_2024, '--db', db]);
    const out = join(tempDir(), 'summary.xlsx');
    await povroll(['run', '--db', db, '-o', out]);
    const rows = await sheetRows(out, 'Bền vững giảm nghèo');
    const history = join(tempDir(), 'history.csv');
    const { stdout } = await povroll(['durability', '--db', db, '--by', 'district', '--history', history]);
    const last = records(readFileSync(history, 'utf8')).find((r) => r.level === 'total' && r.year === '2024')!;
    const escapes = records(stdout).find((r) => r.level === 'total' && r.escape_year === '2023' && r.later_year === '2024')!;
    const total = rows.find((cells) => cells[1] === 'Tổng cộng' || cells[1] === 'TỔNG CỘNG' || cells[1] === 'Tổng số')!;
    expect(total, JSON.stringify(rows.slice(-6))).toBeDefined();
    expect(total.slice(2, 6)).toEqual([last.poor, last.poor_continuing, last.poor_re_entered, last.poor_first_time].map(Number));
    expect(total.slice(7, 10)).toEqual([escapes.escaped, escapes.followed, escapes.poor_again].map(Number));
    // The change sheets read from the registry are those read from the files.
    const fromFiles = join(tempDir(), 'summary.xlsx');
    await povroll(['run', y2022, DEMO_2023, DEMO_2024, '-o', fromFiles]);
    for (const name of ['Thay đổi tỷ lệ 23-24', 'Diễn biến hộ nghèo 23-24', 'Diễn biến hộ cận nghèo 22-23', 'Biểu 01 2024']) {
      expect(await sheetRows(out, name), name).toEqual(await sheetRows(fromFiles, name));
    }
  });

  it('exports the stored households, typed, without names unless asked', async () => {
    const db = join(tempDir(), 'rolls.duckdb');
    await povroll(['registry', 'add', DEMO_2023, DEMO_2024, '--db', db]);
    const out = join(tempDir(), 'households.parquet');
    await povroll(['registry', 'export', '--db', db, '-o', out, '--year', '2024']);
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    const reader = await connection.runAndReadAll(
      `SELECT count(*)::INTEGER AS n, sum(members)::INTEGER AS persons, count(DISTINCT year)::INTEGER AS years FROM '${out}'`,
    );
    const [row] = reader.getRowObjectsJS();
    const rows = records(readFileSync(DEMO_2024, 'utf8'));
    expect(row).toEqual({ n: rows.length, persons: rows.reduce((n, r) => n + Number(r.members), 0), years: 1 });
    const columns = (await connection.runAndReadAll(`DESCRIBE SELECT * FROM '${out}'`)).getRowObjectsJS().map((r) => r['column_name']);
    expect(columns).not.toContain('head_name');
    connection.closeSync();
    instance.closeSync();
  });
});

describe('an add that does not finish', () => {
  const BIN = join(ROOT, 'bin/povroll.js');

  /**
   * Feeds a roll on stdin and leaves the pipe open: the add is then under
   * way, waiting for more households. The demo roll four times over (codes
   * made distinct) is more than one data chunk of households, so some have
   * been appended to the database when the process is stopped.
   */
  function addFromOpenPipe(db: string, roll: string): ChildProcess {
    const child = spawn(process.execPath, [BIN, 'registry', 'add', '-', '--db', db], {
      stdio: ['pipe', 'ignore', 'pipe'],
      env: { ...process.env, POVROLL_LANG: 'en' },
    });
    const [header, ...lines] = readFileSync(roll, 'utf8').trimEnd().split('\n');
    const copies = [0, 1, 2, 3].flatMap((copy) => lines.map((line) => line.replace(/^([^,]+),/, `$1-${copy},`)));
    child.stdin!.write([header, ...copies].join('\n') + '\n');
    return child;
  }

  /**
   * Waits until the process has used no CPU for a while: it has read and
   * appended every household written so far and waits on the open pipe.
   */
  async function idle(pid: number): Promise<void> {
    const cpu = () => readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ').slice(11, 13).join(' ');
    let last = '';
    let still = 0;
    for (let polls = 0; polls < 300 && still < 5; polls += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const now = cpu();
      still = now === last ? still + 1 : 0;
      last = now;
    }
    expect(still, 'the add kept working instead of waiting for more households').toBe(5);
  }

  for (const signal of ['SIGKILL', 'SIGINT'] as const) {
    it(`leaves the registry as it was when the process gets ${signal} mid-add`, async () => {
      const db = join(tempDir(), 'rolls.duckdb');
      await povroll(['registry', 'add', DEMO_2023, '--db', db]);
      const before = await listOf(db);
      const child = addFromOpenPipe(db, DEMO_2024);
      const ended = new Promise<{ code: number | null; signal: string | null }>((resolve) => child.once('exit', (code, sig) => resolve({ code, signal: sig })));
      await idle(child.pid!);
      expect(child.exitCode, 'the add ended before it was interrupted').toBeNull();
      child.kill(signal);
      const end = await ended;
      expect(end.code === 0).toBe(false);
      expect(await listOf(db)).toEqual(before);
      // And the registry still takes the year.
      await povroll(['registry', 'add', DEMO_2024, '--db', db]);
      expect((await listOf(db)).map((r) => r.year)).toEqual(['2023', '2024']);
    });
  }
});
