import { CAUSES, type Cause } from '../causes.js';
import { type Lang, type LabelKey, label } from '../labels.js';
import { percent } from '../numbers.js';
import { type AreaRates, type GroupTally, groupsOf } from '../rates.js';
import { isKinh } from '../roll.js';
import type { CellValue, SummaryColumn, SummarySheet, YearSummary } from '../sheet-model.js';
import { formSheet, blankNotes, unitColumns } from './result-forms.js';

const count = (header: string, number: string, group?: string): SummaryColumn => ({
  ...(group !== undefined && { group }),
  header,
  number,
  format: 'integer',
  width: 10,
});

/** Form 8: poor and near-poor households by target group, each household in the first group it belongs to. */
export function targetGroupForm(summary: YearSummary, yearText: string, suffix: string, lang: Lang): SummarySheet {
  const part = (kind: 'poor' | 'near', first: number): SummaryColumn[] => {
    const group = label(kind === 'poor' ? 'poorGroup' : 'nearPoorGroup', lang);
    const n = (k: number) => String(first + k);
    return [
      {
        ...count(label('totalShort', lang), `${n(0)}=${n(1)}+${n(2)}+${n(3)}+${n(4)}`, group),
        computed: { kind: 'linear', terms: [1, 2, 3, 4].map((k): [number, number] => [first + 1 + k, 1]) },
      },
      count(label('groupMinority', lang), n(1), group),
      count(label('groupNoLabor', lang), n(2), group),
      count(label('groupMerit', lang), n(3), group),
      count(label('groupOther', lang), n(4), group),
    ];
  };
  const cells = (area: AreaRates): CellValue[] => {
    const t = area.tally;
    const part = (n: number, groups: GroupTally, known: boolean): CellValue[] => (known ? [n, ...groups.priority] : [null, null, null, null, null]);
    return [...part(t.poor, groupsOf(t, 'poorGroups'), area.known.poor), ...part(t.nearPoor, groupsOf(t, 'nearPoorGroups'), area.known.nearPoor)];
  };
  return formSheet(
    summary,
    { sheet: 'form8Sheet', title: 'form8Title' },
    yearText,
    suffix,
    lang,
    [...unitColumns(lang), ...part('poor', 1), ...part('near', 6)],
    cells,
    [label('form8Note', lang), ...blankNotes(summary, lang)],
  );
}

/** Form 9: poor households by ethnicity — Kinh, all minorities, then each group present in the roll. */
export function ethnicityForm(summary: YearSummary, yearText: string, suffix: string, lang: Lang): SummarySheet {
  const total = groupsOf(summary.rates.total.tally, 'poorGroups');
  const groups = [...(total.byEthnicity ?? new Map<string, number>()).entries()]
    .filter(([name]) => !isKinh(name))
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'vi'));
  const unknown = (g: GroupTally, poor: number) => poor - g.kinh - g.minority;
  const withUnknown = unknown(total, summary.rates.total.tally.poor) > 0;
  const columns: SummaryColumn[] = [
    ...unitColumns(lang),
    {
      ...count(label('poorHouseholds', lang), withUnknown ? '1=2+3+4' : '1=2+3'),
      computed: {
        kind: 'linear',
        terms: withUnknown
          ? [
              [3, 1],
              [4, 1],
              [5, 1],
            ]
          : [
              [3, 1],
              [4, 1],
            ],
      },
    },
    count(label('kinh', lang), '2'),
    count(label('minorities', lang), '3'),
    ...(withUnknown ? [count(label('ethnicityUnknown', lang), '4')] : []),
    ...groups.map(([name], i) => count(name, String((withUnknown ? 5 : 4) + i), label('ofWhichMinorities', lang))),
  ];
  const cells = (area: AreaRates): CellValue[] => {
    const g = groupsOf(area.tally, 'poorGroups');
    const row = [
      area.tally.poor,
      g.kinh,
      g.minority,
      ...(withUnknown ? [unknown(g, area.tally.poor)] : []),
      ...groups.map(([name]) => g.byEthnicity?.get(name) ?? 0),
    ];
    return area.known.poor ? row : row.map(() => null);
  };
  return formSheet(summary, { sheet: 'form9Sheet', title: 'form9Title' }, yearText, suffix, lang, columns, cells, blankNotes(summary, lang));
}

const CAUSE_LABELS: Record<Cause, LabelKey> = {
  land: 'causeLand',
  capital: 'causeCapital',
  labour: 'causeLabour',
  tools: 'causeTools',
  know_how: 'causeKnowHow',
  skills: 'causeSkills',
  illness: 'causeIllness',
  other: 'causeOther',
};

