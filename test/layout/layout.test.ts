import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { allLabels } from '../../src/core/labels.js';
import { DEMO_2023, DEMO_2024, ROOT, records, runCli, tempDir } from '../support/run-cli.js';

/**
 * What an official sees: every summary printed through LibreOffice to PDF
 * and read back with pdftotext. A label or a formula cut at its cell's edge,
 * or wrapped onto the next row, prints without its end; an English word on
 * a Vietnamese form is a form that cannot be sent upward.
 */
const TRAPS = join(ROOT, 'fixtures/traps');

interface Printed {
  book: ExcelJS.Workbook;
  /** The PDF's text, one string per printed line, spaces squeezed. */
  lines: string[];
}

function tool(name: string): void {
  const found = spawnSync('sh', ['-c', `command -v ${name}`]).status === 0;
  if (!found) throw new Error(`the layout test needs ${name} (apt-get install libreoffice-calc-nogui poppler-utils)`);
}

async function print(args: string[], name: string): Promise<Printed> {
  const dir = tempDir();
  const out = join(dir, `${name}.xlsx`);
  const { code, stderr } = await runCli(['-q', ...args, '-o', out]);
  expect(code, stderr).toBe(0);
  execFileSync('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', dir, out], { stdio: 'ignore', timeout: 300_000 });
  const text = execFileSync('pdftotext', ['-layout', join(dir, `${name}.pdf`), '-'], { encoding: 'utf8' });
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(out);
  return {
    book,
    lines: text
      .split('\n')
      .map((line) => line.replace(/\s+/g, ' ').trim())
      .filter(Boolean),
  };
}

/** A registry of the given rolls, made by the built binary: its summary adds the sheet on how lasting the reduction is. */
function registryOf(...rolls: string[]): string {
  const db = join(tempDir(), 'rolls.duckdb');
  execFileSync(process.execPath, [join(ROOT, 'bin/povroll.js'), '-q', 'registry', 'add', ...rolls, '--db', db]);
  return db;
}

/** The 2016–2020 standard's health-access indicator, which the demo rolls (of 2023 and 2024) leave blank. */
const PERIOD_FIELDS = { d_health_access: '0' };

/**
 * A demo roll under another review year, every income scaled: a 2022 roll made from the 2023 one, 5 % poorer,
 * or the demo rolls as of the 2016–2021 period (blanks filled).
 */
