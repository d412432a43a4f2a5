import type { Outcome } from '../core/classify.js';
import { DuplicateHouseholdError, PlaceTable, RollStore } from '../core/compare/roll-store.js';
import type { Household } from '../core/household.js';
import type { InputFacts } from '../core/sheet-model.js';
import { PovrollError } from '../errors.js';
import type { Io } from '../io/io.js';
import { expandInputs } from '../io/roll-inputs.js';
import type { HouseholdStream } from './household-stream.js';
import type { HouseholdVisitor } from './rates-tally.js';
import type { DirectLoaders } from './flow-engine.js';

/** Review years' households held for matching, in year order. */
export interface StoredRolls {
  stores: RollStore[];
  places: PlaceTable;
  inputs: InputFacts[];
}

/** Where a read household goes: a store held in memory, or the flow engine's table in DuckDB. */
export interface YearSink {
  add(year: number, household: Household, outcome: Outcome, standardId: string, source: string, row: number): void;
  /** Reads rolls whole, in place of the pipeline (FlowEngine through DuckDB). */
  direct?: DirectLoaders;
}

/**
 * Reads each argument (a file, folder or glob: one roll) and hands every
 * household to `sink` with its review year. A review year may come from one
 * argument only: two rolls of the same year would count its households twice.
 */
export async function readByYear(stream: HouseholdStream, rolls: readonly string[], io: Io, sink: YearSink): Promise<void> {
  const rollOfYear = new Map<number, number>();
  const takeYear = (year: number, position: number) => {
    const earlier = rollOfYear.get(year);
    if (earlier === undefined) rollOfYear.set(year, position);
    else if (earlier !== position) {
      throw new PovrollError(
        `Cannot compare: review year ${year} is in both "${rolls[earlier]}" and "${rolls[position]}"; compare needs one roll per review year`,
      );
    }
  };
  const direct = sink.direct;
  for (const [position, roll] of rolls.entries()) {
    for (const path of await expandInputs([roll], io)) {
      const read = direct === undefined ? null : await stream.readDirectly(path, direct, ({ year }) => takeYear(year, position));
      if (read === null) await readPipelined(stream, path, position, sink, takeYear);
    }
  }
}

/** One file through the household pipeline, household by household. */
async function readPipelined(
  stream: HouseholdStream,
  path: string,
  position: number,
  sink: YearSink,
  takeYear: (year: number, position: number) => void,
): Promise<void> {
  for await (const batch of stream.read([path])) {
    const { records, outcomes, standardIds, reader } = batch;
    for (let i = 0; i < records.length; i += 1) {
      const { household, sheet, row } = records[i]!;
      const source = sheet === undefined ? reader.file : `${reader.file}#${sheet}`;
      const year = household.reviewYear;
      if (year === null) {
        throw new PovrollError(`Cannot compare "${reader.file}": ${source}!${row} has no review year; give the year a column, or ingest the roll with --year`);
      }
      takeYear(year, position);
      sink.add(year, household, outcomes[i]!, standardIds[i]!, source, row);
    }
  }
}

/** A household code twice in a year, as compare says it. */
export function duplicateCodeError(message: string, cause?: unknown): PovrollError {
  return new PovrollError(
    `Cannot compare: ${message}; households are matched by code, so each code may appear once a year (povroll ingest --on-duplicate first|last picks one)`,
    1,
    { cause },
  );
}

/** Reads the rolls into one store per review year (see readByYear). */
export async function storeRolls(stream: HouseholdStream, rolls: readonly string[], io: Io): Promise<StoredRolls> {
  const places = new PlaceTable();
  const byYear = new Map<number, RollStore>();
  await readByYear(stream, rolls, io, {
    add(year, household, outcome, standardId, source, row) {
      let store = byYear.get(year);
      if (store === undefined) byYear.set(year, (store = new RollStore(year)));
      try {
        store.add(household, places.place(household.location), outcome, standardId, source, row);
      } catch (error) {
        if (error instanceof DuplicateHouseholdError) throw duplicateCodeError(error.message, error);
        throw error;
      }
    },
  });
  const stores = [...byYear.values()].sort((a, b) => a.year - b.year);
  return { stores, places, inputs: stream.inputs };
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

  readonly visit: HouseholdVisitor = (household, outcome: Outcome, standardId, place) => {
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
