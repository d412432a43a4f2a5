/**
 * Issue 11, item 3: minority figures both ways, labelled so they cannot be
 * confused — the share of poor (near-poor) households that are of an ethnic
 * minority, and the poor (near-poor) rate among minority households. The
 * expected figures are counted here from the synthetic roll itself.
 */
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { referenceRate } from '../support/reference.js';
import { HEADER, folderWith, records, row, runCli, tempDir } from '../support/run-cli.js';

type Kind = 'poor' | 'near_poor' | 'non_poor';
/** Minority: '1', Kinh: '0', not known: ''. */
interface Spec {
  commune: 'X' | 'Y' | 'Z';
  kind: Kind;
  minority: '1' | '0' | '';
  count: number;
}

const SPECS: Spec[] = [
  // X: every household's ethnicity known.
  { commune: 'X', kind: 'poor', minority: '1', count: 2 },
  { commune: 'X', kind: 'poor', minority: '0', count: 1 },
  { commune: 'X', kind: 'near_poor', minority: '1', count: 1 },
  { commune: 'X', kind: 'near_poor', minority: '0', count: 1 },
  { commune: 'X', kind: 'non_poor', minority: '1', count: 1 },
  { commune: 'X', kind: 'non_poor', minority: '0', count: 4 },
  // Y: one non-poor household of unknown ethnicity: the minority households of Y are not known.
  { commune: 'Y', kind: 'poor', minority: '1', count: 1 },
  { commune: 'Y', kind: 'near_poor', minority: '0', count: 1 },
  { commune: 'Y', kind: 'non_poor', minority: '0', count: 3 },
  { commune: 'Y', kind: 'non_poor', minority: '', count: 1 },
  // Z: a poor household of unknown ethnicity: neither the poor minority count nor the minority households are known.
  { commune: 'Z', kind: 'poor', minority: '', count: 1 },
  { commune: 'Z', kind: 'non_poor', minority: '0', count: 1 },
];

const COMMUNES = { X: ['00001', 'Xã Hữu'], Y: ['00002', 'Xã Yên'], Z: ['00003', 'Xã Zơ'] } as const;

interface Household {
  id: string;
  commune: 'X' | 'Y' | 'Z';
  kind: Kind;
  minority: '1' | '0' | '';
}

const HOUSEHOLDS: Household[] = SPECS.flatMap((spec, s) =>
  Array.from({ length: spec.count }, (_, i) => ({ id: `H${s}-${i}`, commune: spec.commune, kind: spec.kind, minority: spec.minority })),
);

function rollText(): string {
  const lines = HOUSEHOLDS.map((h) => {
    const [code, name] = COMMUNES[h.commune];
    // Poor: income under the rural line with 3 deprivations; near-poor: with none; non-poor: well above every line.
    const income = h.kind === 'non_poor' ? '5000000' : '1000000';
    const marks: Record<string, string> = h.kind === 'poor' ? { d_water: '1', d_latrine: '1', d_telecom: '1' } : {};
    return row({ household_id: h.id, commune_code: code, commune: name, income_per_capita: income, ethnic_minority: h.minority, ...marks });
  });
  return [HEADER, ...lines].join('\n') + '\n';
}

/** The seven minority columns of an area, counted from the roll: empty where an ethnicity they need is not known. */
function expected(households: readonly Household[]): Record<string, string> {
  const minorityKnown = households.every((h) => h.minority !== '');
  const minorityHouseholds = households.filter((h) => h.minority === '1').length;
  const figures: Record<string, string> = { minority_households: minorityKnown ? String(minorityHouseholds) : '' };
  for (const kind of ['poor', 'near_poor'] as const) {
    const ofKind = households.filter((h) => h.kind === kind);
    const known = ofKind.every((h) => h.minority !== '');
    const minority = ofKind.filter((h) => h.minority === '1').length;
    figures[`${kind}_minority`] = known ? String(minority) : '';
    figures[`${kind}_minority_share_pct`] = known ? referenceRate(minority, ofKind.length) : '';
    figures[`minority_${kind}_rate`] = known && minorityKnown ? referenceRate(minority, minorityHouseholds) : '';
  }
  return figures;
}

const MINORITY_COLUMNS = [
  'minority_households',
  'poor_minority',
  'poor_minority_share_pct',
  'minority_poor_rate',
  'near_poor_minority',
  'near_poor_minority_share_pct',
  'minority_near_poor_rate',
];

