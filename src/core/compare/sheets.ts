import type { Level } from '../areas.js';
import { type FormPlace, formOrder, formUnitName, placeRow, rowStyle } from '../forms/hierarchy.js';
import { unitColumns } from '../forms/result-forms.js';
import { type Lang, type LabelKey, label } from '../labels.js';
import { formatPercent } from '../numbers.js';
import { areasWithUnknownCounts } from '../rates.js';
import { type CellValue, type SummaryColumn, type SummaryRow, type SummarySheet, sheetName } from '../sheet-model.js';
import type { ChangeRow, Comparison } from './changes.js';
import type { FlowColumn } from './flows.js';
import type { TargetSet } from './targets.js';

/**
 * The sheets on change between review years, for each pair of successive
 * rolls, laid out as the forms are (each district in bold over its
 * communes, then the total): rate changes, the movement of poor and of
 * near-poor households (forms 2 and 3, households), and targets.
 */
export function comparisonSheets(comparison: Comparison, levels: readonly Level[], targets: TargetSet | undefined, lang: Lang, unit?: string): SummarySheet[] {
  const pairs = [...new Set(comparison.rows.filter((r) => r.period === 'step').map((r) => `${r.fromYear}-${r.toYear}`))];
  // Areas of a year whose poor or near-poor count, and so its rate, is unknown (too many unclassified households).
  const unknownCounts = new Map(comparison.rates.flatMap((rates) => areasWithUnknownCounts(rates).map((area) => [area, rates.maxUnclassified] as const)));
  const sheets: SummarySheet[] = [];
  for (const pair of pairs) {
    const rows = comparison.rows.filter((r) => `${r.fromYear}-${r.toYear}` === pair && r.period === 'step');
    const total = rows.find((r) => r.level === 'total')!;
    const places = formOrder(
      rows.filter((r) => r.level !== 'total'),
      total,
      (r) => r.level,
      (r) => r.location,
      levels,
    );
    const years = { from: total.fromYear, to: total.toYear };
    const suffix = pairs.length > 1 ? ` ${String(years.from).slice(2)}-${String(years.to).slice(2)}` : '';
    const change = comparison.standardChanges.find((c) => c.fromYear === years.from && c.toYear === years.to);
    const notes = change ? [label('standardChangedNote', lang, { before: change.before, after: change.after })] : [];
    const common = { ...(unit !== undefined && { unit }), keyColumns: 2, signature: true, official: { form: null, place: null } };
    // A sheet's own notes (flows left blank) come after the pair's.
    const withNotes = (sheet: object) => ({ notes: [...notes, ...('notes' in sheet ? (sheet.notes as string[]) : [])] });
    const changes = changeSheet(places, years, suffix, lang);
    // Rates left blank for too many unclassified households say so, as the year's forms do.
    const blanked = rows.flatMap((r) => [r.before, r.after]).find((area) => area !== null && unknownCounts.has(area));
    const unclassified = blanked == null ? [] : [label('unclassifiedNote', lang, { share: Number(formatPercent(unknownCounts.get(blanked)!, 1, 1)) })];
    sheets.push({ ...common, ...changes, notes: [...notes, ...unclassified] });
    const poor = flowSheet(places, years, suffix, 'poor', lang);
    sheets.push({ ...common, ...poor, ...withNotes(poor), formKey: 'poorFlows' });
    const nearPoor = flowSheet(places, years, suffix, 'near_poor', lang);
    sheets.push({ ...common, ...nearPoor, ...withNotes(nearPoor), formKey: 'nearPoorFlows' });
    if (targets) {
      const target = targetSheet(places, years, suffix, targets, lang);
      sheets.push({ ...common, ...target, ...withNotes(target) });
    }
  }
  return sheets;
}

type Places = FormPlace<ChangeRow>[];
type Years = { from: number; to: number };

const number = (text: string | undefined): CellValue => (text === undefined || text === '' ? null : Number(text));

function rowsOf(places: Places, cells: (row: ChangeRow) => CellValue[], lang: Lang, summed: boolean): SummaryRow[] {
  return places.map((place) => placeRow(place, cells(place.item), label('total', lang), summed));
}

function changeSheet(places: Places, years: Years, suffix: string, lang: Lang) {
  const rate = (header: string, numbering: string): SummaryColumn => ({ header, number: numbering, format: 'rate', width: 12 });
  const columns: SummaryColumn[] = [
    ...unitColumns(lang),
    { ...rate(label('rateBefore', lang, { year: years.from }), '1'), group: label('poorGroup', lang) },
    { ...rate(label('rateBefore', lang, { year: years.to }), '2'), group: label('poorGroup', lang) },
    // The change is taken from the unrounded rates, so it is a value, not a formula of the rounded ones.
    { ...rate(label('changePoints', lang), '3'), group: label('poorGroup', lang) },
    { ...rate(label('reductionPerYear', lang), '4'), group: label('poorGroup', lang) },
    { ...rate(label('nearRateBefore', lang, { year: years.from }), '5'), group: label('nearPoorGroup', lang) },
    { ...rate(label('nearRateBefore', lang, { year: years.to }), '6'), group: label('nearPoorGroup', lang) },
    { ...rate(label('changePoints', lang), '7'), group: label('nearPoorGroup', lang) },
    { header: label('reductionRank', lang), number: '8', format: 'integer', width: 10 },
  ];
  const cells = (row: ChangeRow) =>
    [
      'poor_rate_before',
      'poor_rate_after',
      'poor_rate_change_pp',
      'poor_reduction_pp_per_year',
      'near_poor_rate_before',
      'near_poor_rate_after',
      'near_poor_rate_change_pp',
      'reduction_rank',
    ].map((c) => number(row.values[c]));
  return {
    name: sheetName(label('changeSheet', lang) + suffix),
    title: [label('changeTitle', lang, years)],
    columns,
    rows: rowsOf(places, cells, lang, false),
  };
}

