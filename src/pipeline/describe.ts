import type { ClassifyTally } from '../core/classify-roll.js';
import type { IngestField } from '../core/ingest/fields.js';
import { columnLetter } from '../core/ingest/header.js';
import type { SheetCounts } from '../core/ingest/sheet-ingester.js';
import type { InputFacts, YearSummary } from '../core/sheet-model.js';
import { formUnitName } from '../core/forms/hierarchy.js';
import { type Lang, label, noteText } from '../core/labels.js';
import { formatPercent } from '../core/numbers.js';
import type { FileReport, SheetReport } from '../io/raw-roll-reader.js';
import type { Reporter } from '../io/terminal.js';

const number = (n: number) => n.toLocaleString('en');

/** The stderr summary of a classification: counts by class, why some stayed unclassified, mismatches. */
export function describeClassifyTally(tally: ClassifyTally): string[] {
  const standards = [...tally.standardsByYear]
    .sort(([a], [b]) => (a ?? 0) - (b ?? 0))
    .map(([year, ids]) => `${year ?? 'unknown year'}: ${[...ids].join(', ') || 'no standard'}`)
    .join('; ');
  const c = tally.byClass;
  const lines = [
    `Classified ${number(tally.households)} households${standards ? ` (${standards})` : ''}`,
    `  poor ${number(c.poor)} · near-poor ${number(c.near_poor)} · average ${number(c.average)} · non-poor ${number(c.non_poor)} · unclassified ${number(c.unclassified)}`,
  ];
  if (tally.byScore > 0) lines.push(`  ${number(tally.byScore)} classified by review score B1 (no income in the roll)`);
  if (c.unclassified > 0) {
    const reasons = [...tally.unclassifiedReasons]
      .sort((a, b) => b[1] - a[1])
      .map(([reason, count]) => `${reason} (${number(count)})`)
      .join(', ');
    lines.push(`  unclassified: ${reasons}`);
  }
  if (tally.mismatches > 0) {
    lines.push(`  ${number(tally.mismatches)} households recorded in another class than the rules give (class_mismatch = 1)`);
  }
  return lines;
}

/** `1 area`, `2,000 areas`. */
export function plural(count: number, noun: string): string {
  return `${number(count)} ${noun}${count === 1 ? '' : 's'}`;
}

/** `roll.csv: 1,204 rows = 1,200 households + 3 rejected + 1 skipped (SHA-256 ab12…)`: every row accounted for. */
export function describeInput(input: InputFacts): string {
  const rows = input.households + input.rejected + input.skipped;
  const n = (x: number) => x.toLocaleString('en');
  // Households outside --only are among the skipped rows: read, and not used.
  const outside = input.outside ? ` (${n(input.outside)} outside --only)` : '';
  return `${input.path}: ${plural(rows, 'row')} = ${plural(input.households, 'household')} + ${n(input.rejected)} rejected + ${n(input.skipped)} skipped${outside} (SHA-256 ${input.sha256.slice(0, 12)}…)`;
}

const NOT_WRITTEN: Partial<Record<IngestField, string>> = {
  stt: 'list number: marks household rows',
  person_name: 'the head’s name is written; members’ are not',
  relationship: 'marks household heads',
  birth_year_male: 'personal data; tells a male head',
  birth_year_female: 'personal data; tells a female head',
  birth_date: 'personal data, not written',
  sex: 'tells a female head',
  citizen_id: 'personal data, not written',
  mark_poor: 'gives recorded_class',
  mark_near_poor: 'gives recorded_class',
  notes: 'not written',
  review_details: 'facts of the review itself, not written',
};

/** The per-sheet accounting on stderr: the rows read are households + member rows + rejected + skipped. */
export function describeFile(report: FileReport, explain: boolean, reporter: Reporter): void {
  const notes: string[] = [];
  if (report.encoding !== null && report.encoding !== 'utf-8') notes.push(`read as ${report.encoding}`);
  reporter.info(`${report.file}${notes.length ? ` (${notes.join(', ')})` : ''}`);
  for (const hidden of report.hidden) reporter.info(`  sheet "${hidden}": hidden, not read`);
  for (const sheet of report.sheets) {
    const where = sheet.sheet === null ? '  ' : `  sheet "${sheet.sheet}": `;
    if (sheet.header === null) {
      reporter.info(`${where}no roll here (no recognisable header); ${plural(sheet.counts.rowsRead, 'row')} skipped`);
      continue;
    }
    reporter.info(where + accounting(sheet.counts));
    if (sheet.legacy !== null)
      reporter.warn(
        `${report.file}${sheet.sheet ? ` sheet "${sheet.sheet}"` : ''}: text in the legacy ${sheet.legacy === 'tcvn3' ? 'TCVN3 (ABC)' : 'VNI'} encoding, converted to Unicode`,
      );
    if (explain) explainSheet(sheet, reporter);
  }
}

