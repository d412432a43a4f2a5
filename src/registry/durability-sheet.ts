import { type Level, areaKey } from '../core/areas.js';
import { formOrder, placeRow } from '../core/forms/hierarchy.js';
import { unitColumns } from '../core/forms/result-forms.js';
import { type Lang, label } from '../core/labels.js';
import { percent } from '../core/numbers.js';
import { type CellValue, type SummaryColumn, type SummarySheet, sheetName } from '../core/sheet-model.js';
import type { EscapeRow, HistoryRow } from './durability.js';

/**
 * The summary's sheet on how lasting the reduction is, for the last stored
 * year Y: where its poor come from (poor in the roll before, poor in an
 * earlier one, never poor before), how many of the households that left
 * poverty in the roll before Y are poor again in Y, and the households just
 * above the exit line in Y. Parts the registry's years cannot tell are left
 * empty, with a note saying why.
 */
export function durabilitySheet(
  history: readonly HistoryRow[],
  escapes: readonly EscapeRow[],
  levels: readonly Level[],
  marginPercent: number,
  lang: Lang,
): SummarySheet | null {
  const years = [...new Set(history.map((h) => h.year))].sort((a, b) => a - b);
  const year = years.at(-1);
  if (year === undefined) return null;
  const previous = years.at(-2) ?? null;
  const rows = history.filter((h) => h.year === year);
  const total = rows.find((h) => h.level === 'total');
  if (total === undefined) return null;
  // Escapes into the previous roll (from the one before it), followed into this one.
  const followed = new Map(escapes.filter((e) => e.escapeYear === previous && e.laterYear === year).map((e) => [keyOf(e), e]));
  const places = formOrder(
    rows.filter((h) => h.level !== 'total'),
    total,
    (h) => h.level,
    (h) => h.location,
    levels,
  );
  const cells = (h: HistoryRow): CellValue[] => {
    const e = followed.get(keyOf(h));
    const origin = h.first
      ? [null, null, null, null]
      : [h.poorContinuing, h.poorReEntered, h.poorFirstTime, h.poorRollsMean === null ? null : Math.round(h.poorRollsMean * 100) / 100];
    const follow =
      years.length < 3
        ? [null, null, null, null, null, null]
        : e === undefined
          ? [0, 0, 0, null, 0, null]
          : [e.escaped, e.followed, e.poorAgain, percent(e.poorAgain, e.followed), e.poorOrNearPoor, percent(e.poorOrNearPoor, e.followed)];
    return [h.poor, ...origin, ...follow, h.justAboveLineUnknown > 0 ? null : h.justAboveLine];
  };
  const notes: string[] = [label('durabilityFollowedNote', lang)];
  if (previous === null) notes.push(label('durabilityOneYearNote', lang, { year }));
  if (years.length < 3) notes.push(label('durabilityTwoYearsNote', lang, { count: years.length }));
  if (rows.some((h) => h.justAboveLineUnknown > 0)) notes.push(label('durabilityIncomeUnknownNote', lang));
  if (rows.some((h) => h.poorWithoutCode > 0)) notes.push(label('durabilityWithoutCodeNote', lang, { count: total.poorWithoutCode }));
  const escapeYear = previous ?? year;
  return {
    name: sheetName(label('durabilitySheet', lang)),
    title: [label('durabilityTitle', lang, { year }), label('durabilitySubtitle', lang, { first: years[0]!, last: year })],
    columns: columnsOf(lang, { year, previous: previous ?? year, escapeYear, margin: marginPercent }),
    rows: places.map((place) => placeRow(place, cells(place.item), label('total', lang), false)),
    keyColumns: 2,
    notes,
    signature: true,
    official: { form: null, place: null },
  };
}

function keyOf(row: { level: Level | 'total'; location: EscapeRow['location'] }): string {
  return `${row.level}\u0002${row.level === 'total' ? '' : areaKey(row.location, row.level)}`;
}

function columnsOf(lang: Lang, at: { year: number; previous: number; escapeYear: number; margin: number }): SummaryColumn[] {
  const poorGroup = label('durabilityPoorGroup', lang, { year: at.year });
  const escapeGroup = label('durabilityEscapeGroup', lang, { from: at.escapeYear, to: at.year });
  const aboveGroup = label('durabilityAboveGroup', lang, { year: at.year });
  const count = (header: string, number: string, group: string): SummaryColumn => ({ header, number, format: 'integer', width: 12, group });
  const rate = (header: string, number: string, group: string, numerator: number, denominator: number): SummaryColumn => ({
    header,
    number,
    format: 'rate',
    width: 12,
    group,
    computed: { kind: 'percent', numerator, denominator },
  });
  return [
    ...unitColumns(lang),
    count(label('durabilityPoor', lang), '1', poorGroup),
    count(label('durabilityContinuing', lang, { year: at.previous }), '2', poorGroup),
    { ...count(label('durabilityReEntered', lang), '3', poorGroup), width: 15 },
    count(label('durabilityFirstTime', lang), '4', poorGroup),
    { header: label('durabilityRollsMean', lang), number: '5', format: 'rate', width: 12, group: poorGroup },
    count(label('durabilityEscaped', lang, { year: at.escapeYear }), '6', escapeGroup),
    count(label('durabilityFollowed', lang, { year: at.year }), '7', escapeGroup),
    count(label('durabilityPoorAgain', lang), '8', escapeGroup),
    rate(label('durabilityShare', lang), '9=8/7*100', escapeGroup, 9, 8),
    count(label('durabilityPoorOrNear', lang), '10', escapeGroup),
    rate(label('durabilityShare', lang), '11=10/7*100', escapeGroup, 11, 8),
    count(label('durabilityJustAbove', lang, { margin: at.margin }), '12', aboveGroup),
  ];
}
