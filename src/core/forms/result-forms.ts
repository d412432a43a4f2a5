import { INDICATOR_CODES, INDICATOR_INDEX, type IndicatorCode, indicatorBit } from '../indicators.js';
import { type Lang, type LabelKey, label } from '../labels.js';
import { formatPercent, percent } from '../numbers.js';
import { type AreaRates, areasWithUnknownCounts, deprivedKnown } from '../rates.js';
import type { CellValue, Computed, SummaryColumn, SummarySheet, YearSummary } from '../sheet-model.js';
import { sheetName } from '../sheet-model.js';
import { formOrder, placeRow } from './hierarchy.js';

/** The two columns every form starts with: list number and unit. */
export function unitColumns(lang: Lang): SummaryColumn[] {
  return [
    { header: label('stt', lang), number: 'A', format: 'text', width: 6, align: 'center' },
    { header: label('unitHeading', lang), number: 'B', format: 'text', width: 26 },
  ];
}

/** "UBND TỈNH THẠCH KIM" (in English "PEOPLE’S COMMITTEE OF THẠCH KIM PROVINCE") when the roll is one province's. */
export function issuingUnit(summary: YearSummary, lang: Lang): string | undefined {
  const provinces = new Set(summary.rates.areas.filter((a) => a.tally.level === 'province').map((a) => a.tally.location.province));
  const [province] = [...provinces];
  if (provinces.size !== 1 || !province) return undefined;
  if (lang === 'vi') return label('issuingUnit', lang, { unit: province.toLocaleUpperCase('vi') });
  // "Tỉnh Thạch Kim" is "Thạch Kim province" in English; "Thành phố Huế", "Huế city".
  const kind = /^tỉnh\s+/iu.test(province) ? 'PROVINCE' : /^thành phố\s+/iu.test(province) ? 'CITY' : '';
  const name = province.replace(/^(tỉnh|thành phố)\s+/iu, '').toLocaleUpperCase('vi');
  return label('issuingUnit', lang, { unit: kind ? `${name} ${kind}` : name });
}

/** "Chuẩn nghèo áp dụng: Chuẩn nghèo đa chiều giai đoạn 2022–2025 (Nghị định số 07/2021/NĐ-CP)": the standard by its legal title, not its id. */
function standardsLine(summary: YearSummary, lang: Lang): string {
  const names = summary.standards.map((s) => (s.standard ? `${s.standard.title[lang]} (${shortLegalBasis(s.standard.legalBasis, lang)})` : s.id)).join('; ');
  return `${label('standardApplied', lang)}: ${names || '—'}`;
}

