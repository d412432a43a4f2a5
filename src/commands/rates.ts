import type { Level } from '../core/areas.js';
import { type RatesResult, emptyRates, finishRates, membersWarning } from '../core/rates.js';
import { ratesColumns, ratesRow } from '../core/rates-table.js';
import { chooseYear } from '../core/year-choice.js';
import { PovrollError } from '../errors.js';
import { formatCsv } from '../io/csv-format.js';
import type { Io } from '../io/io.js';
import { openTextOutput, writeAllOrNothing } from '../io/output.js';
import { RejectList } from '../io/reject-list.js';
import { readTotals } from '../io/totals-file.js';
import { type GlobalOptions, createReporter } from '../io/terminal.js';
import { plural } from '../pipeline/describe.js';
import { type ReadingOptions, openHouseholdStream } from '../pipeline/reading-options.js';
import { tallyRolls } from '../pipeline/rates-tally.js';
import { readSettings } from '../pipeline/settings.js';
import { finishOrExplain } from '../pipeline/summary-report.js';
import { listEvidenceByYear, listWarning, unknownCountsWarning } from '../pipeline/list-evidence.js';

interface RatesOptions extends ReadingOptions {
  roll: string;
  by: Level[];
  output?: string;
  totals?: string;
  year?: number;
  rejects?: string;
  strict: boolean;
  /** Percent of poor and near-poor households above which a roll is taken for a list of those only (default 60). */
  maxPoorShare?: number;
  /** Percent of an area's households that may be unclassified and of a class before its count is unknown (default 5). */
  maxUnclassified?: number;
  /** `--only LEVEL=NAME`, repeated: the rates of these units only, and a total of them alone. */
  only?: string[];
}

/** `povroll rates CLASSIFIED --by LEVELS`: one row per area per level, then the total. */
export async function ratesCommand(options: RatesOptions, global: GlobalOptions, io: Io): Promise<RatesResult> {
  const reporter = createReporter(io, global);
  const totals = options.totals === undefined ? undefined : await readTotals(options.totals, io);
  const inputs = [options.roll, ...(options.totals ? [options.totals] : [])];
  const action = 'Cannot read roll';
  const listOptions = { strict: options.strict, action, warn: reporter.warn };
  return RejectList.around(options.rejects, io, inputs, listOptions, async (rejects) => {
    const output = await openTextOutput(options.output, io, inputs);
    return writeAllOrNothing([output], async () => {
      const stream = openHouseholdStream(io, reporter, rejects, { ...options, classes: 'recorded', settings: await readSettings({}, io), action });
      const tallied = await tallyRolls(stream, [options.roll], options.by);
      stream.finish();
      const choice = chooseYear([...tallied.byYear.keys()], options.year);
      if ('problem' in choice) throw new PovrollError(`Cannot compute rates for "${options.roll}": ${choice.problem}`);
      const year = choice.year;
      const state = tallied.byYear.get(year);
      const evidence = listEvidenceByYear(stream.inputs, options.maxPoorShare, options.maxUnclassified)(year);
      // With --only, an area above the units selected has their totals, not its own.
      const given = totals !== undefined && stream.only !== undefined ? stream.only.totalsWithin(totals) : totals;
      const result = state === undefined ? finishRates(emptyRates(options.by)) : finishOrExplain(state, given, options.totals, evidence);
      if (result.list !== null) reporter.warn(listWarning(result.list, `"${options.roll}"`, totals !== undefined));
      const unknown = unknownCountsWarning(result, `"${options.roll}"`);
      if (unknown) reporter.warn(unknown);
      const members = membersWarning(result);
      if (members) reporter.warn(members);
      const columns = ratesColumns(result.levels);
      const rows = [...result.areas, result.total].map((area) => ratesRow(area, columns, year));
      await output.write(formatCsv([columns, ...rows]));
      reporter.info(`Rates for ${plural(result.areas.length, 'area')} and the total${year === null ? '' : ` (review year ${year})`}`);
      return result;
    });
  });
}
