import { extname } from 'node:path';
import { type Level, describeArea } from '../core/areas.js';
import { type ComparedYears, type Comparison, IdentityError, acrossTheReform, compareYears, yearsInMemory } from '../core/compare/changes.js';
import type { Crosswalk, RelocationReport } from '../core/compare/crosswalk.js';
import type { PlaceTable, RollStore } from '../core/compare/roll-store.js';
import { anyAreaForm, areaFormSheets } from '../core/compare/period-form.js';
import { comparisonSheets } from '../core/compare/sheets.js';
import type { TargetSet } from '../core/compare/targets.js';
import { AuditList, auditSheet, readingSheet } from '../core/forms/audit.js';
import { issuingUnit } from '../core/forms/result-forms.js';
import { type Lang, label } from '../core/labels.js';
import { type ListEvidence, MissingTotalError, type RatesResult, type RatesState, dropEmptyLevels, finishRates, membersWarning } from '../core/rates.js';
import type { StandardUsed, SummarySheet, YearSummary } from '../core/sheet-model.js';
import { buildSummary } from '../core/summary.js';
import type { UnitFilter } from '../core/unit-filter.js';
import type { TotalsIndex } from '../core/totals.js';
import { PovrollError, usageError } from '../errors.js';
import { readCrosswalk, readTargets } from '../io/compare-files.js';
import type { Io } from '../io/io.js';
import { checkOutputTarget, writeFileAtomically } from '../io/output.js';
import { packageVersion } from '../io/package-root.js';
import type { GlobalOptions, Reporter } from '../io/terminal.js';
import { readTotals } from '../io/totals-file.js';
import { formIdentities } from '../io/form-identities.js';
import { writeWorkbook } from '../io/xlsx-writer.js';
import { plural } from './describe.js';
import { DEFAULT_NEAR_LINE_MARGIN, durabilitySheetOf } from './durability-summary.js';
import type { HouseholdVisitor, TalliedRolls } from './rates-tally.js';
import { identicalWarning, listEvidenceByYear, listWarning, reformWarning, unknownCountsWarning } from './list-evidence.js';
import { DEFAULT_MEMORY, checkMemoryLimit } from '../registry/database.js';
import { FlowEngine } from './flow-engine.js';
import { StoreCollector } from './roll-stores.js';

export interface ReportOptions {
  rolls: string[];
  output: string;
  /** Levels to summarise; when not given, province, district and commune where the rolls name them. */
  by?: Level[];
  totals?: string;
  rejects?: string;
  strict: boolean;
  /** Targets to evaluate on the change sheets (two or more review years). */
  targets?: string;
  /** Old units to new communes, for the change sheets across the July 2025 reform. */
  crosswalk?: string;
  allowStandardChange?: boolean;
  /** Plain numbers instead of live formulas. */
  valuesOnly?: boolean;
  /** Record when the summary was made (else it carries no clock time). */
  stamp?: boolean;
  /** Heads' names on the audit sheet (personal data: off by default). */
  withNames?: boolean;
  /** False: no sheets on change between years, and no households held for them (`--no-change-sheets`). */
  changeSheets?: boolean;
  /** Percent of poor and near-poor households above which a roll is taken for a list of those only (default 60). */
  maxPoorShare?: number;
  /** Percent of an area's households that may be unclassified and of a class before its count is unknown (default 5). */
  maxUnclassified?: number;
  /** The issuing unit of the forms (`--unit "UBND HUYỆN BÌNH GIA"`), else the province the rolls name. */
  unit?: string;
  /** The place of the date line above the signatures (`--place`). */
  place?: string;
  /** `--only LEVEL=NAME`, repeated: the households of these units only. */
  only?: string[];
  /** The `--only` filter that read the rolls (set by the command): it knows the units, for totals above them. */
  selection?: UnitFilter;
  /** A registry whose years were read (`--db`): the summary adds the sheet on how lasting the reduction is. */
  db?: string;
  /** Percent above the exit line within which a household counts as just above it (default 10). */
  margin?: number;
  /** Memory DuckDB may use to match households between years before it spills to disk (`--memory`, default 1GB). */
  memory?: string;
}

