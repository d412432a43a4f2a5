import { type Level, columnsThrough, locationValue } from './areas.js';
import { INDICATOR_CODES, INDICATOR_INDEX, indicatorBit } from './indicators.js';
import { type Lang, type LabelKey, label, levelLabel } from './labels.js';
import { percent } from './numbers.js';
import type { AreaRates, RatesResult } from './rates.js';
import type { Standard } from './standard.js';
import type { Location } from './household.js';

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
    for (const level of summary.rates.levels) {
      sheets.push(resultSheet(summary, level, yearText, suffix, lang));
    }
    const deepest = summary.rates.levels[summary.rates.levels.length - 1];
    if (deepest !== undefined) sheets.push(deprivationSheet(summary, deepest, yearText, suffix, lang));
  }
  sheets.push(...(options.changeSheets ?? []));
  sheets.push(infoSheet(years, inputs, options));
  return { sheets };
}

/** Location columns of a level: code and name of each unit from the province down. */
export function locationColumns(level: Level, lang: Lang): { header: string; key: ReturnType<typeof columnsThrough>[number]; width: number }[] {
  const headers: Record<string, LabelKey> = {
    province_code: 'provinceCode',
    province: 'province',
    district_code: 'districtCode',
    district: 'district',
    commune_code: 'communeCode',
    commune: 'commune',
    village: 'village',
  };
  return columnsThrough(level).map((key) => ({
    header: label(headers[key]!, lang),
    key,
    width: key.endsWith('_code') ? 10 : 22,
  }));
}

function locationCells(area: AreaRates, level: Level, lang: Lang): CellValue[] {
  return placeCells(area.tally.location, area.tally.level, level, lang);
}

/** The location cells of a row on a sheet of `level`: the total row says so in its name column. */
export function placeCells(location: Location, rowLevel: Level | 'total', level: Level, lang: Lang): CellValue[] {
  const columns = columnsThrough(level);
  if (rowLevel === 'total') return columns.map((_, i) => (i === 1 ? label('total', lang) : null));
  return columns.map((key) => locationValue(location, key) || (key.endsWith('_code') ? null : label('noName', lang)));
}

function standardsLine(standards: readonly StandardUsed[], lang: Lang): string {
  const names = standards.map((s) => (s.standard ? `${s.id} (${s.standard.legalBasis.split(',')[0]})` : s.id)).join('; ');
  return `${label('standardApplied', lang)}: ${names || '—'}`;
}

/** Form 1 in its first version: households, persons, poor and near-poor with rates, per area of one level. */
function resultSheet(summary: YearSummary, level: Level, yearText: string, suffix: string, lang: Lang): SummarySheet {
  const location = locationColumns(level, lang);
  const measure = (key: LabelKey, format: ColumnFormat): SummaryColumn => ({
    header: label(key, lang),
    format,
    width: format === 'rate' ? 11 : 12,
  });
  const columns: SummaryColumn[] = [
    ...location.map((c) => ({ header: c.header, format: 'text' as const, width: c.width })),
    measure('households', 'integer'),
    measure('persons', 'integer'),
    measure('poor', 'integer'),
    measure('poorRate', 'rate'),
    measure('nearPoor', 'integer'),
    measure('nearPoorRate', 'rate'),
    measure('multidim', 'integer'),
    measure('multidimRate', 'rate'),
    measure('average', 'integer'),
    measure('averageRate', 'rate'),
    measure('unclassified', 'integer'),
    measure('poorPersons', 'integer'),
    measure('poorPersonsRate', 'rate'),
    measure('nearPoorPersons', 'integer'),
    measure('nearPoorPersonsRate', 'rate'),
  ];
  const areas = summary.rates.areas.filter((a) => a.tally.level === level);
  const row = (area: AreaRates): SummaryRow => {
    const t = area.tally;
    return {
      style: t.level === 'total' ? 'total' : 'area',
      cells: [
        ...locationCells(area, level, lang),
        area.households,
        area.persons,
        t.poor,
        percent(t.poor, area.households),
        t.nearPoor,
        percent(t.nearPoor, area.households),
        t.poor + t.nearPoor,
        percent(t.poor + t.nearPoor, area.households),
        t.average,
        percent(t.average, area.households),
        t.unclassified,
        t.poorPersons,
        percent(t.poorPersons, area.persons),
        t.nearPoorPersons,
        percent(t.nearPoorPersons, area.persons),
      ],
    };
  };
  return {
    name: sheetName(levelLabel(level, lang) + suffix),
    title: [
      label('resultTitle', lang, { year: yearText }),
      label('byLevel', lang, { level: levelLabel(level, lang).toLowerCase() }),
      standardsLine(summary.standards, lang),
    ],
    columns,
    rows: [...areas.map(row), row(summary.rates.total)],
    keyColumns: location.length,
  };
}

/** Deprivations of poor households (forms 4–5): count and share for each indicator of the standard. */
function deprivationSheet(summary: YearSummary, level: Level, yearText: string, suffix: string, lang: Lang): SummarySheet {
  const location = locationColumns(level, lang);
  const used = INDICATOR_CODES.filter((code) => summary.rates.total.tally.indicatorMask & indicatorBit(code));
  const indicatorLabel = (code: (typeof INDICATOR_CODES)[number]) => {
    for (const { standard } of summary.standards) {
      const found = standard?.indicators.find((i) => i.code === code);
      if (found) return found.label[lang];
    }
    return code;
  };
  const columns: SummaryColumn[] = [
    ...location.map((c) => ({ header: c.header, format: 'text' as const, width: c.width })),
    { header: label('poorHouseholds', lang), format: 'integer', width: 11 },
    { header: label('totalDeprivations', lang), format: 'integer', width: 12 },
    ...used.flatMap((code): SummaryColumn[] => [
      { header: `${indicatorLabel(code)}: ${label('count', lang)}`, format: 'integer', width: 12 },
      { header: `${indicatorLabel(code)}: ${label('share', lang)}`, format: 'rate', width: 11 },
    ]),
  ];
  const row = (area: AreaRates): SummaryRow => {
    const t = area.tally;
    return {
      style: t.level === 'total' ? 'total' : 'area',
      cells: [
        ...locationCells(area, level, lang),
        t.poor,
        t.poorDeprived.reduce((sum, n) => sum + n, 0),
        ...used.flatMap((code) => {
          const count = t.poorDeprived[INDICATOR_INDEX[code]]!;
          return [count, percent(count, t.poor)];
        }),
      ],
    };
  };
  const areas = summary.rates.areas.filter((a) => a.tally.level === level);
  return {
    name: sheetName(label('deprivationSheet', lang) + suffix),
    title: [label('deprivationTitle', lang, { year: yearText }), label('byLevel', lang, { level: levelLabel(level, lang).toLowerCase() }), standardsLine(summary.standards, lang)],
    columns,
    rows: [...areas.map(row), row(summary.rates.total)],
    keyColumns: location.length,
  };
}

/** Inputs with their SHA-256, the standards and their legal basis, counts and options — no clock time. */
function infoSheet(years: readonly YearSummary[], inputs: readonly InputFacts[], options: SummaryOptions): SummarySheet {
  const { lang } = options;
  const rows: SummaryRow[] = [];
  const add = (item: string, value: CellValue) => rows.push({ style: 'area', cells: [item, value] });
  add(label('tool', lang), `povroll ${options.version}`);
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
