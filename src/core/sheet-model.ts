import type { ReadingNote } from './labels.js';
import type { RatesResult } from './rates.js';
import type { Standard } from './standard.js';

/**
 * The summary workbook as plain data: sheets of titled tables. Building it
 * is pure and testable; io/xlsx-writer.ts only renders it.
 */
export interface SummaryWorkbook {
  sheets: SummarySheet[];
}

export type CellValue = string | number | null;
export type ColumnFormat = 'text' | 'integer' | 'rate' | 'year';

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
  /** Long text (the basis sheet's reasons and assumptions) wraps within the column. */
  wrap?: boolean;
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
  /**
   * An official form: the national motto top right, the form's identity
   * ("Biểu số 7.1") under it, and the place of the date line above the
   * signatures (null: left dotted to be filled in).
   */
  official?: { form: string | null; place: string | null };
  /** Which form it is, to look its number up (FormIdentities). */
  formKey?: string;
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

/** What one input file gave and what the figures built from it rest on (the summary's first sheet). */
export interface InputFacts {
  path: string;
  sha256: string;
  bytes: number;
  households: number;
  /** Person rows folded into their household (raw rolls). */
  memberRows: number;
  rejected: number;
  skipped: number;
  /** The commonest reasons rows were rejected, most first. */
  rejectReasons: { reason: string; count: number }[];
  /** Fields the work needed that the file lacks, and what that leaves unknown. */
  missing: ReadingNote[];
  /** What was assumed to read the file (class codes, incomes in thousands, area from the unit's name), with households. */
  assumptions: (ReadingNote & { households: number })[];
  /** The title or a sheet name says the file lists only some households ("DANH SÁCH HỘ NGHÈO"). */
  list: string | null;
  /** Households read, by review year. */
  years: Map<number | null, number>;
  /** Sheets of a workbook (a text file counts one), read or passed over. */
  sheets: number;
  /** Households read that lie outside the units of `--only`: not used, and counted among the skipped rows too. */
  outside?: number;
}

export function emptyInputFacts(path: string): InputFacts {
  return {
    path,
    sha256: '',
    bytes: 0,
    households: 0,
    memberRows: 0,
    rejected: 0,
    skipped: 0,
    rejectReasons: [],
    missing: [],
    assumptions: [],
    list: null,
    years: new Map(),
    sheets: 0,
  };
}

/** Excel refuses sheet names over 31 characters or with []:*?/\ (exceljs truncates silently). */
export function sheetName(name: string): string {
  return name
    .replace(/[[\]:*?/\\]/g, ' ')
    .slice(0, 31)
    .trim();
}
