import { type Lang, label } from './labels.js';
import { groupsOf } from './rates.js';
import { type InputFacts, type SummaryRow, type SummarySheet, type SummaryWorkbook, type YearSummary, type CellValue, sheetName } from './sheet-model.js';
import { deprivationForm, resultForm } from './forms/result-forms.js';
import { causeForm, ethnicSplitForm, ethnicityForm, targetGroupForm } from './forms/group-forms.js';
import { basisSheet } from './forms/basis-sheet.js';
import { type FormIdentities, identify } from './forms/form-identity.js';
import { chartSheet } from './forms/chart-sheet.js';

interface SummaryOptions {
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
  /** How the Circular numbers the forms. */
  forms?: FormIdentities;
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
  return { sheets: identify(sheets, options.forms, lang, options.unit, options.place, label('unitToFill', lang)) };
}

/** A standard's legal basis in the summary's language: the instruments named as Vietnamese texts name them. */
function legalBasisText(text: string, lang: Lang): string {
  if (lang !== 'vi') return text;
  return text
    .replace(/\bDecree\s+/g, 'Nghị định số ')
    .replace(/\bDecision\s+/g, 'Quyết định số ')
    .replace(/\bCircular\s+/g, 'Thông tư số ')
    .replace(/,?\s*Article\s+(\d+)/g, ', Điều $1')
    .replace(/\(kept for review year (\d+) by ([^;)]+)/, '(áp dụng cho năm rà soát $1 theo $2')
    .replace(/\(extended to review year (\d+) by ([^;)]+)/, '(áp dụng đến năm rà soát $1 theo $2')
    .replace(/;\s*([^;)]+?) amends it without touching lines or indicators/, '; $1 sửa đổi, không thay đổi chuẩn nghèo và các chỉ số');
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
    // A year is a name, not a quantity: "2024", never "2,024".
    add(label('reviewYear', lang), summary.year === null ? label('unknownYear', lang) : String(summary.year));
    for (const { id, standard } of summary.standards) {
      add(`  ${label('standardApplied', lang)}`, standard ? `${standard.title[lang]} (${id})` : id);
      if (standard) add(`  ${label('legalBasis', lang)}`, legalBasisText(standard.legalBasis, lang));
    }
    add(`  ${label('households', lang)}`, summary.rates.total.households);
  }
  for (const [item, value] of options.settings) add(item, value);
  if (options.forms !== undefined) add(label('formNumbers', lang), `${options.forms.source[lang]} [U]`);
  return {
    name: sheetName(label('infoSheet', lang)),
    title: [label('infoTitle', lang)],
    columns: [
      { header: label('item', lang), format: 'text', width: 34 },
      { header: label('value', lang), format: 'text', width: 80, wrap: true },
    ],
    rows,
    keyColumns: 1,
  };
}