/** The instrument alone ("Decree 07/2021/NĐ-CP"), named as a Vietnamese form names it ("Nghị định số 07/2021/NĐ-CP"). */
export function shortLegalBasis(text: string, lang: Lang): string {
  const instrument = text.split(/[,(]/)[0]!.trim();
  if (lang !== 'vi') return instrument;
  return instrument
    .replace(/^Decree\s+/, 'Nghị định số ')
    .replace(/^Decision\s+/, 'Quyết định số ')
    .replace(/^Circular\s+/, 'Thông tư số ');
}

/** Form 1: households and persons, poor, near-poor and average-living-standard households with rates, poor and near-poor persons with rates. */
export function resultForm(summary: YearSummary, yearText: string, suffix: string, lang: Lang): SummarySheet {
  const count = (group: string, header: string, number: string): SummaryColumn => ({ group, header, number, format: 'integer', width: 11 });
  const rate = (group: string, number: string, numerator: number, denominator: number): SummaryColumn => ({
    group,
    header: label('rateShort', lang),
    number,
    format: 'rate',
    width: 9,
    computed: { kind: 'percent', numerator, denominator } satisfies Computed,
  });
  // Columns after A and B: index 2 is form column 1.
  const columns: SummaryColumn[] = [
    ...unitColumns(lang),
    count(label('allHouseholds', lang), label('householdsShort', lang), '1'),
    count(label('allHouseholds', lang), label('personsShort', lang), '2'),
    count(label('poorGroup', lang), label('householdsShort', lang), '3'),
    rate(label('poorGroup', lang), '4=3/1*100', 4, 2),
    count(label('nearPoorGroup', lang), label('householdsShort', lang), '5'),
    rate(label('nearPoorGroup', lang), '6=5/1*100', 6, 2),
    count(label('averageGroup', lang), label('householdsShort', lang), '7'),
    rate(label('averageGroup', lang), '8=7/1*100', 8, 2),
    count(label('poorPersonsGroup', lang), label('personsShort', lang), '9'),
    rate(label('poorPersonsGroup', lang), '10=9/2*100', 10, 3),
    count(label('nearPoorPersonsGroup', lang), label('personsShort', lang), '11'),
    rate(label('nearPoorPersonsGroup', lang), '12=11/2*100', 12, 3),
    { header: label('unclassified', lang), number: '13', format: 'integer', width: 11 },
  ];
  const cells = (area: AreaRates): CellValue[] => {
    const t = area.tally;
    const { poor, nearPoor, others } = area.known;
    // Counts a list of some households cannot give are blank, with their rates.
    const pair = (n: number, of: number | null, known: boolean): CellValue[] => (known ? [n, percent(n, of)] : [null, null]);
    return [
      area.households,
      area.persons,
      ...pair(t.poor, area.households, poor),
      ...pair(t.nearPoor, area.households, nearPoor),
      ...pair(t.average, area.households, others),
      ...pair(t.poorPersons, area.persons, poor && area.known.persons),
      ...pair(t.nearPoorPersons, area.persons, nearPoor && area.known.persons),
      area.known.unclassified ? t.unclassified : null,
    ];
  };
  return formSheet(summary, { sheet: 'form1Sheet', title: 'resultTitle' }, yearText, suffix, lang, columns, cells, blankNotes(summary, lang));
}

/** The notes under a form whose cells are blank: the rolls list only some households, or too many are unclassified. */
export function blankNotes(summary: YearSummary, lang: Lang): string[] {
  const rates = summary.rates;
  const notes: string[] = [];
  if (rates.list !== null) {
    if (rates.total.households === null) notes.push(label('listNote', lang));
    const unknown = [
      ...(rates.coverage.poor ? [] : [label('className_poor', lang)]),
      ...(rates.coverage.nearPoor ? [] : [label('className_near_poor', lang)]),
      ...(rates.coverage.others ? [] : [label('classesOthers', lang)]),
    ];
    if (unknown.length > 0) notes.push(label('listCountsNote', lang, { classes: unknown.join(', ') }));
  }
  if (areasWithUnknownCounts(rates).length > 0) notes.push(label('unclassifiedNote', lang, { share: Number(formatPercent(rates.maxUnclassified, 1, 1)) }));
  return notes;
}

/** Forms 4–5 (poor) or 6–7 (near-poor): households, total deprivations, and each indicator of the standard as count and share. */
export function deprivationForm(summary: YearSummary, kind: 'poor' | 'near_poor', yearText: string, suffix: string, lang: Lang): SummarySheet {
  const used = indicatorsInLegalOrder(summary);
  const indicatorLabel = (code: IndicatorCode) => {
    for (const { standard } of summary.standards) {
      const found = standard?.indicators.find((i) => i.code === code);
      if (found) return found.label[lang];
    }
    return code;
  };
  const columns: SummaryColumn[] = [
    ...unitColumns(lang),
    { header: label(kind === 'poor' ? 'poorHouseholds' : 'nearPoorHouseholds', lang), number: '1', format: 'integer', width: 11 },
    {
      header: label('totalDeprivations', lang),
      // Twelve terms do not fit a column: "2=3+5+…+25", as forms write a long sum (check reads it so).
      number: used.length === 0 ? '2' : used.length <= 3 ? `2=${used.map((_, i) => 3 + 2 * i).join('+')}` : `2=3+5+…+${3 + 2 * (used.length - 1)}`,
      format: 'integer',
      width: 12,
      computed: { kind: 'linear', terms: used.map((_, i): [number, number] => [4 + 2 * i, 1]) },
    },
    ...used.flatMap((code, i): SummaryColumn[] => {
      const countNumber = 3 + 2 * i;
      return [
        { group: indicatorLabel(code), header: label('householdsShort', lang), number: String(countNumber), format: 'integer', width: 9 },
        {
          group: indicatorLabel(code),
          header: label('rateShort', lang),
          number: `${countNumber + 1}=${countNumber}/1*100`,
          format: 'rate',
          width: 8,
          computed: { kind: 'percent', numerator: 4 + 2 * i, denominator: 2 },
        },
      ];
    }),
  ];
  const unassessedOf = (t: AreaRates['tally']) => (kind === 'poor' ? t.poorUnassessed : t.nearPoorUnassessed);
  const cells = (area: AreaRates): CellValue[] => {
    const t = area.tally;
    // Too many unclassified households that may be of this class: its households and their deprivations are unknown.
    if (!(kind === 'poor' ? area.known.poor : area.known.nearPoor)) return new Array<CellValue>(2 + 2 * used.length).fill(null);
    const households = kind === 'poor' ? t.poor : t.nearPoor;
    const deprived = kind === 'poor' ? t.poorDeprived : t.nearPoorDeprived;
    // A count over households some of whose status is unknown would pass for the whole: it is left blank.
    const known = used.map((code) => deprivedKnown(unassessedOf(t), INDICATOR_INDEX[code]));
    return [
      households,
      known.every(Boolean) ? used.reduce((sum, code) => sum + deprived[INDICATOR_INDEX[code]]!, 0) : null,
      ...used.flatMap((code, i) => {
        if (!known[i]) return [null, null];
        const n = deprived[INDICATOR_INDEX[code]]!;
        return [n, percent(n, households)];
      }),
    ];
  };
  const total = summary.rates.total.tally;
  const someUnknown = used.some((code) => !deprivedKnown(unassessedOf(total), INDICATOR_INDEX[code]));
  const keys =
    kind === 'poor' ? ({ sheet: 'form45Sheet', title: 'deprivationTitle' } as const) : ({ sheet: 'form67Sheet', title: 'nearPoorDeprivationTitle' } as const);
  return formSheet(summary, keys, yearText, suffix, lang, columns, cells, [
    ...(someUnknown ? [label('deprivationUnknownNote', lang)] : []),
    ...blankNotes(summary, lang),
  ]);
}

/**
 * The indicators the year's households were assessed on, as the standard
 * lists them (its legal order: qd59-2015 puts health access before health
 * insurance); with two standards, the first's, then the second's others;
 * an indicator no standard file names (none loaded) last, in the roll's order.
 */
function indicatorsInLegalOrder(summary: YearSummary): IndicatorCode[] {
  const mask = summary.rates.total.tally.indicatorMask;
  const ordered: IndicatorCode[] = [];
  const add = (code: IndicatorCode) => {
    if (mask & indicatorBit(code) && !ordered.includes(code)) ordered.push(code);
  };
  for (const { standard } of summary.standards) for (const indicator of standard?.indicators ?? []) add(indicator.code);
  for (const code of INDICATOR_CODES) add(code);
  return ordered;
}

/** A yearly form sheet: the issuing unit, the title with the year, the standard, the rows in form order and the signature block. */
export function formSheet(
  summary: YearSummary,
  keys: { sheet: LabelKey; title: LabelKey },
  yearText: string,
  suffix: string,
  lang: Lang,
  columns: SummaryColumn[],
  cells: (area: AreaRates) => CellValue[],
  notes: string[] = [],
): SummarySheet {
  return {
    name: sheetName(label(keys.sheet, lang) + suffix),
    ...optionalUnit(issuingUnit(summary, lang)),
    title: [label(keys.title, lang, { year: yearText }), standardsLine(summary, lang)],
    columns,
    rows: formRows(summary, cells, lang),
    keyColumns: 2,
    notes,
    signature: true,
    official: { form: null, place: null },
    formKey: keys.sheet.replace(/Sheet$/, ''),
  };
}

function optionalUnit(unit: string | undefined): { unit?: string } {
  return unit === undefined ? {} : { unit };
}

/** The rows of a form: district (bold) then its communes, …, the total; counts of upper rows are sums of the rows below. */
function formRows(summary: YearSummary, cells: (area: AreaRates) => CellValue[], lang: Lang) {
  const places = formOrder(
    summary.rates.areas,
    summary.rates.total,
    (a) => a.tally.level,
    (a) => a.tally.location,
    summary.rates.levels,
  );
  return places.map((place) => placeRow(place, cells(place.item), label('total', lang)));
}
