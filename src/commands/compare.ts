import { type Level, LOCATION_COLUMNS, areaKey, describeArea, locationValue } from '../core/areas.js';
import { type Comparison, IdentityError, compareColumns, compareRolls } from '../core/compare/changes.js';
import type { Crosswalk, RelocationReport } from '../core/compare/crosswalk.js';
import type { PlaceTable, RollStore } from '../core/compare/roll-store.js';
import type { TargetSet } from '../core/compare/targets.js';
import type { InputFacts } from '../core/sheet-model.js';
import { PovrollError } from '../errors.js';
import { readCrosswalk, readTargets } from '../io/compare-files.js';
import { formatCsv } from '../io/csv-format.js';
import type { Io } from '../io/io.js';
import { type TextOutput, openTextOutput, writeAllOrNothing } from '../io/output.js';
import { RejectList } from '../io/reject-list.js';
import { resolveStandard } from '../io/standard-files.js';
import { type GlobalOptions, type Reporter, createReporter } from '../io/terminal.js';
import { plural } from './describe.js';
import { type LocationOptions, ingestSettings } from './ingest.js';
import { storeRolls } from './stored-rolls.js';

export interface CompareOptions extends LocationOptions {
  rolls: string[];
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
}

export interface CompareResult {
  comparison: Comparison;
  inputs: InputFacts[];
  years: number[];
  targets?: TargetSet;
}

/** `povroll compare BEFORE AFTER [MORE...]`: rate changes and flows of households between review years. */
export async function compareCommand(options: CompareOptions, global: GlobalOptions, io: Io): Promise<CompareResult> {
  const reporter = createReporter(io, global);
  const { selector } = resolveStandard(options.standard, io.cwd);
  const settings = await ingestSettings(options, io);
  const targets = options.targets === undefined ? undefined : await readTargets(options.targets, io);
  const crosswalk = options.crosswalk === undefined ? undefined : await readCrosswalk(options.crosswalk, io);
  const inputs = [...options.rolls, ...[options.targets, options.crosswalk].filter((p): p is string => p !== undefined)];
  const output = await openTextOutput(options.output, io, inputs);
  const moves = options.moves === undefined ? null : await openTextOutput(options.moves, io, inputs);
  const listOptions = { strict: options.strict, action: 'Cannot compare rolls', warn: reporter.warn };
  return writeAllOrNothing([output, moves], () =>
    RejectList.around(options.rejects, io, inputs, listOptions, async (rejects) => {
      const { stores, places, inputs: facts } = await storeRolls(options.rolls, selector, options.standard === 'auto', io, rejects, reporter, settings);
      if (stores.length < 2) {
        const found = stores.map((s) => s.year).join(', ') || 'none';
        throw new PovrollError(`Cannot compare: the rolls hold ${stores.length === 1 ? 'one review year' : 'no household'} (${found}); compare needs two or more review years`);
      }
      if (crosswalk) relocate(crosswalk, options.crosswalk!, stores, places, reporter);
      let comparison: Comparison;
      try {
        comparison = compareRolls(stores, places, { levels: options.by, ...(options.years !== undefined && { years: options.years }), allowStandardChange: options.allowStandardChange, span: options.span ?? false, ...(targets && { targets }) });
      } catch (error) {
        if (error instanceof IdentityError) throw new PovrollError(`Cannot compare: the flows do not add up for ${error.message}; this is a bug in povroll, please report it`, 1, { cause: error });
        throw error;
      }
      const columns = compareColumns(options.by, targets);
      await output.write(formatCsv([columns, ...comparison.rows.map((row) => columns.map((c) => row.values[c] ?? ''))]));
      if (moves !== null) await writeMoves(moves, stores, places);
      warnAbout(comparison, stores, options, reporter);
      return { comparison, inputs: facts, years: stores.map((s) => s.year), ...(targets && { targets }) };
    }),
  );
}