export interface ReportResult {
  years: YearSummary[];
  tallied: TalliedRolls;
  output: string;
}

export const DEFAULT_REPORT_LEVELS: Level[] = ['province', 'district', 'commune'];

export function reportInputs(options: { rolls: string[]; totals?: string; targets?: string; crosswalk?: string }): string[] {
  return [...options.rolls, ...[options.totals, options.targets, options.crosswalk].filter((p): p is string => p !== undefined)];
}

/**
 * The summary is an Excel workbook: once the target is checked (a missing
 * folder, an input), a name that says otherwise (`-o out.csv`) is refused,
 * before any roll is read and with nothing written. A device or a pipe
 * (`-o /dev/stdout`) takes the workbook whatever its name.
 */
export async function checkWorkbookTarget(output: string, io: Io, inputs: readonly string[]): Promise<void> {
  const target = await checkOutputTarget(output, io, inputs);
  if (target.special || /\.xlsx$/i.test(output)) return;
  const stem = output.slice(0, output.length - extname(output).length);
  const suggested = /\.xlsx$/i.test(stem) ? stem : `${stem || 'summary'}.xlsx`;
  throw usageError(
    `Cannot write "${output}": the summary is an Excel workbook, so -o/--output needs a name ending in .xlsx; write -o "${suggested}" (for CSV, use povroll rates or compare)`,
  );
}

/** Reads the targets and crosswalk files first (a fault in them stops before any roll is read). */
export async function changeInputs(options: ReportOptions, io: Io): Promise<ChangeInputs> {
  const targets = options.targets === undefined ? undefined : await readTargets(options.targets, io);
  const crosswalk = options.crosswalk === undefined ? undefined : await readCrosswalk(options.crosswalk, io);
  return { collector: await changeCollector(options, crosswalk !== undefined), targets, crosswalk, audit: new AuditList(options.withNames ?? false) };
}

/**
 * Households are gathered for the change sheets only when two or more rolls
 * are given: a single roll is one review year. They go to DuckDB (memory
 * does not grow with them), or are held in memory when a crosswalk is to
 * move them onto new units.
 */
async function changeCollector(
  options: { rolls: string[]; changeSheets?: boolean; by?: Level[]; memory?: string },
  relocating: boolean,
): Promise<StoreCollector | FlowEngine | null> {
  if (options.rolls.length < 2 || options.changeSheets === false) return null;
  return relocating
    ? new StoreCollector()
    : FlowEngine.open(options.by ?? DEFAULT_REPORT_LEVELS, { memory: checkMemoryLimit(options.memory ?? DEFAULT_MEMORY), areaTypes: true });
}

/** What the sheets beyond the yearly forms need: households kept for the change sheets, the targets, and the class disagreements. */
interface ChangeInputs {
  collector: StoreCollector | FlowEngine | null;
  targets: TargetSet | undefined;
  crosswalk?: Crosswalk | undefined;
  audit: AuditList;
}

/** Lets go of the households gathered for the change sheets (DuckDB's memory and spill folder). */
export function closeChangeInputs(change: ChangeInputs): void {
  if (change.collector instanceof FlowEngine) change.collector.close();
}

/** One visitor feeding the change collector (when there is one) and the audit list. */
export function visitorFor(change: ChangeInputs): HouseholdVisitor {
  const { collector, audit } = change;
  return (household, outcome, standardId, place, headName) => {
    collector?.visit(household, outcome, standardId, place, headName);
    audit.add(household, outcome, headName, `${place.source}!${place.row}`);
  };
}

