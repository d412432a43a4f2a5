import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { INDICATOR_CODES } from '../../src/core/indicators.js';
import { DEMO_2023, DEMO_2024, HEADER, ROOT, folderWith, row, runCli, tempDir } from '../support/run-cli.js';

/**
 * The column tables of docs/ against what the commands write: every column a
 * command writes is documented, and every documented column is written. The
 * commands run in-process on the demo rolls, with the options that add
 * columns (every level, targets, moves), and their header lines are compared
 * with the first column of the documented tables.
 */

const DOCS = join(ROOT, 'docs');
const ALL_LEVELS = 'province,district,commune,village';
const TARGETS = join(ROOT, 'examples/targets-lang-son-2021-2025.json');

/** The ids compare gives the entries of a targets file: their indicator codes joined with `_and_`. */
function targetIds(path: string): string[] {
  const json = JSON.parse(readFileSync(path, 'utf8')) as { poor_households_not_deprived?: { indicators: string[] }[] };
  return (json.poor_households_not_deprived ?? []).map((entry) => entry.indicators.join('_and_'));
}

/** The tables of one section of a markdown file (from its heading to the next heading), each as the names in its first column. */
function sectionTables(file: string, heading: string): string[][] {
  const lines = readFileSync(join(DOCS, file), 'utf8').split('\n');
  const start = lines.indexOf(heading);
  if (start < 0) throw new Error(`docs/${file} has no heading "${heading}"`);
  const tables: string[][] = [];
  let table: string[] | null = null;
  let position = 0;
  for (const line of lines.slice(start + 1)) {
    if (/^#{1,6} /.test(line)) break;
    if (!line.startsWith('|')) {
      table = null;
      continue;
    }
    const first = line.split('|')[1]!.trim();
    if (table === null) {
      table = [];
      tables.push(table);
      position = 0;
      if (first !== 'column') throw new Error(`docs/${file}, "${heading}": a column table starts with the heading "column", found "${first}"`);
    } else if (position >= 2) {
      const name = /^`([^`]+)`$/.exec(first);
      if (name === null) throw new Error(`docs/${file}, "${heading}": each row names one column in backticks, found "${first}"`);
      table.push(name[1]!);
    }
    position += 1;
  }
  if (tables.length === 0) throw new Error(`docs/${file}, "${heading}": no table`);
  return tables;
}

/**
 * Documented names with their patterns expanded, in table order:
 * `<indicator>` is each indicator code, `<id>` each target id of the run,
 * `<flow>` each documented column from `poor_start` to `near_poor_end`.
 * Consecutive rows of the same pattern are a group written once per value
 * (the three columns of each target).
 */
function expand(names: readonly string[], ids: readonly string[] = []): string[] {
  const flows = names.slice(names.indexOf('poor_start'), names.indexOf('near_poor_end') + 1);
  const values: Record<string, readonly string[]> = { indicator: INDICATOR_CODES, id: ids, flow: flows };
  const placeholderOf = (name: string) => /<([a-z]+)>/.exec(name)?.[1];
  const expanded: string[] = [];
  for (let i = 0; i < names.length; ) {
    const placeholder = placeholderOf(names[i]!);
    if (placeholder === undefined) {
      expanded.push(names[i]!);
      i += 1;
      continue;
    }
    let end = i + 1;
    while (end < names.length && placeholderOf(names[end]!) === placeholder) end += 1;
    const list = values[placeholder];
    if (list === undefined || list.length === 0) throw new Error(`no values for the pattern "${names[i]}"`);
    for (const value of list) for (const name of names.slice(i, end)) expanded.push(name.replace(`<${placeholder}>`, value));
    i = end;
  }
  return expanded;
}

/** Both directions, named: what is written but not documented, and what is documented but not written; then the order. */
function expectSameColumns(written: readonly string[], documented: readonly string[]): void {
  expect(new Set(documented).size, 'a column is documented twice').toBe(documented.length);
  const undocumented = written.filter((c) => !documented.includes(c));
  const unwritten = documented.filter((c) => !written.includes(c));
  expect(undocumented, 'written but not documented').toEqual([]);
  expect(unwritten, 'documented but not written').toEqual([]);
  expect([...written], 'in the documented order').toEqual([...documented]);
}

function headerOf(csv: string): string[] {
  const first = csv.split('\n')[0]!;
  expect(first, 'the output has a header line').not.toBe('');
  // Column names never need quoting.
  return first.split(',');
}

function ok(result: { code: number; stderr: string }): void {
  expect(result.code, result.stderr).toBe(0);
}

describe('the columns the docs name are the columns the commands write', () => {
  const work = tempDir();
  const classified = join(work, 'classified-2024.csv');

  beforeAll(async () => {
    ok(await runCli(['classify', DEMO_2024, '-o', classified]));
  });

  it('ingest: the canonical roll of docs/roll.md and docs/outputs.md', async () => {
    const result = await runCli(['ingest', DEMO_2024]);
    ok(result);
    const written = headerOf(result.stdout);
    const [roll] = sectionTables('roll.md', '## Columns');
    expectSameColumns(written, expand(roll!));
    const [output] = sectionTables('outputs.md', '## ingest');
    expectSameColumns(written, expand(output!));
  });

  it('classify: the columns it adds to the input roll', async () => {
    const result = await runCli(['classify', DEMO_2024]);
    ok(result);
    const input = headerOf(readFileSync(DEMO_2024, 'utf8'));
    const written = headerOf(result.stdout);
    expect(written.slice(0, input.length), 'the input columns first, as they were').toEqual(input);
    const [added] = sectionTables('outputs.md', '## classify');
    expectSameColumns(written.slice(input.length), expand(added!));
  });

  it('rates, at every level', async () => {
    const result = await runCli(['rates', classified, '--by', ALL_LEVELS]);
    ok(result);
    const [documented] = sectionTables('outputs.md', '## rates');
    expectSameColumns(headerOf(result.stdout), expand(documented!));
  });

  it('compare, at every level, with targets and moves', async () => {
    const moves = join(work, 'moves.csv');
    const result = await runCli(['compare', DEMO_2023, DEMO_2024, '--by', ALL_LEVELS, '--targets', TARGETS, '--moves', moves]);
    ok(result);
    const [main, targets] = sectionTables('outputs.md', '## compare');
    expect(targets, 'the compare section has a table of the target columns').toBeDefined();
    expectSameColumns(headerOf(result.stdout), expand([...main!, ...targets!], targetIds(TARGETS)));
    const [moveColumns] = sectionTables('outputs.md', '## compare --moves');
    expectSameColumns(headerOf(readFileSync(moves, 'utf8')), expand(moveColumns!));
  });

  it('compare without targets writes no target column', async () => {
    const result = await runCli(['compare', DEMO_2023, DEMO_2024, '--by', ALL_LEVELS]);
    ok(result);
    const [main] = sectionTables('outputs.md', '## compare');
    expectSameColumns(headerOf(result.stdout), expand(main!));
  });

  it('check, on a summary run writes', async () => {
    const summary = join(work, 'summary.xlsx');
    ok(await runCli(['run', DEMO_2023, DEMO_2024, '-o', summary]));
    const result = await runCli(['check', summary]);
    ok(result);
    const [documented] = sectionTables('outputs.md', '## check');
    expectSameColumns(headerOf(result.stdout), expand(documented!));
  });

  it('the registry: list, export, durability and its history', async () => {
    const db = join(work, 'rolls.duckdb');
    ok(await runCli(['registry', 'add', DEMO_2023, DEMO_2024, '--db', db]));
    const list = await runCli(['registry', 'list', '--db', db]);
    ok(list);
    expectSameColumns(headerOf(list.stdout), expand(sectionTables('outputs.md', '## registry list')[0]!));
    const exported = join(work, 'households.csv');
    ok(await runCli(['registry', 'export', '--db', db, '-o', exported]));
    const [place] = sectionTables('outputs.md', '## registry export');
    const [roll] = sectionTables('roll.md', '## Columns');
    const [added] = sectionTables('outputs.md', '## classify');
    const documented = [...place!, ...expand(roll!).filter((c) => c !== 'head_name'), ...expand(added!)];
    expectSameColumns(headerOf(readFileSync(exported, 'utf8')), documented);
    const history = join(work, 'history.csv');
    const durability = await runCli(['durability', '--db', db, '--by', ALL_LEVELS, '--history', history]);
    ok(durability);
    expectSameColumns(headerOf(durability.stdout), expand(sectionTables('outputs.md', '## durability')[0]!));
    expectSameColumns(headerOf(readFileSync(history, 'utf8')), expand(sectionTables('outputs.md', '## durability --history')[0]!));
  });

  it('the reject list', async () => {
    const folder = folderWith({ 'roll.csv': [HEADER, row(), row({ household_id: 'H2', members: 'four' })].join('\n') + '\n' });
    const rejects = join(folder, 'rejects.csv');
    ok(await runCli(['classify', 'roll.csv', '--rejects', rejects, '--max-rejected', '100', '-o', 'classified.csv'], { cwd: folder }));
    const written = headerOf(readFileSync(rejects, 'utf8'));
    expect(
      readFileSync(rejects, 'utf8')
        .split('\n')
        .filter((line) => line !== '').length,
      'one rejected row',
    ).toBe(2);
    const [documented] = sectionTables('outputs.md', '## Reject lists (`--rejects FILE`)');
    expectSameColumns(written, expand(documented!));
  });
});

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces to hyphens. */
function anchorOf(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

function anchorsIn(path: string): Set<string> {
  const text = readFileSync(path, 'utf8').replace(/```[\s\S]*?```/g, '');
  return new Set([...text.matchAll(/^#{1,6} (.+)$/gm)].map((m) => anchorOf(m[1]!)));
}

describe('the documentation stands on its own', () => {
  const pages = [
    join(ROOT, 'README.md'),
    ...readdirSync(DOCS)
      .filter((name) => name.endsWith('.md'))
      .map((name) => join(DOCS, name)),
  ];

  it('names no folder outside the repository', () => {
    for (const page of pages) expect(readFileSync(page, 'utf8'), page).not.toMatch(/\.\.\/shared|shared\/(spec|notes)/);
  });

  it('links only to files and headings that exist', () => {
    for (const page of pages) {
      const text = readFileSync(page, 'utf8').replace(/```[\s\S]*?```/g, '');
      for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z]+:/.test(target!)) continue;
        const [file, anchor] = target!.split('#') as [string, string | undefined];
        const path = file === '' ? page : resolve(dirname(page), file);
        expect(existsSync(path), `${page}: link to ${target}`).toBe(true);
        if (anchor !== undefined && path.endsWith('.md')) expect(anchorsIn(path).has(anchor), `${page}: anchor of ${target}`).toBe(true);
      }
    }
  });
});