/** Form 10: poor households by cause of poverty (a household may name several). */
export function causeForm(summary: YearSummary, yearText: string, suffix: string, lang: Lang): SummarySheet {
  const columns: SummaryColumn[] = [
    ...unitColumns(lang),
    count(label('poorHouseholds', lang), '1'),
    ...CAUSES.map((cause, i) => count(label(CAUSE_LABELS[cause], lang), String(i + 2), label('causeGroup', lang))),
    // Households with no cause recorded are counted, so that the causes account for every poor household.
    count(label('causeNotRecorded', lang), String(CAUSES.length + 2), label('causeGroup', lang)),
  ];
  const cells = (area: AreaRates): CellValue[] => {
    const groups = groupsOf(area.tally, 'poorGroups');
    const row = [area.tally.poor, ...groups.byCause, groups.noCause];
    return area.known.poor ? row : row.map(() => null);
  };
  return formSheet(summary, { sheet: 'form10Sheet', title: 'form10Title' }, yearText, suffix, lang, columns, cells, [
    label('form10Note', lang),
    ...blankNotes(summary, lang),
  ]);
}

/** Forms 12 (poor) and 13 (near-poor): the result with the ethnic split, and "of which" columns. */
export function ethnicSplitForm(summary: YearSummary, kind: 'poor' | 'near_poor', yearText: string, suffix: string, lang: Lang): SummarySheet {
  const classGroup = label(kind === 'poor' ? 'poorGroup' : 'nearPoorGroup', lang);
  const cls = label(kind === 'poor' ? 'className_poor' : 'className_near_poor', lang);
  const personsGroup = label(kind === 'poor' ? 'poorPersonsGroup' : 'nearPoorPersonsGroup', lang);
  const households = label('allHouseholds', lang);
  const persons = label('allPersons', lang);
  const rate = (header: string, number: string, numerator: number, denominator: number): SummaryColumn => ({
    group: label('rateShort', lang),
    header,
    number,
    format: 'rate',
    width: 10,
    computed: { kind: 'percent', numerator, denominator },
  });
  const columns: SummaryColumn[] = [
    ...unitColumns(lang),
    count(label('totalShort', lang), '1', households),
    count(label('kinh', lang), '2', households),
    count(label('minorities', lang), '3', households),
    count(label('totalShort', lang), '4', persons),
    count(label('kinh', lang), '5', persons),
    count(label('minorities', lang), '6', persons),
    count(label('totalShort', lang), '7', classGroup),
    count(label('minorities', lang), '8', classGroup),
    count(label('ofWhichMerit', lang), '9', classGroup),
    count(label('ofWhichNoLabor', lang), '10', classGroup),
    count(label('ofWhichFemaleHead', lang), '11', classGroup),
    count(label('totalShort', lang), '12', personsGroup),
    count(label('minorities', lang), '13', personsGroup),
    // Minority figures both ways, labelled so they cannot be confused: 15 is the class's rate among minority
    // households, 16 the share of the class's households that are of a minority.
    rate(label('classRateOverAll', lang, { cls }), '14=7/1*100', 8, 2),
    rate(label('classRateOverMinority', lang, { cls }), '15=8/3*100', 9, 4),
    rate(label('minorityShareOfClass', lang, { cls }), '16=8/7*100', 9, 8),
  ];
  const cells = (area: AreaRates): CellValue[] => {
    const t = area.tally;
    const all = groupsOf(t, 'all');
    const g = groupsOf(t, kind === 'poor' ? 'poorGroups' : 'nearPoorGroups');
    const classCount = kind === 'poor' ? t.poor : t.nearPoor;
    const classPersons = kind === 'poor' ? t.poorPersons : t.nearPoorPersons;
    // A list gives the ethnic split of its own households only, not of the area's.
    const whole = area.known.allHouseholds;
    const own = kind === 'poor' ? area.known.poor : area.known.nearPoor;
    const ofClass = (value: CellValue) => (own ? value : null);
    return [
      area.households,
      whole ? all.kinh : null,
      whole ? all.minority : null,
      area.persons,
      whole && area.known.persons ? all.kinhPersons : null,
      whole && area.known.persons ? all.minorityPersons : null,
      ofClass(classCount),
      ofClass(g.minority),
      ofClass(g.merit),
      ofClass(g.noLabor),
      ofClass(g.femaleHead),
      area.known.persons ? ofClass(classPersons) : null,
      area.known.persons ? ofClass(g.minorityPersons) : null,
      ofClass(percent(classCount, area.households)),
      whole ? ofClass(percent(g.minority, all.minority)) : null,
      ofClass(percent(g.minority, classCount)),
    ];
  };
  return formSheet(
    summary,
    { sheet: kind === 'poor' ? 'form12Sheet' : 'form13Sheet', title: kind === 'poor' ? 'form12Title' : 'form13Title' },
    yearText,
    suffix,
    lang,
    columns,
    cells,
    blankNotes(summary, lang),
  );
}