/** Finishes the rates of every review year and writes the workbook atomically. */
export async function writeReport(
  tallied: TalliedRolls,
  options: ReportOptions,
  settings: [string, string][],
  global: GlobalOptions,
  io: Io,
  reporter: Reporter,
  change: ChangeInputs,
): Promise<ReportResult> {
  const read = options.totals === undefined ? undefined : await readTotals(options.totals, io);
  // With --only, an area above the units selected has their totals, not its own.
  const totals = read !== undefined && options.selection !== undefined ? options.selection.totalsWithin(read) : read;
  if (totals !== undefined && tallied.byYear.size > 1) {
    throw new PovrollError(
      `Cannot use totals "${options.totals}": the rolls hold several review years and a totals file gives one year's figures; report one year at a time`,
    );
  }
  const evidence = listEvidenceByYear(tallied.inputs, options.maxPoorShare, options.maxUnclassified);
  const years: YearSummary[] = [...tallied.byYear.entries()]
    .sort(([a], [b]) => (a ?? 0) - (b ?? 0))
    .map(([year, state]) => {
      let rates: RatesResult = finishOrExplain(state, totals, options.totals, evidence(year));
      if (options.by === undefined) rates = dropEmptyLevels(rates);
      if (rates.list !== null) reporter.warn(listWarning(rates.list, `the roll of ${year ?? 'an unknown year'}`, totals !== undefined));
      const unknown = unknownCountsWarning(rates, `the roll of ${year ?? 'an unknown year'}`);
      if (unknown) reporter.warn(unknown);
      const members = membersWarning(rates);
      if (members) reporter.warn(`${year ?? 'unknown year'}: ${members}`);
      return { year, rates, standards: standardsOf(tallied, year) };
    });
  if (years.length === 0) throw new PovrollError(`Cannot write "${options.output}": the rolls hold no household`);
  let changeSheets: SummarySheet[];
  try {
    changeSheets = await changeSheetsFor(change, years, evidence, options, global, reporter);
  } finally {
    closeChangeInputs(change);
  }
  if (options.db !== undefined && options.selection === undefined) {
    const sheet = await durabilitySheetOf(options.db, years[0]!.rates.levels, options.margin ?? DEFAULT_NEAR_LINE_MARGIN, global.lang, io);
    if (sheet !== null)
      changeSheets.push({ ...sheet, ...(issuingUnit(years[0]!, global.lang) !== undefined && { unit: issuingUnit(years[0]!, global.lang)! }) });
  } else if (options.db !== undefined) {
    reporter.warn('no sheet on how lasting the reduction is with --only: it follows every household of the registry');
  }
  const model = buildSummary(years, tallied.inputs, {
    changeSheets: [...changeSheets, auditSheet(change.audit, options.withNames ?? false, global.lang), readingSheet(tallied.inputs, global.lang)],
    lang: global.lang,
    version: packageVersion(),
    forms: formIdentities(),
    ...(options.unit !== undefined && { unit: options.unit }),
    ...(options.place !== undefined && { place: options.place }),
    flowsUnknown:
      changeSheets.length > 0 && tallied.inputs.some((input) => input.missing.some((m) => m.key === 'missingCodes' || m.key === 'missingSomeCodes')),
    ...(options.stamp && { stamp: new Date().toISOString() }),
    settings: [
      [label('levels', global.lang), years[0]!.rates.levels.map((level) => label(level, global.lang)).join(', ')],
      ...(options.totals ? ([[label('totalsFile', global.lang), options.totals]] as [string, string][]) : []),
      ...onlySetting(options.selection, global.lang),
      ...settings,
    ],
  });
  await writeFileAtomically(options.output, io, reportInputs(options), (path) =>
    writeWorkbook(model, path, { valuesOnly: options.valuesOnly ?? false, lang: global.lang }),
  );
  const sheets = model.sheets.map((s) => s.name).join(', ');
  reporter.info(`Wrote ${options.output} (${model.sheets.length} sheets: ${sheets})`);
  return { years, tallied, output: options.output };
}

/** The information sheet's line on `--only`: which units, and that the totals are of them alone. */
function onlySetting(selection: UnitFilter | undefined, lang: Lang): [string, string][] {
  if (selection === undefined) return [];
  const units = selection.selectors.map((s) => s.text).join('; ');
  return [[label('onlyUnits', lang), label('onlyUnitsValue', lang, { units })]];
}