describe('minority figures in povroll rates', () => {
  it('gives both the minority share of the poor and the poor rate among minorities, at the end of the row', async () => {
    const dir = folderWith({ 'roll.csv': rollText() });
    const classified = join(dir, 'c.csv');
    expect((await runCli(['-q', 'classify', join(dir, 'roll.csv'), '-o', classified])).code).toBe(0);
    const { code, stdout, stderr } = await runCli(['rates', classified, '--by', 'commune']);
    expect(code, stderr).toBe(0);
    const header = stdout.split('\n')[0]!.split(',');
    expect(header.slice(-MINORITY_COLUMNS.length)).toEqual(MINORITY_COLUMNS);
    const rows = records(stdout);
    const byCommune = new Map(rows.filter((r) => r.level === 'commune').map((r) => [r.commune_code!, r]));
    for (const [key, [code]] of Object.entries(COMMUNES)) {
      const got = byCommune.get(code)!;
      const want = expected(HOUSEHOLDS.filter((h) => h.commune === key));
      expect(Object.fromEntries(MINORITY_COLUMNS.map((c) => [c, got[c]])), key).toEqual(want);
    }
    const total = rows.find((r) => r.level === 'total')!;
    expect(Object.fromEntries(MINORITY_COLUMNS.map((c) => [c, total[c]]))).toEqual(expected(HOUSEHOLDS));
    // The two readings differ, which is why both are there: 2 of 3 poor households of X are minority, 2 of its 4 minority households poor.
    expect(byCommune.get('00001')).toMatchObject({
      poor_minority_share_pct: '66.67',
      minority_poor_rate: '50.00',
      near_poor_minority_share_pct: '50.00',
      minority_near_poor_rate: '25.00',
    });
    expect(byCommune.get('00002')).toMatchObject({ minority_households: '', poor_minority: '1', poor_minority_share_pct: '100.00', minority_poor_rate: '' });
    expect(byCommune.get('00003')).toMatchObject({ poor_minority: '', poor_minority_share_pct: '', near_poor_minority: '0', near_poor_minority_share_pct: '' });
  });

  it('leaves the minority households and the rates among them empty for a list of poor households', async () => {
    const dir = folderWith({ 'roll.csv': rollText() });
    const classified = join(dir, 'c.csv');
    expect((await runCli(['-q', 'classify', join(dir, 'roll.csv'), '-o', classified])).code).toBe(0);
    // Keep only the poor households of X: a list, named so by --max-poor-share.
    const lines = (await import('node:fs')).readFileSync(classified, 'utf8').trim().split('\n');
    const poorOfX = lines.filter((l, i) => i === 0 || (l.includes(',00001,') && l.includes(',poor,')));
    const list = join(dir, 'list.csv');
    (await import('node:fs')).writeFileSync(list, poorOfX.join('\n') + '\n');
    const { code, stdout, stderr } = await runCli(['rates', list, '--by', 'commune']);
    expect(code, stderr).toBe(0);
    const total = records(stdout).find((r) => r.level === 'total')!;
    expect(total).toMatchObject({
      minority_households: '',
      poor_minority: '2',
      poor_minority_share_pct: '66.67',
      minority_poor_rate: '',
      near_poor_minority: '',
      minority_near_poor_rate: '',
    });
  });
});

/** Form 12 or 13 of a workbook: the numbering row (A, B, 1 …), the header texts above it, and the rows below. */
function form(book: ExcelJS.Workbook, name: string): { numbers: string[]; headers: string[]; rows: ExcelJS.CellValue[][] } {
  const sheet = book.getWorksheet(name)!;
  expect(sheet, name).toBeDefined();
  const text = (v: ExcelJS.CellValue) =>
    v === null || v === undefined ? '' : typeof v === 'object' && 'richText' in v ? v.richText.map((r) => r.text).join('') : String(v);
  const values = (r: number) => (sheet.getRow(r).values as ExcelJS.CellValue[]).slice(1);
  let at = 1;
  while (at <= sheet.rowCount && !(text(values(at)[0]) === 'A' && text(values(at)[1]) === 'B')) at += 1;
  const numbers = values(at).map(text);
  const headers = numbers.map((_, c) => [1, 2, 3].map((k) => text(values(at - k)[c])).join(' | '));
  const rows: ExcelJS.CellValue[][] = [];
  for (let r = at + 1; r <= sheet.rowCount && text(values(r)[1]) !== ''; r += 1) rows.push(values(r));
  return { numbers, headers, rows };
}