function warnAbout(comparison: Comparison, stores: readonly RollStore[], options: CompareOptions, reporter: Reporter): void {
  for (const change of comparison.standardChanges) {
    const shown = options.allowStandardChange ? 'shown as asked (--allow-standard-change)' : 'not shown as reductions; pass --allow-standard-change to show them';
    reporter.warn(`${change.fromYear} was classified under ${change.before || 'no standard'} and ${change.toYear} under ${change.after || 'no standard'}: changes across standards are ${shown}`);
  }
  for (let k = 0; k + 1 < stores.length; k += 1) {
    const after = stores[k + 1]!;
    if (!comparison.rates[k + 1]!.looksLikePoorList) continue;
    const total = comparison.rows.find((r) => r.level === 'total' && r.toYear === after.year && r.period === 'step');
    if (total === undefined) continue;
    const missing = total.flows.poor_missing_after + total.flows.near_poor_missing_after;
    reporter.warn(
      `the ${after.year} roll lists only poor and near-poor households: ${plural(missing, 'household')} of ${stores[k]!.year}'s poor and near-poor are missing from it without an exit record; they count as other decreases, not escapes (per area: poor_missing_after, near_poor_missing_after)`,
    );
  }
  for (const u of comparison.unevenness) {
    if (u.areas < 2) continue;
    const target = u.belowTarget > 0 ? `; ${plural(u.belowTarget, 'area')} below target` : '';
    reporter.info(
      `${u.fromYear}→${u.toYear}, ${u.level}: poor rate down ${u.bestFifth.toFixed(2)} points a year in the best fifth of ${plural(u.areas, 'area')}, ${u.worstFifth.toFixed(2)} in the worst (spread ${u.spread.toFixed(2)})${target}`,
    );
  }
}

const MOVE_COLUMNS = [
  'household_id',
  'from_year',
  'to_year',
  ...LOCATION_COLUMNS.map((c) => `from_${c}`),
  ...LOCATION_COLUMNS.map((c) => `to_${c}`),
  'class_before',
  'class_after',
  'source_before',
  'source_after',
];

/** Households found in a different commune in the next roll: an other decrease in one, an other increase in the other. */
async function writeMoves(output: TextOutput, stores: readonly RollStore[], places: PlaceTable): Promise<void> {
  await output.write(formatCsv([MOVE_COLUMNS]));
  for (let k = 0; k + 1 < stores.length; k += 1) {
    const before = stores[k]!;
    const after = stores[k + 1]!;
    const rows: string[][] = [];
    for (let i = 0; i < before.size; i += 1) {
      const code = before.codes[i]!;
      const j = code === '' ? undefined : after.ids.get(code);
      if (j === undefined) continue;
      const from = places.places[before.place[i]!]!;
      const to = places.places[after.place[j]!]!;
      if (areaKey(from, 'commune') === areaKey(to, 'commune')) continue;
      const b = before.whereOf(i);
      const a = after.whereOf(j);
      rows.push([
        code,
        String(before.year),
        String(after.year),
        ...LOCATION_COLUMNS.map((c) => locationValue(from, c)),
        ...LOCATION_COLUMNS.map((c) => locationValue(to, c)),
        before.classOf(i),
        after.classOf(j),
        `${b.source}!${b.row}`,
        `${a.source}!${a.row}`,
      ]);
    }
    if (rows.length > 0) await output.write(formatCsv(rows));
  }
}

/** Puts the stores' households on the new units and says how many moved, and which old units had no entry. */
export function relocate(crosswalk: Crosswalk, path: string, stores: readonly RollStore[], places: PlaceTable, reporter: Reporter, purpose = ''): void {
  const relocation = crosswalk.relocate(stores, places);
  reporter.info(`Crosswalk "${path}": ${plural(relocation.relocated, 'household')} placed on the new units${purpose}`);
  const unmapped = describeUnmapped(relocation);
  if (unmapped) reporter.warn(unmapped);
}

function describeUnmapped(report: RelocationReport): string | null {
  if (report.unmapped.length === 0) return null;
  const total = report.unmapped.reduce((n, u) => n + u.households, 0);
  const shown = report.unmapped
    .slice(0, 5)
    .map((u) => `${describeArea(u.location, 'commune')} (${plural(u.households, 'household')})`)
    .join('; ');
  const more = report.unmapped.length > 5 ? '; …' : '';
  const verb = total === 1 ? 'has' : 'have';
  return `${plural(total, 'household')} in ${plural(report.unmapped.length, 'old unit')} ${verb} no crosswalk entry and keep their old units: ${shown}${more}`;
}