async function changeSheetsFor(
  change: ChangeInputs,
  years: YearSummary[],
  evidence: (year: number) => ListEvidence,
  options: ReportOptions,
  global: GlobalOptions,
  reporter: Reporter,
): Promise<SummarySheet[]> {
  const levels = years[0]!.rates.levels;
  const { collector, targets } = change;
  if (collector === null) return [];
  const input = await comparedYears(change, collector, options, reporter);
  if (input === null) return [];
  let comparison: Comparison;
  try {
    comparison = compareYears(input, {
      levels,
      allowStandardChange: options.allowStandardChange ?? false,
      ...(targets && { targets }),
      listEvidence: evidence,
    });
  } catch (error) {
    if (error instanceof IdentityError)
      throw new PovrollError(`Cannot write "${options.output}": the flows do not add up for ${error.message}; this is a bug in povroll, please report it`, 1, {
        cause: error,
      });
    throw error;
  }
  for (const pair of comparison.identical) reporter.warn(identicalWarning(pair));
  for (const c of comparison.standardChanges) {
    reporter.warn(
      `${c.fromYear} was classified under ${c.before || 'no standard'} and ${c.toYear} under ${c.after || 'no standard'}: the change sheets say so${options.allowStandardChange ? '' : ' and show no reductions (--allow-standard-change shows them)'}`,
    );
  }
  const unit = years.length > 0 ? issuingUnit(years[0]!, global.lang) : undefined;
  const areaForms = areaFormSheets(input, { levels, listEvidence: evidence }, global.lang);
  for (const s of areaForms.skipped) {
    reporter.warn(
      `no urban and rural sheet for ${s.fromYear}→${s.toYear}: ${plural(s.households, 'household')} of the two rolls have no area (rural or urban), and the sections would not add up to the whole`,
    );
  }
  const common = { ...(unit !== undefined && { unit }) };
  return [...comparisonSheets(comparison, levels, targets, global.lang, unit), ...areaForms.sheets.map((sheet) => ({ ...common, ...sheet }))];
}

/** The review years gathered for the change sheets, or null (with the reason said) when there are none to compare. */
async function comparedYears(
  change: ChangeInputs,
  collector: StoreCollector | FlowEngine,
  options: ReportOptions,
  reporter: Reporter,
): Promise<ComparedYears | null> {
  const problem = collector instanceof StoreCollector ? collector.problem : await collector.repeatedCode();
  if (problem !== null) {
    reporter.warn(`no sheets on change between years: ${problem}; households are matched by code`);
    return null;
  }
  const years = collector instanceof StoreCollector ? collector.stores().map((s) => s.year) : collector.yearsRead();
  if (years.length < 2) {
    if (change.targets) reporter.warn('targets are evaluated on change between review years, and the rolls hold one year: no targets sheet');
    return null;
  }
  if (collector instanceof FlowEngine) {
    for (const pair of collector.acrossTheReform()) reporter.warn(reformWarning(pair));
    return collector.compared({ span: false, targetMasks: change.targets?.indicators.map((t) => t.mask) ?? [], areaTypes: anyAreaForm(years) });
  }
  const stores = collector.stores();
  if (change.crosswalk) relocate(change.crosswalk, options.crosswalk!, stores, collector.places, reporter, ' for the change sheets');
  else for (const pair of acrossTheReform(stores, collector.places)) reporter.warn(reformWarning(pair));
  return yearsInMemory(stores, collector.places);
}

function standardsOf(tallied: TalliedRolls, year: number | null): StandardUsed[] {
  return [...(tallied.standards.get(year)?.entries() ?? [])].map(([id, standard]) => ({ id, standard }));
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

export function finishOrExplain(state: RatesState, totals: TotalsIndex | undefined, totalsPath: string | undefined, evidence?: ListEvidence): RatesResult {
  try {
    return finishRates(state, totals, evidence);
  } catch (error) {
    if (error instanceof MissingTotalError) {
      throw new PovrollError(`Cannot use totals "${totalsPath}": ${describeArea(error.tally.location, error.tally.level)}: ${error.message}`);
    }
    throw error;
  }
}
