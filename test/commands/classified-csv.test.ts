/**
 * compare lets DuckDB read a classified roll whole when every row of it is
 * plain (pipeline/classified-csv.ts); anything else goes through the
 * household pipeline. Either way the output must be the pipeline's: each
 * case runs twice, once with POVROLL_NO_DUCKDB_READ=1, and the two runs must
 * agree byte for byte — output file, exit code and messages — while the
 * verbose line shows which way each roll went.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeSyntheticRoll } from '../../scripts/write-synthetic-roll.js';
import { runCli, tempDir } from '../support/run-cli.js';

const DIRECT = 'read whole by DuckDB';
let dir: string;
let before: string;
let after: string;
/** The canonical rolls the classified ones came from. */
let rolls: string[];

beforeAll(async () => {
  dir = tempDir();
  rolls = [join(dir, 'roll-2024.csv'), join(dir, 'roll-2025.csv')];
  await writeSyntheticRoll(rolls[0]!, 3000, 2024, 7);
  await writeSyntheticRoll(rolls[1]!, 3000, 2025, 7, 1.08);
  [before, after] = ['2024', '2025'].map((year) => join(dir, `classified-${year}.csv`)) as [string, string];
  for (const [k, out] of [before, after].entries()) {
    const classified = await runCli(['-q', 'classify', rolls[k]!, '-o', out]);
    expect(classified.code, classified.stderr).toBe(0);
  }
}, 60_000);

/** compare of the two files (or of what `extra` gives), both ways: what each wrote and said. */
async function bothWays(first: string | undefined, second: string | undefined, extra: string[] = []) {
  const run = async (env: Record<string, string>, name: string) => {
    const out = join(dir, name);
    const files = [first, second].filter((file): file is string => file !== undefined);
    const result = await runCli(['--verbose', 'compare', ...files, '--by', 'district,commune,village', ...extra, '-o', out], { env });
    let written = '';
    try {
      written = readFileSync(out, 'utf8');
    } catch {
      // Nothing written: the run stopped, as its messages say.
    }
    return { ...result, written };
  };
  const direct = await run({}, 'direct.csv');
  const pipeline = await run({ POVROLL_NO_DUCKDB_READ: '1' }, 'pipeline.csv');
  return { direct, pipeline };
}

/** The messages of a run without the verbose line naming DuckDB, and without timings. */
const said = (stderr: string) =>
  stderr
    .split('\n')
    .filter((line) => !line.includes(DIRECT))
    .join('\n');

/** A copy of the classified roll of 2025 (or `source`) with `change` made to its lines (0 the header). */
function variant(name: string, change: (lines: string[]) => string[], source = after): string {
  const lines = readFileSync(source, 'utf8').split('\n');
  const file = join(dir, name);
  writeFileSync(file, change(lines).join('\n'));
  return file;
}

/** Sets one cell (by column name) of data line `at`. */
function withCell(lines: string[], at: number, column: string, value: string): string[] {
  const position = lines[0]!.split(',').indexOf(column);
  expect(position, column).toBeGreaterThanOrEqual(0);
  const cells = lines[at]!.split(',');
  cells[position] = value;
  return lines.map((line, i) => (i === at ? cells.join(',') : line));
}

