import type { Level } from '../core/areas.js';
import {
  type Comparison,
  type ComparisonOptions,
  IdentityError,
  acrossTheReform,
  compareColumns,
  compareRolls,
  compareYears,
} from '../core/compare/changes.js';
import type { Crosswalk } from '../core/compare/crosswalk.js';
import { MOVE_COLUMNS, movedHouseholds } from '../core/compare/moves.js';
import type { TargetSet } from '../core/compare/targets.js';
import type { InputFacts } from '../core/sheet-model.js';
import { PovrollError } from '../errors.js';
import { readCrosswalk, readTargets } from '../io/compare-files.js';
import { formatCsv } from '../io/csv-format.js';
import type { Io } from '../io/io.js';
import { openTextOutput, writeAllOrNothing } from '../io/output.js';
import { RejectList } from '../io/reject-list.js';
import { type GlobalOptions, type Reporter, createReporter } from '../io/terminal.js';
import { plural } from '../pipeline/describe.js';
import { identicalWarning, listEvidenceByYear, listWarning, reformWarning } from '../pipeline/list-evidence.js';
import { type ReadingOptions, openHouseholdStream } from '../pipeline/reading-options.js';
import { withRegistry } from '../pipeline/registry-inputs.js';
import { FlowEngine } from '../pipeline/flow-engine.js';
import { DEFAULT_MEMORY, checkMemoryLimit } from '../registry/database.js';
import type { HouseholdStream } from '../pipeline/household-stream.js';
import { type StoredRolls, readByYear, storeRolls } from '../pipeline/roll-stores.js';
import { type LocationOptions, readSettings } from '../pipeline/settings.js';
import { relocate } from '../pipeline/summary-report.js';

/** The options of `povroll compare` as the command line (and the settings file) give them. */
interface CompareCommandOptions extends LocationOptions, ReadingOptions {
  rolls: string[];
  /** A registry whose every review year is read too (`--db`). */
  db?: string;
  by: Level[];
  output?: string;
  years?: number;
  allowStandardChange: boolean;
  span?: boolean;
  targets?: string;
  crosswalk?: string;
  moves?: string;
  standard: string;
  rejects?: string;
  strict: boolean;
  /** Percent of poor and near-poor households above which a roll is taken for a list of those only (default 60). */
  maxPoorShare?: number;
  /** Percent of an area's households that may be unclassified and of a class before its count is unknown (default 5). */
  maxUnclassified?: number;
  /** `--only LEVEL=NAME`, repeated: the households of these units only, in every roll. */
  only?: string[];
  /** Memory DuckDB may use to match households before it spills to disk (`--memory`, default 1GB). */
  memory?: string;
}

interface CompareResult {
  comparison: Comparison;
  inputs: InputFacts[];
  years: number[];
  targets?: TargetSet;
}

/** `povroll compare BEFORE AFTER [MORE...]`: rate changes and flows of households between review years. */
export async function compareCommand(options: CompareCommandOptions, global: GlobalOptions, io: Io): Promise<CompareResult> {
  const reporter = createReporter(io, global);
  const settings = await readSettings(options, io);
  const targets = options.targets === undefined ? undefined : await readTargets(options.targets, io);
  const crosswalk = options.crosswalk === undefined ? undefined : await readCrosswalk(options.crosswalk, io);
  const inputs = [...options.rolls, ...[options.targets, options.crosswalk].filter((p): p is string => p !== undefined)];
  const action = 'Cannot compare rolls';
  const listOptions = { strict: options.strict, action, warn: reporter.warn };
  return RejectList.around(options.rejects, io, inputs, listOptions, async (rejects) => {
    const output = await openTextOutput(options.output, io, inputs);
    const moves =
      options.moves === undefined
        ? null
        : await openTextOutput(options.moves, io, inputs).catch(async (error: unknown) => {
            await output.abort();
            throw error;
          });
    return writeAllOrNothing([output, moves], async () => {
      const stream = openHouseholdStream(io, reporter, rejects, { ...options, classes: 'either', settings, action, matchesHouseholds: true });
      const rolls = await withRegistry(options.rolls, options.db, io);
      // Moves and a crosswalk work on households held in memory; everything else is matched in DuckDB.
      const compared =
        crosswalk !== undefined || moves !== null
          ? await compareInMemory(stream, rolls, crosswalk, options, io, reporter)
          : await compareInEngine(stream, rolls, options, io, reporter);
      const { years, facts } = compared;
      if (years.length < 2) {
        const found = years.join(', ') || 'none';
        throw new PovrollError(
          `Cannot compare: the rolls hold ${years.length === 1 ? 'one review year' : 'no household'} (${found}); compare needs two or more review years`,
        );
      }
      let comparison: Comparison;
      try {
        const listEvidence = listEvidenceByYear(facts, options.maxPoorShare, options.maxUnclassified);
        const compareOptions = {
          levels: options.by,
          ...(options.years !== undefined && { years: options.years }),
          allowStandardChange: options.allowStandardChange,
          span: options.span ?? false,
          ...(targets && { targets }),
          listEvidence,
        };
        comparison = await compared.compare(compareOptions);
      } catch (error) {
        if (error instanceof IdentityError)
          throw new PovrollError(`Cannot compare: the flows do not add up for ${error.message}; this is a bug in povroll, please report it`, 1, {
            cause: error,
          });
        throw error;
      } finally {
        compared.close();
      }
      const columns = compareColumns(options.by, targets);
      await output.write(formatCsv([columns, ...comparison.rows.map((row) => columns.map((c) => row.values[c] ?? ''))]));
      if (moves !== null && compared.stores !== undefined) {
        const { stores, places } = compared.stores;
        await moves.write(formatCsv([MOVE_COLUMNS]));
        for (let k = 0; k + 1 < stores.length; k += 1) {
          const rows = movedHouseholds(stores[k]!, stores[k + 1]!, places);
          if (rows.length > 0) await moves.write(formatCsv(rows));
        }
      }
      warnAbout(comparison, years, options, reporter);
      return { comparison, inputs: facts, years, ...(targets && { targets }) };
    });
  });
}

