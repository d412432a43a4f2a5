import { createOutcomeParser } from '../core/classified-row.js';
import type { Outcome } from '../core/classify.js';
import { DuplicateHouseholdError, PlaceTable, RollStore } from '../core/compare/roll-store.js';
import { FieldError, cellText } from '../core/roll.js';
import type { StandardSelector } from '../core/standard-choice.js';
import type { InputFacts } from '../core/sheet-model.js';
import { PovrollError } from '../errors.js';
import type { Io } from '../io/io.js';
import { isRawReader, openRoll } from '../io/open-roll.js';
import type { IngestSettings } from '../io/raw-roll-reader.js';
import type { RejectList } from '../io/reject-list.js';
import { type Reject, type RollReader, type RollRecord, checkRequirement } from '../io/roll-reader.js';
import { expandInputs } from '../io/roll-inputs.js';
import { findStandard } from '../io/standard-files.js';
import type { Reporter } from '../io/terminal.js';
import { classifiedBatches } from './classified-batches.js';
import { classifyRequirement } from './classify.js';
import { type HouseholdVisitor, finishInput } from './tally-rolls.js';

/** Review years' households held for matching, in year order. */
export interface StoredRolls {
  stores: RollStore[];
  places: PlaceTable;
  inputs: InputFacts[];
}

const CLASSIFIED_EXTRA = ['class', 'standard', 'deprived', 'deprivation_count', 'standard_indicators'];

/**
 * Reads each argument (a file, folder or glob: one roll) into one store per
 * review year. A classified roll keeps the classes it carries (it may have
 * been classified under a province's own standard); any other roll is
 * classified here, as `run` does.
 */
export async function storeRolls(
  rolls: readonly string[],
  select: StandardSelector,
  autoStandard: boolean,
  io: Io,
  rejects: RejectList,
  reporter: Reporter,
  settings: IngestSettings,
): Promise<StoredRolls> {
  const places = new PlaceTable();
  const byYear = new Map<number, { store: RollStore; roll: number }>();
  const inputs: InputFacts[] = [];
  /** The store of a review year, which only one of the rolls given may hold. */
  const storeFor = (year: number | null, position: number, file: string, source: string, row: number): RollStore => {
    if (year === null) {
      throw new PovrollError(`Cannot compare "${file}": ${source}!${row} has no review year; give the year a column, or ingest the roll with --year`);
    }
    let entry = byYear.get(year);
    if (entry === undefined) byYear.set(year, (entry = { store: new RollStore(year), roll: position }));
    else if (entry.roll !== position) {
      throw new PovrollError(`Cannot compare: review year ${year} is in both "${rolls[entry.roll]}" and "${rolls[position]}"; compare needs one roll per review year`);
    }
    return entry.store;
  };
  for (const [position, roll] of rolls.entries()) {
    for (const file of await expandInputs([roll], io)) {
      const reader = await openRoll(file, io, { extraColumns: CLASSIFIED_EXTRA }, settings);
      const summary: InputFacts = { path: file, sha256: '', bytes: 0, households: 0, memberRows: 0, rejected: 0, skipped: 0 };
      const rejectedBefore = rejects.count;
      const progress = reporter.progress(`Reading ${file}`);
      try {
        for await (const batch of households(reader, select, autoStandard, rejects, file)) {
          summary.skipped += batch.skipped;
          const { records, outcomes, standards } = batch;
          for (let i = 0; i < records.length; i += 1) {
            const { household, sheet, row } = records[i]!;
            const source = sheet === undefined ? reader.file : `${reader.file}#${sheet}`;
            storeFor(household.reviewYear, position, file, source, row).add(household, places.place(household.location), outcomes[i]!, standards[i]!, source, row);
          }
          summary.households += records.length;
          progress.update(`Reading ${file}: ${summary.households.toLocaleString('en')} households`);
        }
      } catch (error) {
        if (error instanceof DuplicateHouseholdError) {
          throw new PovrollError(`Cannot compare: ${error.message}; households are matched by code, so each code may appear once a year (povroll ingest --on-duplicate first|last picks one)`, 1, { cause: error });
        }
        throw error;
      } finally {
        progress.stop();
      }
      inputs.push(finishInput(summary, reader, rejects.count - rejectedBefore, reporter));
    }
  }
  const stores = [...byYear.values()].map((e) => e.store).sort((a, b) => a.year - b.year);
  return { stores, places, inputs };
}

/** A batch of households with their outcomes and standards, at the same positions (no object per household). */
interface VisitedBatch {
  records: RollRecord[];
  outcomes: Outcome[];
  standards: string[];
  skipped: number;
}

/** The households of one roll with their outcomes, read from its class columns or classified here. */
async function* households(reader: RollReader, select: StandardSelector, autoStandard: boolean, rejects: RejectList, file: string): AsyncGenerator<VisitedBatch> {
  if ((reader.index['class'] ?? -1) >= 0) {
    const parseOutcome = createOutcomeParser(reader.index, (id) => findStandard(id)?.indicators.map((i) => i.code));
    for await (const batch of reader.batches) {
      const bad: Reject[] = batch.rejects;
      const visited: VisitedBatch = { records: [], outcomes: [], standards: [], skipped: batch.skipped };
      for (const record of batch.records) {
        let outcome: Outcome;
        try {
          outcome = parseOutcome(record.cells);
        } catch (error) {
          if (!(error instanceof FieldError)) throw error;
          bad.push({ place: { file: reader.file, ...(record.sheet !== undefined && { sheet: record.sheet }), row: record.row, column: error.column }, reason: error.message, cells: record.cells });
          continue;
        }
        visited.records.push(record);
        visited.outcomes.push(outcome);
        visited.standards.push(cellText(record.cells, reader.index, 'standard'));
      }
      await rejects.add(bad);
      yield visited;
    }
    return;
  }
  if (!isRawReader(reader)) checkRequirement(file, reader.header, reader.index, classifyRequirement(autoStandard));
  for await (const batch of classifiedBatches(reader, select, rejects)) {
    yield { records: batch.records, outcomes: batch.classifications, standards: batch.classifications.map((c) => c.standard?.id ?? ''), skipped: batch.skipped };
  }
}

/**
 * Keeps the households `report` and `run` read, by review year, for the
 * change sheets. A code repeated within a year makes matching impossible:
 * the collector then lets go of everything and keeps the reason.
 */
export class StoreCollector {
  readonly places = new PlaceTable();
  private readonly byYear = new Map<number, RollStore>();
  problem: string | null = null;

  readonly visit: HouseholdVisitor = (household, outcome, standardId, place) => {
    const year = household.reviewYear;
    if (this.problem !== null || year === null) return;
    let store = this.byYear.get(year);
    if (store === undefined) this.byYear.set(year, (store = new RollStore(year)));
    try {
      store.add(household, this.places.place(household.location), outcome, standardId, place.source, place.row);
    } catch (error) {
      if (!(error instanceof DuplicateHouseholdError)) throw error;
      this.problem = error.message;
      this.byYear.clear();
    }
  };

  stores(): RollStore[] {
    return [...this.byYear.values()].sort((a, b) => a.year - b.year);
  }
}
