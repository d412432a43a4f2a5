import { type Lang, type LabelKey, type ReadingNote, label, noteText } from '../labels.js';
import { deprivedKnown } from '../rates.js';
import { blankNotes } from './result-forms.js';
import { type InputFacts, type SummaryColumn, type SummaryRow, type SummarySheet, type YearSummary, sheetName } from '../sheet-model.js';

const LIST_LABELS: Record<string, LabelKey> = {
  poor: 'listIsPoor',
  near_poor: 'listIsNearPoor',
  poor_and_near_poor: 'listIsPoorAndNearPoor',
  escaped: 'listIsEscaped',
};

/**
 * The summary's first sheet: per input file, the households used, the rows
 * rejected and why, what the file lacks and what was assumed to read it —
 * so that an official sees at a glance what the numbers rest on — and,
 * per review year, which figures are left blank and why.
 */
export function basisSheet(inputs: readonly InputFacts[], years: readonly YearSummary[], lang: Lang, flowsUnknown: boolean): SummarySheet {
  const text = (key: LabelKey, number: string, width: number): SummaryColumn => ({ header: label(key, lang), number, format: 'text', width, wrap: true });
  const columns: SummaryColumn[] = [
    { header: label('stt', lang), number: 'A', format: 'text', width: 5, align: 'center' },
    { header: label('input', lang), number: 'B', format: 'text', width: 30, wrap: true },
    { header: label('householdsUsed', lang), number: '1', format: 'integer', width: 11 },
    { header: label('rowsRejected', lang), number: '2', format: 'integer', width: 10 },
    text('rejectReasons', '3', 34),
    text('missingData', '4', 30),
    text('assumptionsMade', '5', 36),
    text('listKind', '6', 20),
  ];
  const none = label('basisNone', lang);
  const notes = (list: readonly ReadingNote[]) => (list.length === 0 ? none : list.map((n) => noteText(n, lang)).join('; '));
  const rows: SummaryRow[] = inputs.map((input, i) => ({
    style: 'area',
    cells: [
      String(i + 1),
      input.path,
      input.households,
      input.rejected,
      input.rejectReasons.length === 0
        ? none
        : input.rejectReasons
            .slice(0, 3)
            .map((r) => `${r.reason} (${r.count.toLocaleString('en')})`)
            .join('; '),
      notes(input.missing),
      input.assumptions.length === 0 ? none : input.assumptions.map((a) => `${noteText(a, lang)} (${a.households.toLocaleString('en')})`).join('; '),
      input.list === null ? none : label(LIST_LABELS[input.list] ?? 'listIsPoor', lang),
    ],
  }));
  const sum = (pick: (input: InputFacts) => number) => inputs.reduce((n, input) => n + pick(input), 0);
  rows.push({
    style: 'total',
    cells: ['', label('total', lang), sum((x) => x.households), sum((x) => x.rejected), '', '', '', ''],
    sumOf: inputs.map((_, k) => k),
  });
  return {
    name: sheetName(label('basisSheet', lang)),
    title: [label('basisTitle', lang)],
    columns,
    rows,
    keyColumns: 2,
    notes: blankFigures(years, lang, flowsUnknown),
  };
}

/** Which figures of which year are blank, and why: unknown is never shown as 0, and never left unexplained. */
function blankFigures(years: readonly YearSummary[], lang: Lang, flowsUnknown: boolean): string[] {
  const lines: string[] = [];
  for (const { year, rates } of years) {
    const yearText = year === null ? label('unknownYear', lang) : String(year);
    for (const note of blankNotes({ year, rates, standards: [] }, lang)) lines.push(label('basisRatesBlank', lang, { year: yearText, why: note }));
    const total = rates.total.tally;
    const unknownIndicator = total.poorUnassessed.some((_, i) => total.indicatorMask & (1 << i) && !deprivedKnown(total.poorUnassessed, i));
    if (unknownIndicator) lines.push(label('basisRatesBlank', lang, { year: yearText, why: label('deprivationUnknownNote', lang) }));
  }
  if (flowsUnknown) lines.push(label('flowsUnknownNote', lang));
  return lines;
}