function accounting(c: SheetCounts): string {
  const skipped = Object.values(c.skipped).reduce((a, b) => a + b, 0);
  const parts = Object.entries(c.skipped)
    .filter(([, n]) => n > 0)
    .map(([reason, n]) => `${n.toLocaleString('en')} ${reason}`)
    .join(', ');
  const n = (x: number) => x.toLocaleString('en');
  return `${plural(c.rowsRead, 'row')} read = ${plural(c.households, 'household')} + ${n(c.memberRows)} member rows + ${n(c.rejected)} rejected + ${n(skipped)} skipped${parts ? ` (${parts})` : ''}`;
}

/** `--explain`: which source column became which field, and which were left unused. */
function explainSheet(sheet: SheetReport, reporter: Reporter): void {
  const header = sheet.header!;
  for (const column of header.columns) {
    if (column.heading === '') continue;
    const letter = columnLetter(column.index).padEnd(3);
    const heading = `"${column.heading}"`;
    if (column.field === undefined) reporter.info(`    ${letter} ${heading} → unused (no known heading)`);
    else if (column.field === null) reporter.info(`    ${letter} ${heading} → left out (--map)`);
    else if (column.unusedBecause) reporter.info(`    ${letter} ${heading} → unused (${column.unusedBecause})`);
    else {
      const note = NOT_WRITTEN[column.field];
      reporter.info(`    ${letter} ${heading} → ${column.field}${note ? ` (${note})` : ''}`);
    }
  }
}

/**
 * One line per input: households used, rows rejected and the commonest
 * reasons, what the file lacks and what was assumed in reading it — what
 * the figures rest on, said at the end of every run.
 */
export function describeBasis(input: InputFacts): string {
  const parts = [`${plural(input.households, 'household')} used`];
  if (input.outside) parts.push(`${plural(input.outside, 'household')} outside --only, not used`);
  if (input.rejected > 0) {
    const reasons = input.rejectReasons
      .slice(0, 2)
      .map((r) => `${r.reason} (${number(r.count)})`)
      .join('; ');
    parts.push(`${plural(input.rejected, 'row')} rejected${reasons ? ` (${reasons})` : ''}`);
  }
  if (input.missing.length > 0) parts.push(input.missing.map((m) => noteText(m, 'en')).join('; '));
  if (input.assumptions.length > 0) parts.push(`assumed: ${input.assumptions.map((a) => `${noteText(a, 'en')} (${number(a.households)})`).join('; ')}`);
  return `${input.path}: ${parts.join('; ')}`;
}

/**
 * A short table of the latest year by district (by commune after the July
 * 2025 reform, or the top level shown): households, poor and near-poor with
 * their rates, and the total; unknown figures are shown as "–", never 0.
 */
export function unitTable(summary: YearSummary, lang: Lang): string[] {
  const rates = summary.rates;
  const level = (['district', 'commune', 'province'] as const).find((l) => rates.levels.includes(l) && rates.areas.some((a) => a.tally.level === l));
  if (level === undefined) return [];
  const rows = [...rates.areas.filter((a) => a.tally.level === level), rates.total];
  const shown = (n: number, known: boolean) => (known ? n.toLocaleString('en') : '–');
  const rate = (n: number, of: number | null, known: boolean) => (known && of ? formatPercent(n, of) : '–');
  const table = rows.map((a) => [
    a.tally.level === 'total' ? label('total', lang) : formUnitName({ level: a.tally.level, location: a.tally.location }, label('total', lang)),
    a.households === null ? '–' : a.households.toLocaleString('en'),
    shown(a.tally.poor, a.known.poor),
    rate(a.tally.poor, a.households, a.known.poor),
    shown(a.tally.nearPoor, a.known.nearPoor),
    rate(a.tally.nearPoor, a.households, a.known.nearPoor),
  ]);
  const header = [label(level, lang), label('householdsShort', lang), label('poorGroup', lang), '%', label('nearPoorGroup', lang), '%'];
  const widths = header.map((h, c) => Math.max(h.length, ...table.map((r) => r[c]!.length)));
  const line = (cells: string[]) => cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ');
  const year = summary.year === null ? label('unknownYear', lang) : String(summary.year);
  return [`${label('reviewYear', lang)} ${year}:`, line(header), ...table.map(line)];
}
