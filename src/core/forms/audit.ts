import { truncateLocation } from '../areas.js';
import { detached } from '../detached.js';
import type { Outcome } from '../classify.js';
import type { ClassResult, Household, HouseholdClass, Location } from '../household.js';
import { INDICATOR_CODES, type IndicatorCode } from '../indicators.js';
import { type Lang, type LabelKey, label } from '../labels.js';
import { type InputFacts, type SummaryColumn, type SummaryRow, type SummarySheet, sheetName } from '../sheet-model.js';

/** A household whose recorded class is not the class the rules give, with what decides it. */
interface Disagreement {
  id: string;
  location: Location;
  year: number | null;
  recorded: HouseholdClass;
  computed: ClassResult;
  income: number | null;
  deprived: IndicatorCode[];
  /** Only with --with-names. */
  headName: string;
  source: string;
}

/** The most rows the audit sheet lists; the count beyond is said under the table. */
const AUDIT_LIMIT = 100_000;

/** Collects the households whose recorded class disagrees with the rules, up to AUDIT_LIMIT. */
export class AuditList {
  readonly rows: Disagreement[] = [];
  total = 0;

  constructor(private readonly withNames: boolean) {}

  add(household: Household, outcome: Outcome, headName: string, source: string): void {
    const recorded = household.recordedClass;
    if (recorded === null || outcome.class === 'unclassified' || recorded === outcome.class) return;
    this.total += 1;
    if (this.rows.length >= AUDIT_LIMIT) return;
    // Kept to the end of the run: copies, so that they do not hold the text of the rows they were read from (190 MB at a million households).
    this.rows.push({
      id: detached(household.id),
      location: truncateLocation(household.location, 'village'),
      year: household.reviewYear,
      recorded,
      computed: outcome.class,
      income: household.income,
      deprived: INDICATOR_CODES.filter((_, i) => outcome.deprivedMask & (1 << i)),
      headName: this.withNames ? detached(headName) : '',
      source,
    });
  }
}

const CLASS_LABELS: Record<ClassResult, LabelKey> = {
  poor: 'poorGroup',
  near_poor: 'nearPoorGroup',
  average: 'averageGroup',
  non_poor: 'nonPoorClass',
  unclassified: 'unclassified',
};

/** The households whose recorded class disagrees with the rules: code, place, both classes, and the income and deprivations that decide. */
export function auditSheet(list: AuditList, withNames: boolean, lang: Lang): SummarySheet {
  const text = (header: string, width: number, number: string): SummaryColumn => ({ header, number, format: 'text', width });
  const columns: SummaryColumn[] = [
    { header: label('stt', lang), number: 'A', format: 'text', width: 6, align: 'center' },
    text(label('householdCode', lang), 16, 'B'),
    ...(withNames ? [text(label('headName', lang), 24, 'C')] : []),
    text(label('district', lang), 18, '1'),
    text(label('commune', lang), 18, '2'),
    text(label('village', lang), 18, '3'),
    { header: label('reviewYear', lang), number: '4', format: 'year', width: 8 },
    text(label('recordedClass', lang), 25, '5'),
    text(label('computedClass', lang), 25, '6'),
    { header: label('incomeShort', lang), number: '7', format: 'integer', width: 16 },
    { header: label('deprivationCount', lang), number: '8', format: 'integer', width: 10 },
    { ...text(label('deprivedIndicators', lang), 44, '9'), wrap: true },
    text(label('sourceRow', lang), 30, '10'),
  ];
  const rows = list.rows.map((d, i) => ({
    style: 'area' as const,
    cells: [
      String(i + 1),
      d.id,
      ...(withNames ? [d.headName] : []),
      d.location.district,
      d.location.commune,
      d.location.village,
      d.year,
      label(CLASS_LABELS[d.recorded], lang),
      label(CLASS_LABELS[d.computed], lang),
      d.income,
      d.deprived.length,
      d.deprived.map((code) => label(`indicator_${code}`, lang)).join('; '),
      // The file's name is enough to find the row, and a folder may name a person (C:\Users\…).
      d.source.replace(/^.*[\\/]/, ''),
    ],
  }));
  const notes = [label('auditCount', lang, { count: list.total.toLocaleString('en') })];
  if (list.total > list.rows.length) notes.push(label('auditLimit', lang, { shown: list.rows.length.toLocaleString('en') }));
  return { name: sheetName(label('auditSheet', lang)), title: [label('auditTitle', lang)], columns, rows, keyColumns: withNames ? 3 : 2, notes };
}

/** Per input file: rows read, households, member rows folded, rejected and skipped rows — which add up. */
export function readingSheet(inputs: readonly InputFacts[], lang: Lang): SummarySheet {
  const count = (key: LabelKey, number: string): SummaryColumn => ({ header: label(key, lang), number, format: 'integer', width: 13 });
  const columns: SummaryColumn[] = [
    { header: label('stt', lang), number: 'A', format: 'text', width: 6, align: 'center' },
    { header: label('input', lang), number: 'B', format: 'text', width: 50, wrap: true },
    {
      ...count('rowsRead', '1=2+3+4+5'),
      computed: {
        kind: 'linear',
        terms: [
          [3, 1],
          [4, 1],
          [5, 1],
          [6, 1],
        ],
      },
    },
    count('rowsHouseholds', '2'),
    count('memberRows', '3'),
    count('rowsRejected', '4'),
    count('rowsSkipped', '5'),
  ];
  const read = (x: InputFacts) => x.households + x.memberRows + x.rejected + x.skipped;
  const rows: SummaryRow[] = inputs.map((input, i) => ({
    style: 'area',
    cells: [String(i + 1), input.path, read(input), input.households, input.memberRows, input.rejected, input.skipped],
  }));
  const sum = (pick: (input: InputFacts) => number) => inputs.reduce((n, input) => n + pick(input), 0);
  rows.push({
    style: 'total',
    cells: ['', label('total', lang), sum(read), sum((x) => x.households), sum((x) => x.memberRows), sum((x) => x.rejected), sum((x) => x.skipped)],
    sumOf: inputs.map((_, k) => k),
  });
  return { name: sheetName(label('readingSheet', lang)), title: [label('readingTitle', lang)], columns, rows, keyColumns: 2 };
}