describe('minority figures in forms 12 and 13', () => {
  it('labels the rates by what they divide, and adds the minority share of the class (16 = 8/7)', async () => {
    const dir = folderWith({ 'roll.csv': rollText() });
    const out = join(tempDir(), 'summary.xlsx');
    const { code, stderr } = await runCli(['-q', 'run', join(dir, 'roll.csv'), '-o', out, '--values-only']);
    expect(code, stderr).toBe(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out);
    for (const [sheet, kind, vi] of [
      ['Biểu 12', 'poor', 'hộ nghèo'],
      ['Biểu 13', 'near_poor', 'hộ cận nghèo'],
    ] as const) {
      const f = form(book, sheet);
      const at = (number: string) => f.numbers.indexOf(number);
      expect(f.numbers.slice(-3), sheet).toEqual(['14=7/1*100', '15=8/3*100', '16=8/7*100']);
      expect(f.headers[at('14=7/1*100')]).toContain(`Tỷ lệ ${vi} trong tổng số hộ dân cư (%)`);
      expect(f.headers[at('15=8/3*100')]).toContain(`Tỷ lệ ${vi} trong tổng số hộ DTTS (%)`);
      expect(f.headers[at('16=8/7*100')]).toContain(`Tỷ lệ ${vi} DTTS trong tổng số ${vi} (%)`);
      // Commune X: every household's ethnicity known.
      const x = f.rows.find((r) => String(r[1]).startsWith('Xã Hữu'))!;
      expect(x, `${sheet}: Xã Hữu`).toBeDefined();
      const inX = HOUSEHOLDS.filter((h) => h.commune === 'X');
      const ofKind = inX.filter((h) => h.kind === kind);
      const minorityOfKind = ofKind.filter((h) => h.minority === '1').length;
      const minority = inX.filter((h) => h.minority === '1').length;
      expect(x[at('7')]).toBe(ofKind.length);
      expect(x[at('8')]).toBe(minorityOfKind);
      expect(x[at('15=8/3*100')]).toBe(Number(referenceRate(minorityOfKind, minority)));
      expect(x[at('16=8/7*100')]).toBe(Number(referenceRate(minorityOfKind, ofKind.length)));
      // Every row: column 16 is column 8 over column 7.
      for (const r of f.rows) {
        const c7 = r[at('7')] as number | null;
        const c8 = r[at('8')] as number | null;
        const c16 = r[at('16=8/7*100')] ?? null;
        expect(c16, `${sheet} ${String(r[1])}`).toBe(typeof c7 === 'number' && c7 > 0 && typeof c8 === 'number' ? Number(referenceRate(c8, c7)) : null);
      }
    }
  });

  it('writes English labels that say the same', async () => {
    const dir = folderWith({ 'roll.csv': rollText() });
    const out = join(tempDir(), 'summary.xlsx');
    expect((await runCli(['-q', 'run', join(dir, 'roll.csv'), '-o', out, '--lang', 'en'])).code).toBe(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out);
    const f = form(book, 'Form 12');
    expect(f.headers[f.numbers.indexOf('14=7/1*100')]).toContain('Share of all households that are poor (%)');
    expect(f.headers[f.numbers.indexOf('15=8/3*100')]).toContain('Share of minority households that are poor (%)');
    expect(f.headers[f.numbers.indexOf('16=8/7*100')]).toContain('Share of poor households that are of an ethnic minority (%)');
    const near = form(book, 'Form 13');
    expect(near.headers[near.numbers.indexOf('16=8/7*100')]).toContain('Share of near-poor households that are of an ethnic minority (%)');
  });

  it('writes column 16 as a live formula over columns 8 and 7', async () => {
    const dir = folderWith({ 'roll.csv': rollText() });
    const out = join(tempDir(), 'summary.xlsx');
    expect((await runCli(['-q', 'run', join(dir, 'roll.csv'), '-o', out])).code).toBe(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out);
    const f = form(book, 'Biểu 12');
    const column = (number: string) => book.getWorksheet('Biểu 12')!.getColumn(f.numbers.indexOf(number) + 1).letter;
    const x = f.rows.find((r) => String(r[1]).startsWith('Xã Hữu'))!;
    const cell = x[f.numbers.indexOf('16=8/7*100')] as { formula?: string };
    expect(cell.formula).toMatch(new RegExp(`^ROUND\\(${column('8')}\\d+/${column('7')}\\d+\\*100,2\\)$`));
  });
});