function warnAbout(comparison: Comparison, years: readonly number[], options: CompareCommandOptions, reporter: Reporter): void {
  for (const pair of comparison.identical) reporter.warn(identicalWarning(pair));
  for (const change of comparison.standardChanges) {
    const shown = options.allowStandardChange
      ? 'shown as asked (--allow-standard-change)'
      : 'not shown as reductions; pass --allow-standard-change to show them';
    reporter.warn(
      `${change.fromYear} was classified under ${change.before || 'no standard'} and ${change.toYear} under ${change.after || 'no standard'}: changes across standards are ${shown}`,
    );
  }
  comparison.rates.forEach((rates, k) => {
    if (rates.list !== null) reporter.warn(listWarning(rates.list, `the roll of ${years[k]}`, false));
  });
  for (let k = 0; k + 1 < years.length; k += 1) {
    const after = { year: years[k + 1]! };
    if (comparison.rates[k + 1]!.list === null) continue;
    const total = comparison.rows.find((r) => r.level === 'total' && r.toYear === after.year && r.period === 'step');
    if (total?.flows == null) continue;
    const missing = total.flows.poor_missing_after + total.flows.near_poor_missing_after;
    if (missing === 0) continue;
    reporter.warn(
      `the ${after.year} roll lists only poor and near-poor households: ${plural(missing, 'household')} of ${years[k]}'s poor and near-poor are missing from it without an exit record; they count as other decreases, not escapes (per area: poor_missing_after, near_poor_missing_after)`,
    );
  }
  for (const u of comparison.unevenness) {
    if (u.areas < 2) continue;
    const target = u.belowTarget > 0 ? `; ${plural(u.belowTarget, 'area')} below target` : '';
    reporter.info(
      `${u.fromYear}→${u.toYear}, ${u.level}: poor rate down ${u.printed.bestFifth} points a year in the best fifth of ${plural(u.areas, 'area')}, ${u.printed.worstFifth} in the worst (spread ${u.printed.spread})${target}`,
    );
  }
}

/** The rolls read and ready to compare, by either engine. */
interface ReadRolls {
  years: number[];
  facts: InputFacts[];
  /** The households held in memory (for --moves), when they are. */
  stores?: StoredRolls;
  compare(options: ComparisonOptions): Promise<Comparison>;
  close(): void;
}

/** Households held as RollStores: what --moves lists and a crosswalk relocates need. */
async function compareInMemory(
  stream: HouseholdStream,
  rolls: readonly string[],
  crosswalk: Crosswalk | undefined,
  options: CompareCommandOptions,
  io: Io,
  reporter: Reporter,
): Promise<ReadRolls> {
  const stored = await storeRolls(stream, rolls, io);
  stream.finish();
  const { stores, places } = stored;
  if (crosswalk) relocate(crosswalk, options.crosswalk!, stores, places, reporter);
  else for (const pair of acrossTheReform(stores, places)) reporter.warn(reformWarning(pair));
  return {
    years: stores.map((s) => s.year),
    facts: stored.inputs,
    stores: stored,
    compare: async (o) => compareRolls(stores, places, o),
    close: () => undefined,
  };
}

/** Households matched in DuckDB (see FlowEngine): memory does not grow with them. */
async function compareInEngine(
  stream: HouseholdStream,
  rolls: readonly string[],
  options: CompareCommandOptions,
  io: Io,
  reporter: Reporter,
): Promise<ReadRolls> {
  const engine = await FlowEngine.open(options.by, { memory: checkMemoryLimit(options.memory ?? DEFAULT_MEMORY) });
  try {
    await readByYear(stream, rolls, io, engine);
    stream.finish();
  } catch (error) {
    engine.close();
    throw error;
  }
  for (const pair of engine.acrossTheReform()) reporter.warn(reformWarning(pair));
  return {
    years: engine.yearsRead(),
    facts: stream.inputs,
    compare: async (o) => compareYears(await engine.compared({ span: o.span ?? false, targetMasks: o.targets?.indicators.map((t) => t.mask) ?? [] }), o),
    close: () => engine.close(),
  };
}
