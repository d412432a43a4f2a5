import type { Level } from '../areas.js';
import { type Lang, type LabelKey, label } from '../labels.js';
import { type CellValue, type SummaryColumn, type SummaryRow, type SummarySheet, locationColumns, placeCells, sheetName } from '../summary.js';
import type { ChangeRow, Comparison } from './changes.js';
import type { FlowColumn } from './flows.js';
import type { TargetSet } from './targets.js';

/**
 * The sheets on change between review years, for each pair of successive
 * rolls, at the deepest level summarised: rate changes, the movement of poor
 * and of near-poor households (forms 2 and 3, households), and targets.
 */
export function comparisonSheets(comparison: Comparison, levels: readonly Level[], targets: TargetSet | undefined, lang: Lang): SummarySheet[] {
  const level = levels[levels.length - 1];
  if (level === undefined) return [];
  const pairs = [...new Set(comparison.rows.map((r) => `${r.fromYear}-${r.toYear}`))];
  const sheets: SummarySheet[] = [];
  for (const pair of pairs) {
    const rows = comparison.rows.filter((r) => `${r.fromYear}-${r.toYear}` === pair && (r.level === level || r.level === 'total'));
    const first = rows[0]!;
    const years = { from: first.fromYear, to: first.toYear };
    const suffix = pairs.length > 1 ? ` ${String(years.from).slice(2)}-${String(years.to).slice(2)}` : '';
    const change = comparison.standardChanges.find((c) => c.fromYear === years.from && c.toYear === years.to);
    const note = change ? [label('standardChangedNote', lang, { before: change.before, after: change.after })] : [];
    sheets.push(changeSheet(rows, level, years, suffix, note, lang));
    sheets.push(flowSheet(rows, level, years, suffix, 'poor', lang));
    sheets.push(flowSheet(rows, level, years, suffix, 'near_poor', lang));
    if (targets) sheets.push(targetSheet(rows, level, years, suffix, targets, lang));
  }
  return sheets;
}

const number = (text: string | undefined): CellValue => (text === undefined || text === '' ? null : Number(text));

function keyColumns(level: Level, lang: Lang): SummaryColumn[] {
  return locationColumns(level, lang).map((c) => ({ header: c.header, format: 'text' as const, width: c.width }));
}

function changeSheet(rows: ChangeRow[], level: Level, years: { from: number; to: number }, suffix: string, note: string[], lang: Lang): SummarySheet {
  const rate = (header: string): SummaryColumn => ({ header, format: 'rate', width: 13 });
  const columns: SummaryColumn[] = [
    ...keyColumns(level, lang),
    rate(label('rateBefore', lang, { year: years.from })),
    rate(label('rateBefore', lang, { year: years.to })),
    rate(label('changePoints', lang)),
    rate(label('reductionPerYear', lang)),
    rate(label('nearRateBefore', lang, { year: years.from })),
    rate(label('nearRateBefore', lang, { year: years.to })),
    rate(label('changePoints', lang)),
    { header: label('reductionRank', lang), format: 'integer', width: 11 },
  ];
  const body = rows.map(
    (row): SummaryRow => ({
      style: row.level === 'total' ? 'total' : 'area',
      cells: [
        ...placeCells(row.location, row.level, level, lang),
        ...['poor_rate_before', 'poor_rate_after', 'poor_rate_change_pp', 'poor_reduction_pp_per_year', 'near_poor_rate_before', 'near_poor_rate_after', 'near_poor_rate_change_pp', 'reduction_rank'].map((c) =>
          number(row.values[c]),
        ),
      ],
    }),
  );
  return {
    name: sheetName(label('changeSheet', lang) + suffix),
    title: [label('changeTitle', lang, years), label('byLevel', lang, { level: label(level, lang).toLowerCase() }), ...note],
    columns,
    rows: body,
    keyColumns: keyColumns(level, lang).length,
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

/** Forms 2 and 3 (households): columns 1–9 of the movement of poor or near-poor households. */
function flowSheet(rows: ChangeRow[], level: Level, years: { from: number; to: number }, suffix: string, kind: 'poor' | 'near_poor', lang: Lang): SummarySheet {
  const flows = kind === 'poor' ? POOR_FLOWS : NEAR_POOR_FLOWS;
  return {
    name: sheetName(label(kind === 'poor' ? 'poorFlowSheet' : 'nearPoorFlowSheet', lang) + suffix),
    title: [label(kind === 'poor' ? 'poorFlowTitle' : 'nearPoorFlowTitle', lang, years), label('byLevel', lang, { level: label(level, lang).toLowerCase() }), label('flowIdentity', lang)],
    columns: [...keyColumns(level, lang), ...flows.map(([, key]): SummaryColumn => ({ header: label(key, lang), format: 'integer', width: 13 }))],
    rows: rows.map((row) => ({ style: row.level === 'total' ? 'total' : 'area', cells: [...placeCells(row.location, row.level, level, lang), ...flows.map(([column]) => row.flows[column])] })),
    keyColumns: keyColumns(level, lang).length,
  };
}

/** Target, actual and verdict for each target, per area. */
function targetSheet(rows: ChangeRow[], level: Level, years: { from: number; to: number }, suffix: string, targets: TargetSet, lang: Lang): SummarySheet {
  const groups: { title: string; required: string; actual: string; met: string }[] = [];
  if (targets.reduction.length > 0) {
    groups.push({ title: label('reductionTarget', lang), required: 'target_poor_reduction_pp_per_year', actual: 'poor_reduction_pp_per_year', met: 'poor_reduction_target_met' });
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
    ...keyColumns(level, lang),
    ...groups.flatMap((g): SummaryColumn[] => [
      { header: `${g.title}: ${label('required', lang)}`, format: 'rate', width: 14 },
      { header: `${g.title}: ${label('actual', lang)}`, format: 'rate', width: 14 },
      { header: `${g.title}: ${label('met', lang)}`, format: 'text', width: 11 },
    ]),
  ];
  const verdict = (text: string | undefined) => (text === '1' ? label('met', lang) : text === '0' ? label('notMet', lang) : null);
  return {
    name: sheetName(label('targetSheet', lang) + suffix),
    title: [label('targetTitle', lang, { ...years, name: targets.name }), label('byLevel', lang, { level: label(level, lang).toLowerCase() })],
    columns,
    rows: rows.map((row) => ({
      style: row.level === 'total' ? 'total' : 'area',
      cells: [...placeCells(row.location, row.level, level, lang), ...groups.flatMap((g) => [number(row.values[g.required]), number(row.values[g.actual]), verdict(row.values[g.met])])],
    })),
    keyColumns: keyColumns(level, lang).length,
  };
}
