import { formatCsv } from '../io/csv-format.js';
import { type Level, describeArea } from '../core/areas.js';
import { MissingTotalError, type RatesResult, type RatesState, emptyRates, finishRates, membersWarning } from '../core/rates.js';
import { ratesColumns, ratesRow } from '../core/rates-table.js';
import type { TotalsIndex } from '../core/totals.js';
import { PovrollError } from '../errors.js';
import type { Io } from '../io/io.js';
import { openTextOutput, writeAllOrNothing } from '../io/output.js';
import { RejectList } from '../io/reject-list.js';
import { readTotals } from '../io/totals-file.js';
import { type GlobalOptions, createReporter } from '../io/terminal.js';
import { type RatesByYear, tallyClassifiedRolls } from './tally-rolls.js';
import { plural } from './describe.js';

export interface RatesOptions {
  roll: string;
  by: Level[];
  output?: string;
  totals?: string;
  year?: number;
  rejects?: string;
  strict: boolean;
}

/** `povroll rates CLASSIFIED --by LEVELS`: one row per area per level, then the total. */
export async function ratesCommand(options: RatesOptions, global: GlobalOptions, io: Io): Promise<RatesResult> {
  const reporter = createReporter(io, global);
  const totals = options.totals === undefined ? undefined : await readTotals(options.totals, io);
  const inputs = [options.roll, ...(options.totals ? [options.totals] : [])];
  const output = await openTextOutput(options.output, io, inputs);
  const rejects = await RejectList.open(options.rejects, io, inputs, { strict: options.strict, action: 'Cannot read roll' });
  return writeAllOrNothing([output, rejects], async () => {
    const tallied = await tallyClassifiedRolls([options.roll], options.by, io, rejects, reporter);
    const year = pickYear(tallied.byYear, options.year, options.roll);
    const state = tallied.byYear.get(year);
    const result = state === undefined ? finishRates(emptyRates(options.by)) : finishOrExplain(state, totals, options.totals);
    if (result.looksLikePoorList) {
      reporter.warn(
        `every classified household in "${options.roll}" is poor or near-poor: it looks like a list of those only, so its rates are shares of the list, not of the area; give area totals with --totals FILE`,
      );
    }
    const members = membersWarning(result);
    if (members) reporter.warn(members);
    const columns = ratesColumns(result.levels);
    const rows = [...result.areas, result.total].map((area) => ratesRow(area, columns, year));
    await output.write(formatCsv([columns, ...rows]));
    const rejected = rejects.describe(options.rejects);
    if (rejected) reporter.warn(rejected);
    reporter.info(`Rates for ${plural(result.areas.length, "area")} and the total${year === null ? '' : ` (review year ${year})`}`);
    return result;
  });
}

/** Rates of one review year: a roll of several years needs `--year`, since adding years counts households twice. */
export function pickYear(byYear: RatesByYear, wanted: number | undefined, source: string): number | null {
  const years = [...byYear.keys()];
  if (wanted !== undefined) {
    if (!byYear.has(wanted)) {
      throw new PovrollError(`Cannot compute rates for "${source}": no household has review year ${wanted} (found ${years.map(String).join(', ') || 'none'})`);
    }
    return wanted;
  }
  if (years.length > 1) {
    const list = years.map((y) => (y === null ? 'unknown' : String(y))).sort().join(', ');
    throw new PovrollError(`Cannot compute rates for "${source}": the roll holds review years ${list}; pick one with --year, or compare them with "povroll compare"`);
  }
  return years[0] ?? null;
}

export function finishOrExplain(state: RatesState, totals: TotalsIndex | undefined, totalsPath: string | undefined): RatesResult {
  try {
    return finishRates(state, totals);
  } catch (error) {
    if (error instanceof MissingTotalError) {
      throw new PovrollError(`Cannot use totals "${totalsPath}": ${describeArea(error.tally.location, error.tally.level)}: ${error.message}`);
    }
    throw error;
  }
}
