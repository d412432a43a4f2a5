import { type Lang, label } from './labels.js';
import { type RatesResult, groupsOf } from './rates.js';
import type { Standard } from './standard.js';
import { deprivationForm, resultForm } from './forms/result-forms.js';
import { causeForm, ethnicSplitForm, ethnicityForm, targetGroupForm } from './forms/group-forms.js';
import { chartSheet } from './forms/chart-sheet.js';

/**
 * The summary workbook as plain data: sheets of titled tables. Building it
 * is pure and testable; io/xlsx-writer.ts only renders it.
 */
export interface SummaryWorkbook {
  sheets: SummarySheet[];
}

export type CellValue = string | number | null;
export type ColumnFormat = 'text' | 'integer' | 'rate';

/**
 * How a computed column follows from other columns of its row (by index), so
 * that the writer can put a live formula there: a percentage rounded to 2
 * decimals, or a sum of columns with coefficients (form 2's column 9).
 */
export type Computed = { kind: 'percent'; numerator: number; denominator: number } | { kind: 'linear'; terms: [column: number, coefficient: number][] };

export interface SummaryColumn {
  header: string;
  /** The heading above this one, merged over the neighbouring columns that share it. */
  group?: string;
  /** The form's numbering row: "A", "1", "4=3/1*100". */
  number?: string;
  computed?: Computed;
  format: ColumnFormat;
  width: number;
  align?: 'center';
}

export interface SummaryRow {
  cells: CellValue[];
  /** A unit above others (a district over its communes) is bold, as is the total. */
  style: 'area' | 'group' | 'total';
  /** The rows (indexes into the sheet's rows) whose counts add up to this row's. */
  sumOf?: number[];
}

export interface SummarySheet {
  name: string;
  title: string[];
  /** The issuing unit, top left of a form ("UBND TỈNH …"). */
  unit?: string;
  columns: SummaryColumn[];
  rows: SummaryRow[];
  /** Columns on the left that identify the row (kept in view when scrolling). */
  keyColumns: number;
  /** Lines under the table (notes), and whether a signature block follows. */
  notes?: string[];
  signature?: boolean;
  /** Bar charts of columns of this sheet's table, drawn beside it. */
  charts?: ChartSpec[];
}

/** A bar chart: one bar per table row, a series per column. */
export interface ChartSpec {
  title: string;
  /** The column holding the bars' labels, and the columns drawn. */
  categories: number;
  series: number[];
}

/** A standard named in a roll: known in full, or by id only (a classified roll from a custom standard). */
export interface StandardUsed {
  id: string;
  standard: Standard | null;
}

/** One review year's rates and the standards that classified it. */
export interface YearSummary {
  year: number | null;
  rates: RatesResult;
  standards: StandardUsed[];
}

export interface InputFacts {
  path: string;
  sha256: string;
  bytes: number;
  households: number;
  /** Person rows folded into their household (raw rolls). */
  memberRows: number;
  rejected: number;
  skipped: number;
}

export interface SummaryOptions {
  lang: Lang;
  version: string;
  /** Extra lines for the information sheet, e.g. options used. */
  settings: [string, string][];
  /** Sheets on change between review years, placed before the information sheet. */
  changeSheets?: SummarySheet[];
  /** When the summary was made (--stamp): absent, the same inputs give the same workbook. */
  stamp?: string;
}

/** Excel refuses sheet names over 31 characters or with []:*?/\ (exceljs truncates silently). */
export function sheetName(name: string): string {
  return name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31).trim();
}

export function buildSummary(years: readonly YearSummary[], inputs: readonly InputFacts[], options: SummaryOptions): SummaryWorkbook {
  const { lang } = options;
  const several = years.length > 1;
  const sheets: SummarySheet[] = [];
  for (const summary of years) {
    const yearText = summary.year === null ? label('unknownYear', lang) : String(summary.year);
    const suffix = several ? ` ${yearText}` : '';
    sheets.push(resultForm(summary, yearText, suffix, lang));
    sheets.push(deprivationForm(summary, 'poor', yearText, suffix, lang));
    sheets.push(deprivationForm(summary, 'near_poor', yearText, suffix, lang));
    sheets.push(targetGroupForm(summary, yearText, suffix, lang));
    // Forms on ethnicity and causes only where the rolls carry them.
    const all = summary.rates.total.tally;
    const split = groupsOf(all, 'all');
    if (split.kinh + split.minority > 0) sheets.push(ethnicityForm(summary, yearText, suffix, lang));
    if (groupsOf(all, 'poorGroups').byCause.some((n) => n > 0)) sheets.push(causeForm(summary, yearText, suffix, lang));
    if (split.kinh + split.minority > 0) {
      sheets.push(ethnicSplitForm(summary, 'poor', yearText, suffix, lang));
      sheets.push(ethnicSplitForm(summary, 'near_poor', yearText, suffix, lang));
    }
  }
  const charts = chartSheet(years, lang);
  if (charts !== null) sheets.push(charts);
  sheets.push(...(options.changeSheets ?? []));
  sheets.push(infoSheet(years, inputs, options));
  return { sheets };
}

/** Inputs with their SHA-256, the standards and their legal basis, counts and options — no clock time. */
function infoSheet(years: readonly YearSummary[], inputs: readonly InputFacts[], options: SummaryOptions): SummarySheet {
  const { lang } = options;
  const rows: SummaryRow[] = [];
  const add = (item: string, value: CellValue) => rows.push({ style: 'area', cells: [item, value] });
  add(label('tool', lang), `povroll ${options.version}`);
  if (options.stamp !== undefined) add(label('madeAt', lang), options.stamp);
  for (const input of inputs) {
    add(label('input', lang), input.path);
    add(`  ${label('sha256', lang)}`, input.sha256);
    add(`  ${label('bytes', lang)}`, input.bytes);
    add(`  ${label('rowsHouseholds', lang)}`, input.households);
    if (input.memberRows > 0) add(`  ${label('memberRows', lang)}`, input.memberRows);
    add(`  ${label('rowsRejected', lang)}`, input.rejected);
    add(`  ${label('rowsSkipped', lang)}`, input.skipped);
  }
  for (const summary of years) {
    add(label('reviewYear', lang), summary.year === null ? label('unknownYear', lang) : summary.year);
    for (const { id, standard } of summary.standards) {
      add(`  ${label('standardApplied', lang)}`, standard ? `${id}: ${standard.title[lang]}` : id);
      if (standard) add(`  ${label('legalBasis', lang)}`, standard.legalBasis);
    }
    add(`  ${label('households', lang)}`, summary.rates.total.households);
  }
  for (const [item, value] of options.settings) add(item, value);
  return {
    name: sheetName(label('infoSheet', lang)),
    title: [label('infoTitle', lang)],
    columns: [
      { header: label('item', lang), format: 'text', width: 34 },
      { header: label('value', lang), format: 'text', width: 80 },
    ],
    rows,
    keyColumns: 1,
  };
}
