import type { Level } from '../core/areas.js';
import { type ClassifyTally, addToClassifyTally, emptyClassifyTally } from '../core/classify-roll.js';
import type { Outcome } from '../core/classify.js';
import type { Household } from '../core/household.js';
import { type RatesState, addToRates, emptyRates } from '../core/rates.js';
import { columnText } from '../core/roll.js';
import type { InputFacts } from '../core/sheet-model.js';
import type { Standard } from '../core/standard.js';
import type { HouseholdStream } from './household-stream.js';

/** Rates folds per review year: one roll may hold several years, and rates never mix them. */
export type RatesByYear = Map<number | null, RatesState>;

export interface TalliedRolls {
  byYear: RatesByYear;
  inputs: InputFacts[];
  /** Counts by class: what classification found (households classified here only). */
  classify: ClassifyTally;
  /** Standards applied per review year, by id (null: an id no built-in standard has). */
  standards: Map<number | null, Map<string, Standard | null>>;
}

/** Sees every household read, with its outcome: how `report` and `run` keep households for the change sheets and the class check. */
export type HouseholdVisitor = (household: Household, outcome: Outcome, standardId: string, place: { source: string; row: number }, headName: string) => void;

/** Folds every household the stream reads into rates, one fold per review year. */
export async function tallyRolls(stream: HouseholdStream, paths: readonly string[], levels: readonly Level[], visit?: HouseholdVisitor): Promise<TalliedRolls> {
  const result: TalliedRolls = { byYear: new Map(), inputs: stream.inputs, classify: emptyClassifyTally(), standards: new Map() };
  for await (const batch of stream.read(paths)) {
    const { records, outcomes, classifications, standardIds, standards, reader } = batch;
    for (let i = 0; i < records.length; i += 1) {
      const record = records[i]!;
      const household = record.household;
      const year = household.reviewYear;
      const outcome = outcomes[i]!;
      if (classifications !== null) addToClassifyTally(result.classify, household, classifications[i]!);
      noteStandard(result, year, standardIds[i]!, standards[i]!);
      addToRates(stateFor(result.byYear, year, levels), household, outcome);
      if (visit !== undefined) {
        const source = record.sheet === undefined ? reader.file : `${reader.file}#${record.sheet}`;
        visit(household, outcome, standardIds[i]!, { source, row: record.row }, columnText(record.cells, reader.index, 'head_name'));
      }
    }
  }
  return result;
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