function rollAs(source: string, year: number, incomeFactor = 1, blanksFilled: Record<string, string> = {}): string {
  const rows = records(readFileSync(source, 'utf8'));
  const header = Object.keys(rows[0]!);
  const lines = [header.join(',')];
  for (const r of rows) {
    const filled = Object.fromEntries(Object.entries(blanksFilled).filter(([column]) => r[column] === ''));
    const row: Record<string, string> = {
      ...r,
      ...filled,
      review_year: String(year),
      income_per_capita: r.income_per_capita === '' ? '' : String(Math.round(Number(r.income_per_capita) * incomeFactor)),
    };
    lines.push(header.map((c) => (/[,"]/.test(row[c]!) ? `"${row[c]!.replace(/"/g, '""')}"` : row[c])).join(','));
  }
  const path = join(tempDir(), `roll-${year}.csv`);
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}

/** The texts of a sheet's cells, and whether each may wrap (headings, titles, wrapping columns, notes). */
function cellTexts(sheet: ExcelJS.Worksheet): { text: string; wraps: boolean }[] {
  const texts: { text: string; wraps: boolean }[] = [];
  sheet.eachRow((row) => {
    row.eachCell((cell) => {
      const value = cell.value;
      const text =
        typeof value === 'string'
          ? value
          : typeof value === 'object' && value !== null && 'richText' in value
            ? value.richText.map((r) => r.text).join('')
            : null;
      if (text === null || text.trim() === '') return;
      texts.push({ text: text.replace(/\s+/g, ' ').trim(), wraps: cell.alignment?.wrapText === true || cell.isMerged });
    });
  });
  return texts;
}

/** Text that fits its cell prints whole on one line; text that wraps prints every word, its last one included. */
function cutTexts(printed: Printed): string[] {
  const all = printed.lines.join('\n');
  const words = new Set(all.split(/\s+/));
  const cut: string[] = [];
  for (const sheet of printed.book.worksheets) {
    for (const { text, wraps } of cellTexts(sheet)) {
      if (!wraps) {
        if (!printed.lines.some((line) => line.includes(text))) cut.push(`${sheet.name}: "${text}"`);
        continue;
      }
      const missing = text.split(' ').filter((word) => !words.has(word) && !all.includes(word));
      if (missing.length > 0) cut.push(`${sheet.name}: "${text}" (missing ${missing.join(', ')})`);
    }
  }
  return cut;
}

/** Words of one language's labels that the other language's labels never use. */
function wordsOnlyIn(lang: 'vi' | 'en'): Set<string> {
  const split = (texts: string[]) => new Set(texts.flatMap((t) => t.split(/[^\p{L}_]+/u)).filter((w) => w.length > 2));
  const mine = split(allLabels(lang));
  const theirs = split(allLabels(lang === 'vi' ? 'en' : 'vi'));
  return new Set([...mine].filter((word) => !theirs.has(word)));
}

/** Words of the rolls' own names: a unit, village or ethnic group is a name in any language. */
function namesOf(...paths: string[]): Set<string> {
  const names = new Set<string>();
  for (const path of paths) {
    for (const r of records(readFileSync(path, 'utf8'))) {
      for (const column of ['province', 'district', 'commune', 'village', 'ethnicity', 'poverty_cause'])
        for (const word of (r[column] ?? '').split(/\s+/)) names.add(word);
    }
  }
  return names;
}

describe('the summaries as printed', () => {
  beforeAll(() => {
    tool('soffice');
    tool('pdftotext');
  });

  const cases: [string, () => string[]][] = [
    ['demo', () => ['run', DEMO_2023, DEMO_2024]],
    ['three-years', () => ['run', rollAs(DEMO_2023, 2022, 0.95), DEMO_2023, DEMO_2024]],
    ['registry', () => ['run', '--db', registryOf(rollAs(DEMO_2023, 2022, 0.8), DEMO_2023, DEMO_2024)]],
    ['period-2016-2021', () => ['run', rollAs(DEMO_2023, 2019, 0.8, PERIOD_FIELDS), rollAs(DEMO_2024, 2020, 0.8, PERIOD_FIELDS)]],
    ['poor-list', () => ['run', join(TRAPS, 'poor-list.csv')]],
    ['count-only', () => ['run', join(TRAPS, 'district-2023.csv'), join(TRAPS, 'deprivation-count-only.csv')]],
    ['no-codes', () => ['run', join(TRAPS, 'district-2023.csv'), join(TRAPS, 'no-codes-later-roll.csv')]],
    ['villages', () => ['run', DEMO_2024, '--by', 'commune,village']],
  ];

  it.each(cases)('%s: no label or formula is cut, and no English word is on a Vietnamese sheet', async (name, args) => {
    const argv = args();
    const printed = await print(argv, name);
    expect(cutTexts(printed)).toEqual([]);
    const english = wordsOnlyIn('en');
    // A file's name is the user's, in whatever language they wrote it.
    const fileWords = argv.filter((a) => a.includes('/')).flatMap((a) => a.split(/[^\p{L}_]+/u));
    const allowed = new Set(['povroll', 'SHA', 'nd07', 'qd59', 'nd351', 'xlsx', 'csv', ...fileWords]);
    const found = new Set(printed.lines.flatMap((line) => line.split(/[^\p{L}_]+/u)).filter((word) => english.has(word) && !allowed.has(word)));
    expect([...found]).toEqual([]);
  });

  it('--lang en: no label is cut, and no Vietnamese word is left outside the names', async () => {
    const printed = await print(['--lang', 'en', 'run', DEMO_2023, DEMO_2024], 'english');
    expect(cutTexts(printed)).toEqual([]);
    const vietnamese = wordsOnlyIn('vi');
    const names = namesOf(DEMO_2023, DEMO_2024);
    // The national motto and the forms' own numbers are Vietnamese in any language; so are the legal instruments' names.
    const found = new Set(printed.lines.flatMap((line) => line.split(/[^\p{L}_]+/u)).filter((word) => vietnamese.has(word) && !names.has(word)));
    expect([...found]).toEqual([]);
  });
});
