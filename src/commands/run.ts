import { label } from '../core/labels.js';
import type { Io } from '../io/io.js';
import { checkOutputTarget } from '../io/output.js';
import { RejectList } from '../io/reject-list.js';
import { resolveStandard } from '../io/standard-files.js';
import { type GlobalOptions, createReporter } from '../io/terminal.js';
import { describeClassifyTally } from './describe.js';
import { DEFAULT_REPORT_LEVELS, type ReportOptions, type ReportResult, changeInputs, reportInputs, visitorFor, writeReport } from './report.js';
import { tallyRolls } from './tally-rolls.js';
import { type LocationOptions, ingestSettings } from './ingest.js';
import { expandInputs } from '../io/roll-inputs.js';

export interface RunOptions extends ReportOptions, LocationOptions {
  standard: string;
}

/** `povroll run ROLL... -o summary.xlsx`: classify every household and write the summary in one pass. */
export async function runCommand(options: RunOptions, global: GlobalOptions, io: Io): Promise<ReportResult> {
  const reporter = createReporter(io, global);
  const { selector } = resolveStandard(options.standard, io.cwd);
  const files = await expandInputs(options.rolls, io);
  const settings = await ingestSettings(options, io);
  const inputs = reportInputs({ ...options, rolls: files });
  await checkOutputTarget(options.output, io, inputs);
  const listOptions = { strict: options.strict, action: 'Cannot classify roll', warn: reporter.warn };
  // The rolls named on the command line, not their files, decide whether households are kept: a folder of one year's district workbooks is one roll.
  const change = await changeInputs(options, io);
  return RejectList.around(options.rejects, io, inputs, listOptions, async (rejects) => {
    const levels = options.by ?? DEFAULT_REPORT_LEVELS;
    const tallied = await tallyRolls(files, selector, options.standard === 'auto', levels, io, rejects, reporter, settings, visitorFor(change));
    for (const line of describeClassifyTally(tallied.classify)) reporter.info(line);
    const shown: [string, string][] = [[label('standardOption', global.lang), options.standard]];
    return writeReport(tallied, { ...options, rolls: files }, shown, global, io, reporter, change);
  });
}
