import { type ClassifyTally, addToClassifyTally, emptyClassifyTally } from '../core/classify-roll.js';
import type { Outcome } from '../core/classify.js';
import type { Household } from '../core/household.js';
import { createOutcomeParser } from '../core/classified-row.js';
import type { Level } from '../core/areas.js';
import { type RatesState, addToRates, emptyRates } from '../core/rates.js';
import { FieldError, cellText } from '../core/roll.js';
import type { Standard } from '../core/standard.js';
import type { StandardSelector } from '../core/standard-choice.js';
import type { InputFacts } from '../core/sheet-model.js';
import type { Io } from '../io/io.js';
import type { RejectList } from '../io/reject-list.js';
import { type Reject, type RollReader, openCanonicalRoll } from '../io/roll-reader.js';
import { findStandard } from '../io/standard-files.js';
import type { Reporter } from '../io/terminal.js';
import { classifiedBatches } from './classified-batches.js';
import { classifyRequirement } from './classify.js';
import { describeFile } from './ingest.js';
import { isRawReader, openRoll } from '../io/open-roll.js';
import type { IngestSettings } from '../io/raw-roll-reader.js';
import { plural } from './describe.js';


/** Rates folds per review year: one roll may hold several years, and rates never mix them. */
export type RatesByYear = Map<number | null, RatesState>;

export interface TalliedRolls {
  byYear: RatesByYear;
  inputs: InputFacts[];
  classify: ClassifyTally;
  /** Standards applied per review year, by id (null: an id no built-in standard has). */
  standards: Map<number | null, Map<string, Standard | null>>;
}

function emptyTallied(): TalliedRolls {
  return { byYear: new Map(), inputs: [], classify: emptyClassifyTally(), standards: new Map() };
}

function noteStandard(tallied: TalliedRolls, year: number | null, id: string, standard: Standard | null): void {
  if (id === '') return;
  let ids = tallied.standards.get(year);
  if (ids === undefined) tallied.standards.set(year, (ids = new Map()));
  if (!ids.has(id)) ids.set(id, standard);
}

function stateFor(byYear: RatesByYear, year: number | null, levels: readonly Level[]): RatesState {
  let state = byYear.get(year);
  if (state === undefined) byYear.set(year, (state = emptyRates(levels)));
  return state;
}

/** Sees every household read, with its outcome: how `report` and `run` keep households for the change sheets. */
export type HouseholdVisitor = (household: Household, outcome: Outcome, standardId: string, place: { source: string; row: number }, headName: string) => void;

/** Reads classified rolls (the output of `classify`) into rates folds. */
export async function tallyClassifiedRolls(
  paths: readonly string[],
  levels: readonly Level[],
  io: Io,
  rejects: RejectList,
  reporter: Reporter,
  visit?: HouseholdVisitor,
): Promise<TalliedRolls> {
  const result = emptyTallied();
  for (const path of paths) {
    const reader = await openCanonicalRoll(path, io, {
      all: [{ column: 'class', why: 'rates count classified households; run "povroll classify" first' }],
      extraColumns: ['class', 'standard', 'deprived', 'standard_indicators'],
    });
    const parseOutcome = createOutcomeParser(reader.index, (id) => findStandard(id)?.indicators.map((i) => i.code));
    const progress = reporter.progress(`Reading ${path}`);
    const summary: InputFacts = { path, sha256: '', bytes: 0, households: 0, memberRows: 0, rejected: 0, skipped: 0 };
    try {
      for await (const batch of reader.batches) {
        const bad: Reject[] = batch.rejects;
        summary.skipped += batch.skipped;
        for (const record of batch.records) {
          try {
            const outcome = parseOutcome(record.cells);
            const year = record.household.reviewYear;
            addToRates(stateFor(result.byYear, year, levels), record.household, outcome);
            const id = cellText(record.cells, reader.index, 'standard');
            noteStandard(result, year, id, findStandard(id) ?? null);
            visit?.(record.household, outcome, id, { source: sourceOf(reader.file, record.sheet), row: record.row }, cellText(record.cells, reader.index, 'head_name'));
            summary.households += 1;
          } catch (error) {
            if (!(error instanceof FieldError)) throw error;
            bad.push({ place: { file: reader.file, ...(record.sheet !== undefined && { sheet: record.sheet }), row: record.row, column: error.column }, reason: error.message, cells: record.cells });
          }
        }
        bad.sort((a, b) => (a.place.row ?? 0) - (b.place.row ?? 0));
        summary.rejected += bad.length;
        await rejects.add(bad);
        progress.update(`Reading ${path}: ${summary.households.toLocaleString('en')} households`);
      }
    } finally {
      progress.stop();
    }
    Object.assign(summary, reader.digest());
    result.inputs.push(summary);
    reporter.detail(describeInput(summary));
  }
  return result;
}