const POOR_FLOWS: [FlowColumn, LabelKey][] = [
  ['poor_start', 'flowStart'],
  ['poor_to_near_poor', 'flowToNearPoor'],
  ['poor_escaped', 'flowEscaped'],
  ['poor_other_decrease', 'flowOtherDecrease'],
  ['near_poor_to_poor', 'flowFromNearPoor'],
  ['poor_re_entered', 'flowReEntered'],
  ['poor_new', 'flowNew'],
  ['poor_other_increase', 'flowOtherIncrease'],
  ['poor_end', 'flowEnd'],
];

const NEAR_POOR_FLOWS: [FlowColumn, LabelKey][] = [
  ['near_poor_start', 'flowStart'],
  ['near_poor_to_poor', 'flowToPoor'],
  ['near_poor_escaped', 'flowEscapedNearPoor'],
  ['near_poor_other_decrease', 'flowOtherDecrease'],
  ['poor_to_near_poor', 'flowFromPoor'],
  ['near_poor_re_entered', 'flowReEnteredNearPoor'],
  ['near_poor_new', 'flowNew'],
  ['near_poor_other_increase', 'flowOtherIncrease'],
  ['near_poor_end', 'flowEnd'],
];

/**
 * Forms 2 and 3: two rows per unit, households then persons, columns 1–9,
 * column 9 a live formula of the others; a unit's rows sum those of its units.
 */
function flowSheet(places: Places, years: Years, suffix: string, kind: 'poor' | 'near_poor', lang: Lang) {
  const flows = kind === 'poor' ? POOR_FLOWS : NEAR_POOR_FLOWS;
  // Columns A, B and C come first: form column k sits at index k + 2.
  const identity: [number, number][] = [
    [3, 1],
    [4, -1],
    [5, -1],
    [6, -1],
    [7, 1],
    [8, 1],
    [9, 1],
    [10, 1],
  ];
  const columns: SummaryColumn[] = [
    ...unitColumns(lang),
    { header: label('countOf', lang), number: 'C', format: 'text', width: 8, align: 'center' },
    ...flows.map(
      ([, key], i): SummaryColumn => ({
        header: label(key, lang).replace(/^\d+\. /, ''),
        number: i === 8 ? '9=1-2-3-4+5+6+7+8' : String(i + 1),
        format: 'integer',
        width: i === 8 ? 17 : 12,
        ...(i === 8 && { computed: { kind: 'linear' as const, terms: identity } }),
      }),
    ),
  ];
  const rows: SummaryRow[] = places.flatMap((place) => {
    const style = rowStyle(place);
    const name = formUnitName(place, label('total', lang));
    const row = (counts: ChangeRow['flows'], what: LabelKey, offset: number): SummaryRow => ({
      style,
      cells: [
        offset === 0 ? place.number : '',
        offset === 0 ? name : '',
        label(what, lang),
        ...flows.map(([column]) => (counts === null ? null : counts[column])),
      ],
      ...(place.sumOf.length > 0 && { sumOf: place.sumOf.map((child) => 2 * child + offset) }),
    });
    return [row(place.item.flows, 'householdsShort', 0), row(place.item.persons, 'personsShort', 1)];
  });
  const unknown = places.some((place) => place.item.flows === null);
  return {
    name: sheetName(label(kind === 'poor' ? 'poorFlowSheet' : 'nearPoorFlowSheet', lang) + suffix),
    title: [label(kind === 'poor' ? 'poorFlowTitle' : 'nearPoorFlowTitle', lang, years), label('flowIdentity', lang)],
    columns,
    rows,
    ...(unknown && { notes: [label('flowsUnknownNote', lang)] }),
  };
}

/** Target, actual and verdict for each target, per area. */
function targetSheet(places: Places, years: Years, suffix: string, targets: TargetSet, lang: Lang) {
  const groups: { title: string; required: string; actual: string; met: string }[] = [];
  if (targets.reduction.length > 0) {
    groups.push({
      title: label('reductionTarget', lang),
      required: 'target_poor_reduction_pp_per_year',
      actual: 'poor_reduction_pp_per_year',
      met: 'poor_reduction_target_met',
    });
  }
  for (const t of targets.indicators) {
    groups.push({
      title: label('notDeprivedTarget', lang, { label: t.label }),
      required: `target_poor_not_deprived_${t.id}_pct`,
      actual: `poor_not_deprived_${t.id}_pct`,
      met: `poor_not_deprived_${t.id}_met`,
    });
  }
  const columns: SummaryColumn[] = [
    ...unitColumns(lang),
    ...groups.flatMap((g, i): SummaryColumn[] => [
      { group: g.title, header: label('required', lang), number: String(3 * i + 1), format: 'rate', width: 11 },
      { group: g.title, header: label('actual', lang), number: String(3 * i + 2), format: 'rate', width: 11 },
      { group: g.title, header: label('met', lang), number: String(3 * i + 3), format: 'text', width: 10, align: 'center' },
    ]),
  ];
  const verdict = (text: string | undefined) => (text === '1' ? label('met', lang) : text === '0' ? label('notMet', lang) : null);
  return {
    name: sheetName(label('targetSheet', lang) + suffix),
    title: [label('targetTitle', lang, { ...years, name: targets.name })],
    columns,
    rows: rowsOf(
      places,
      (row) => groups.flatMap((g) => [number(row.values[g.required]), number(row.values[g.actual]), verdict(row.values[g.met])]),
      lang,
      false,
    ),
  };
}
