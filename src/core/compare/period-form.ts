import type { Level } from '../areas.js';
import { formOrder, placeRow } from '../forms/hierarchy.js';
import { unitColumns } from '../forms/result-forms.js';
import type { Area } from '../household.js';
import { type Lang, type LabelKey, label } from '../labels.js';
import { percent } from '../numbers.js';
import type { ListEvidence } from '../rates.js';
import { type CellValue, type SummaryColumn, type SummaryRow, type SummarySheet, sheetName } from '../sheet-model.js';
import { type ChangeRow, type ComparedYears, type Comparison, compareYears } from './changes.js';

/**
 * The review years whose summaries were laid out by urban and rural area
 * (the 2016–2020 period and the 2021 review that closed it). A pair of rolls
 * whose later year falls in this span gets the period's sheet as well.
 */
const AREA_FORM_YEARS = { first: 2016, last: 2021 } as const;

function wantsAreaForm(fromYear: number, toYear: number): boolean {
  return fromYear < toYear && toYear >= AREA_FORM_YEARS.first && toYear <= AREA_FORM_YEARS.last;
}

/**
 * Columns of the period's form, after A (number) and B (unit). Shares are
 * of all households: at the start of the period for the start and the
 * escapes, at its end for re-entry, newly poor and the end, so that column 5
 * reads as points of the rate gone with the escapes.
 */
const START_HOUSEHOLDS = 2;
const POOR_START = 3;
const ESCAPED = 5;
const OTHER_DECREASE = 7;
const RE_ENTERED = 8;
const NEW_POOR = 10;
const OTHER_INCREASE = 12;
const END_HOUSEHOLDS = 13;
const POOR_END = 14;

/**
 * The sheet of the 2016–2021 layout for each successive pair of rolls in
 * those years: households at the start, poor at the start, escaped,
 * re-entered and newly poor, poor at the end, each with its share, first
 * for the urban area, then the rural, then both. It is left out, with the
 * reason in `skipped`, when households of the pair have no area: the two
 * sections would not add up to the whole.
 */
export function areaFormSheets(
  input: ComparedYears,
  options: { levels: readonly Level[]; listEvidence?: (year: number) => ListEvidence },
  lang: Lang,
): { sheets: SummarySheet[]; skipped: { fromYear: number; toYear: number; households: number }[] } {
  const { levels } = options;
  const sheets: SummarySheet[] = [];
  const skipped: { fromYear: number; toYear: number; households: number }[] = [];
  const wanted = input.years.slice(1).flatMap((toYear, k) => (wantsAreaForm(input.years[k]!, toYear) ? [k] : []));
  // Each section compares its own share of every roll: re-entry looks at every earlier one.
  const sections = new Map<Area | null, Comparison>();
  const section = (area: Area | null) => {
    let comparison = sections.get(area);
    if (comparison === undefined) {
      comparison = compareYears(area === null ? input : input.ofAreaType(area), {
        levels: [...levels],
        allowStandardChange: true,
        ...(options.listEvidence && { listEvidence: options.listEvidence }),
      });
      sections.set(area, comparison);
    }
    return comparison;
  };
  for (const k of wanted) {
    const [from, to] = [input.years[k]!, input.years[k + 1]!];
    const withoutArea = input.withoutArea(k) + input.withoutArea(k + 1);
    if (withoutArea > 0) {
      skipped.push({ fromYear: from, toYear: to, households: withoutArea });
      continue;
    }
    const suffix = wanted.length > 1 ? ` ${String(from).slice(2)}-${String(to).slice(2)}` : '';
    const rows = (area: Area | null) => pairRows(section(area), from, to);
    sheets.push(areaSheet({ urban: rows('urban'), rural: rows('rural'), all: rows(null) }, levels, { from, to }, suffix, lang, input.movedAreaType(k, k + 1)));
  }
  return { sheets, skipped };
}

/** Whether any successive pair of the years gets the 2016–2021 sheet. */
export function anyAreaForm(years: readonly number[]): boolean {
  return years.slice(1).some((toYear, k) => wantsAreaForm(years[k]!, toYear));
}

function pairRows(comparison: Comparison, fromYear: number, toYear: number): ChangeRow[] {
  return comparison.rows.filter((r) => r.fromYear === fromYear && r.toYear === toYear && r.period === 'step');
}

type Sections = { urban: ChangeRow[]; rural: ChangeRow[]; all: ChangeRow[] };