/** Reads rolls of any kind, classifies every household and folds the results into rates: the `run` pipeline. */
export async function tallyRolls(
  paths: readonly string[],
  select: StandardSelector,
  autoStandard: boolean,
  levels: readonly Level[],
  io: Io,
  rejects: RejectList,
  reporter: Reporter,
  settings: IngestSettings,
  visit?: HouseholdVisitor,
): Promise<TalliedRolls> {
  const result = emptyTallied();
  for (const path of paths) {
    const reader = await openRoll(path, io, classifyRequirement(autoStandard), settings);
    const progress = reporter.progress(`Classifying ${path}`);
    const summary: InputFacts = { path, sha256: '', bytes: 0, households: 0, memberRows: 0, rejected: 0, skipped: 0 };
    const rejectedBefore = rejects.count;
    try {
      for await (const batch of classifiedBatches(reader, select, rejects)) {
        summary.skipped += batch.skipped;
        batch.records.forEach(({ household }, i) => {
          const classification = batch.classifications[i]!;
          addToClassifyTally(result.classify, household, classification);
          const standard = classification.standard;
          if (standard !== null) noteStandard(result, household.reviewYear, standard.id, standard);
          addToRates(stateFor(result.byYear, household.reviewYear, levels), household, classification);
          const record = batch.records[i]!;
          visit?.(household, classification, standard?.id ?? '', { source: sourceOf(reader.file, record.sheet), row: record.row }, cellText(record.cells, reader.index, 'head_name'));
        });
        summary.households += batch.records.length;
        progress.update(`Classifying ${path}: ${summary.households.toLocaleString('en')} households`);
      }
    } finally {
      progress.stop();
    }
    result.inputs.push(finishInput(summary, reader, rejects.count - rejectedBefore, reporter));
  }
  return result;
}

/** Completes an input's facts once it is read: rejects, digest and, for raw rolls, the ingest counts (also shown). */
export function finishInput(summary: InputFacts, reader: RollReader, rejected: number, reporter: Reporter): InputFacts {
  summary.rejected = rejected;
  Object.assign(summary, reader.digest());
  if (isRawReader(reader)) {
    const report = reader.report();
    describeFile(report, false, 0, reporter);
    summary.memberRows = report.sheets.reduce((n, s) => n + s.counts.memberRows, 0);
    summary.skipped = report.sheets.reduce((n, s) => n + Object.values(s.counts.skipped).reduce((a, b) => a + b, 0), 0);
  }
  reporter.detail(describeInput(summary));
  return summary;
}

function sourceOf(file: string, sheet: string | undefined): string {
  return sheet === undefined ? file : `${file}#${sheet}`;
}

/** `roll.csv: 1,204 rows = 1,200 households + 3 rejected + 1 skipped (SHA-256 ab12…)`: every row accounted for. */
export function describeInput(input: InputFacts): string {
  const rows = input.households + input.rejected + input.skipped;
  const n = (x: number) => x.toLocaleString('en');
  return `${input.path}: ${plural(rows, 'row')} = ${plural(input.households, 'household')} + ${n(input.rejected)} rejected + ${n(input.skipped)} skipped (SHA-256 ${input.sha256.slice(0, 12)}…)`;
}