describe('compare reading plain classified rolls through DuckDB', () => {
  it('gives the pipeline’s flows and rates, byte for byte, on rolls classify wrote', async () => {
    const { direct, pipeline } = await bothWays(before, after, ['--span']);
    expect(direct.code, direct.stderr).toBe(0);
    expect(direct.stderr.split(DIRECT).length - 1).toBe(2);
    expect(pipeline.stderr).not.toContain(DIRECT);
    // Not an empty agreement: households escaped and fell into poverty in the total.
    const total = direct.written.split('\n').find((line) => line.startsWith('total,'));
    expect(total).toBeDefined();
    expect(direct.written).toBe(pipeline.written);
    expect(said(direct.stderr)).toBe(said(pipeline.stderr));
  });

  const cases: [string, (lines: string[]) => string[], 'direct' | 'pipeline'][] = [
    ['Windows line ends', (lines) => lines.map((line) => (line === '' ? line : `${line}\r`)), 'direct'],
    ['a place name in decomposed Unicode', (lines) => lines.map((line, i) => (i === 0 ? line : line.replace('Tỉnh', 'Tỉnh'.normalize('NFD')))), 'direct'],
    ['a padded member count', (lines) => withCell(lines, 5, 'members', ' 3'), 'pipeline'],
    ['a member count written "4.0"', (lines) => withCell(lines, 7, 'members', '4.0'), 'pipeline'],
    ['a household of 0 members', (lines) => withCell(lines, 9, 'members', '0'), 'pipeline'],
    ['an income under 1,000 đồng', (lines) => withCell(lines, 11, 'income_per_capita', '950'), 'pipeline'],
    ['a mark that is neither 1 nor 0', (lines) => withCell(lines, 13, 'd_water', '2'), 'pipeline'],
    ['an unknown class', (lines) => withCell(lines, 15, 'class', 'rich'), 'pipeline'],
    ['an unknown indicator in the deprived list', (lines) => withCell(lines, 17, 'deprived', 'water;sky'), 'pipeline'],
    ['a household of another year', (lines) => withCell(lines, 19, 'review_year', '2023'), 'pipeline'],
    ['a household without a code', (lines) => withCell(lines, 21, 'household_id', ''), 'pipeline'],
    ['a code written twice', (lines) => withCell(lines, 23, 'household_id', lines[22]!.split(',')[0]!), 'direct'],
    ['a blank line', (lines) => [...lines.slice(0, 30), '', ...lines.slice(30)], 'pipeline'],
    ['a quoted name over two lines', (lines) => withCell(lines, 31, 'head_name', '"Nguyễn\nThị Thử"'), 'pipeline'],
    ['a short row', (lines) => lines.map((line, i) => (i === 33 ? line.split(',').slice(0, 10).join(',') : line)), 'pipeline'],
    // The pipeline takes a head this full of zero bytes for UTF-16.
    ['zero bytes near the start', (lines) => withCell(lines, 1, 'head_name', '\0'.repeat(1200)), 'pipeline'],
    ['a byte-order mark', (lines) => [`\ufeff${lines[0]}`, ...lines.slice(1)], 'pipeline'],
    ['a column povroll does not know', (lines) => lines.map((line, i) => (i === 0 ? `${line},note` : line === '' ? line : `${line},x`)), 'pipeline'],
  ];
  for (const [name, change, way] of cases) {
    it(`agrees with the pipeline on ${name} (read by ${way === 'direct' ? 'DuckDB' : 'the pipeline'})`, async () => {
      const file = variant(`${name.replace(/\W+/g, '-')}.csv`, change);
      const { direct, pipeline } = await bothWays(before, file);
      expect(direct.stderr.includes(`${file}: a plain classified roll, ${DIRECT}`), direct.stderr).toBe(way === 'direct');
      expect(direct.code).toBe(pipeline.code);
      expect(direct.written).toBe(pipeline.written);
      expect(said(direct.stderr)).toBe(said(pipeline.stderr));
    });
  }

  it('spells places as the pipeline does, in NFC, when a roll that names them first is decomposed', async () => {
    // The roll read first gives each place its spelling: the decomposed one comes first here.
    const file = variant('decomposed-2024.csv', (lines) => lines.map((line, i) => (i === 0 ? line : line.replace('Tỉnh', 'Tỉnh'.normalize('NFD')))), before);
    const { direct, pipeline } = await bothWays(file, after);
    expect(direct.stderr).toContain(`${file}: a plain classified roll, ${DIRECT}`);
    expect(direct.code, direct.stderr).toBe(0);
    expect(direct.written).toContain('Tỉnh'.normalize('NFC'));
    expect(direct.written).toBe(pipeline.written);
  });

  it('reads the years of a registry through DuckDB too, with the output of the classified files', async () => {
    const db = join(dir, 'rolls.duckdb');
    const added = await runCli(['-q', 'registry', 'add', ...rolls, '--db', db]);
    expect(added.code, added.stderr).toBe(0);
    const { direct, pipeline } = await bothWays(undefined, undefined, ['--db', db]);
    expect(direct.code, direct.stderr).toBe(0);
    for (const year of [2024, 2025]) expect(direct.stderr).toContain(`${db}#${year}: a plain classified roll, ${DIRECT}`);
    expect(direct.written).toBe(pipeline.written);
    expect(said(direct.stderr)).toBe(said(pipeline.stderr));
    const files = await bothWays(before, after);
    expect(direct.written).toBe(files.direct.written);
  });

  it('leaves a stored year that is not plain to the pipeline, with the same output', async () => {
    const padded = variant('padded-2025.csv', (lines) => withCell(lines, 5, 'members', ' 3'), rolls[1]!);
    const db = join(dir, 'padded.duckdb');
    const added = await runCli(['-q', 'registry', 'add', rolls[0]!, padded, '--db', db]);
    expect(added.code, added.stderr).toBe(0);
    const { direct, pipeline } = await bothWays(undefined, undefined, ['--db', db]);
    expect(direct.code, direct.stderr).toBe(0);
    expect(direct.stderr).toContain(`${db}#2024: a plain classified roll, ${DIRECT}`);
    expect(direct.stderr).not.toContain(`${db}#2025: a plain classified roll`);
    expect(direct.written).toBe(pipeline.written);
    expect(said(direct.stderr)).toBe(said(pipeline.stderr));
  });

  it('reads a stray invalid byte as the pipeline does', async () => {
    const file = join(dir, 'latin1.csv');
    const bytes = readFileSync(after);
    const at = bytes.indexOf('Tỉnh');
    writeFileSync(file, Buffer.concat([bytes.subarray(0, at), Buffer.from([0xe9]), bytes.subarray(at + 1)]));
    const { direct, pipeline } = await bothWays(before, file);
    expect(direct.stderr).not.toContain(`${file}: a plain classified roll`);
    expect(direct.code).toBe(pipeline.code);
    expect(direct.written).toBe(pipeline.written);
  });
});
