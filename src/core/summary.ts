import { type Lang, label } from './labels.js';
import { groupsOf } from './rates.js';
import { type InputFacts, type SummaryRow, type SummarySheet, type SummaryWorkbook, type YearSummary, type CellValue, sheetName } from './sheet-model.js';
import { deprivationForm, resultForm } from './forms/result-forms.js';
import { causeForm, ethnicSplitForm, ethnicityForm, targetGroupForm } from './forms/group-forms.js';
import { basisSheet } from './forms/basis-sheet.js';
import { chartSheet } from './forms/chart-sheet.js';

export interface SummaryOptions {
  lang: Lang;
  version: string;
  /** Extra lines for the information sheet, e.g. options used. */
  settings: [string, string][];
  /** Sheets on change between review years, placed before the information sheet. */
  changeSheets?: SummarySheet[];
  /** When the summary was made (--stamp): absent, the same inputs give the same workbook. */
  stamp?: string;
  /** Some flows on the change sheets are blank, for want of household codes. */
  flowsUnknown?: boolean;
  /** The issuing unit ("UBND HUYỆN BÌNH GIA", `--unit`), else the province of the rolls. */
  unit?: string;
  /** The place named in the date line above the signatures ("Bình Gia", `--place`). */
  place?: string;
}

export function buildSummary(years: readonly YearSummary[], inputs: readonly InputFacts[], options: SummaryOptions): SummaryWorkbook {
  const { lang } = options;
  const several = years.length > 1;
  // What the figures rest on comes first: an official reads it before any number.
  const sheets: SummarySheet[] = [basisSheet(inputs, years, lang, options.flowsUnknown ?? false)];
  for (const summary of years) {
    const yearText = summary.year === null ? label('unknownYear', lang) : String(summary.year);
    const suffix = several ? ` ${yearText}` : '';
    sheets.push(resultForm(summary, yearText, suffix, lang));
    // Forms of a class the rolls cannot count (the near-poor of a list of poor households) are left out; the basis sheet says so.
    const { poor, nearPoor } = summary.rates.coverage;
    if (poor) sheets.push(deprivationForm(summary, 'poor', yearText, suffix, lang));
    if (nearPoor) sheets.push(deprivationForm(summary, 'near_poor', yearText, suffix, lang));
    sheets.push(targetGroupForm(summary, yearText, suffix, lang));
    // Forms on ethnicity and causes only where the rolls carry them.
    const all = summary.rates.total.tally;
    const split = groupsOf(all, 'all');
    if (poor && split.kinh + split.minority > 0) sheets.push(ethnicityForm(summary, yearText, suffix, lang));
    if (poor && groupsOf(all, 'poorGroups').byCause.some((n) => n > 0)) sheets.push(causeForm(summary, yearText, suffix, lang));
    if (split.kinh + split.minority > 0) {
      if (poor) sheets.push(ethnicSplitForm(summary, 'poor', yearText, suffix, lang));
      if (nearPoor) sheets.push(ethnicSplitForm(summary, 'near_poor', yearText, suffix, lang));
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