function areaSheet(sections: Sections, levels: readonly Level[], years: { from: number; to: number }, suffix: string, lang: Lang, moved: number): SummarySheet {
  const rows: SummaryRow[] = [];
  const sectionTotals: number[] = [];
  const parts: [ChangeRow[], LabelKey, LabelKey, string][] = [
    [sections.urban, 'urbanSection', 'urbanTotal', 'A'],
    [sections.rural, 'ruralSection', 'ruralTotal', 'B'],
  ];
  for (const [changeRows, heading, totalName, letter] of parts) {
    rows.push({ style: 'group', cells: [letter, label(heading, lang), ...COLUMN_KEYS.map(() => null)] });
    const total = changeRows.find((r) => r.level === 'total');
    const units = changeRows.filter((r) => r.level !== 'total');
    // An area type with no household in either roll (a province with no ward) still gets its section: its zeros are known.
    const ordered = formOrder(
      units,
      total ?? emptyTotal(sections.all),
      (r) => r.level,
      (r) => r.location,
      levels,
    );
    const start = rows.length;
    for (const place of ordered) {
      const row = placeRow(place, cellsOf(total === undefined && place.level === 'total' ? null : place.item), label(totalName, lang));
      rows.push({ ...row, ...(row.sumOf && { sumOf: row.sumOf.map((i) => i + start) }) });
    }
    sectionTotals.push(rows.length - 1);
  }
  const whole = sections.all.find((r) => r.level === 'total')!;
  rows.push({ style: 'total', cells: ['', label('bothAreasTotal', lang), ...cellsOf(whole)], sumOf: sectionTotals });
  return {
    name: sheetName(label('areaFormSheet', lang) + suffix),
    title: [label('areaFormTitle', lang, years), label('areaFormShares', lang)],
    columns: columnsOf(lang),
    rows,
    keyColumns: 2,
    signature: true,
    official: { form: null, place: null },
    ...(moved > 0 && { notes: [label('areaFormMovedNote', lang, { count: moved })] }),
  };
}

/** A total of no household, for a section whose area type no household has. */
function emptyTotal(all: ChangeRow[]): ChangeRow {
  const whole = all.find((r) => r.level === 'total')!;
  return { ...whole, before: null, after: null, flows: null, persons: null };
}

const COLUMN_KEYS = Array.from({ length: 14 });

/** The row's figures, columns 1–14; blanks where the flows cannot be known (households without a code). */
function cellsOf(row: ChangeRow | null): CellValue[] {
  const start = row?.before?.households ?? (row === null ? 0 : null);
  const end = row?.after?.households ?? (row === null ? 0 : null);
  const f = row === null ? ZERO_FLOWS : row.flows;
  if (f === null) return [start, ...Array<null>(10).fill(null), end, null, null];
  const escaped = f.poor_to_near_poor + f.poor_escaped;
  const newPoor = f.near_poor_to_poor + f.poor_new;
  const share = (count: number, of: number | null) => (of === null ? null : percent(count, of));
  return [
    start,
    f.poor_start,
    share(f.poor_start, start),
    escaped,
    share(escaped, start),
    f.poor_other_decrease,
    f.poor_re_entered,
    share(f.poor_re_entered, end),
    newPoor,
    share(newPoor, end),
    f.poor_other_increase,
    end,
    f.poor_end,
    share(f.poor_end, end),
  ];
}

const ZERO_FLOWS = {
  poor_start: 0,
  poor_to_near_poor: 0,
  poor_escaped: 0,
  poor_other_decrease: 0,
  near_poor_to_poor: 0,
  poor_re_entered: 0,
  poor_new: 0,
  poor_other_increase: 0,
  poor_end: 0,
};

function columnsOf(lang: Lang): SummaryColumn[] {
  const count = (header: LabelKey, number: string, group?: LabelKey): SummaryColumn => ({
    header: label(header, lang),
    number,
    format: 'integer',
    width: 11,
    ...(group && { group: label(group, lang) }),
  });
  const share = (number: string, numerator: number, denominator: number, group: LabelKey): SummaryColumn => ({
    header: label('shareOfHouseholds', lang),
    number,
    format: 'rate',
    width: 11,
    group: label(group, lang),
    computed: { kind: 'percent', numerator, denominator },
  });
  return [
    ...unitColumns(lang),
    count('householdsAtStart', '1'),
    count('householdCount', '2', 'poorAtStart'),
    share('3=2/1*100', POOR_START, START_HOUSEHOLDS, 'poorAtStart'),
    count('householdCount', '4', 'escapedPoverty'),
    share('5=4/1*100', ESCAPED, START_HOUSEHOLDS, 'escapedPoverty'),
    count('otherDecreases', '6'),
    count('householdCount', '7', 'reEnteredPoverty'),
    share('8=7/12*100', RE_ENTERED, END_HOUSEHOLDS, 'reEnteredPoverty'),
    count('householdCount', '9', 'newlyPoor'),
    share('10=9/12*100', NEW_POOR, END_HOUSEHOLDS, 'newlyPoor'),
    count('otherIncreases', '11'),
    count('householdsAtEnd', '12'),
    {
      ...count('householdCount', '13=2-4-6+7+9+11', 'poorAtEnd'),
      width: 16,
      computed: {
        kind: 'linear',
        terms: [
          [POOR_START, 1],
          [ESCAPED, -1],
          [OTHER_DECREASE, -1],
          [RE_ENTERED, 1],
          [NEW_POOR, 1],
          [OTHER_INCREASE, 1],
        ],
      },
    },
    share('14=13/12*100', POOR_END, END_HOUSEHOLDS, 'poorAtEnd'),
  ];
}
