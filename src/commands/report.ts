import type { Io } from '../io/io.js';
import { RejectList } from '../io/reject-list.js';
import { expandInputs } from '../io/roll-inputs.js';
import { refuseYearsTwice, withRegistry } from '../pipeline/registry-inputs.js';
import { type GlobalOptions, createReporter } from '../io/terminal.js';
import { openHouseholdStream } from '../pipeline/reading-options.js';
import { tallyRolls } from '../pipeline/rates-tally.js';
import { readSettings } from '../pipeline/settings.js';
import {
  DEFAULT_REPORT_LEVELS,
  type ReportOptions,
  type ReportResult,
  changeInputs,
  checkWorkbookTarget,
  closeChangeInputs,
  reportInputs,
  visitorFor,
  writeReport,
} from '../pipeline/summary-report.js';

/** `povroll report CLASSIFIED...`: the Excel summary of classified rolls. */
export async function reportCommand(options: ReportOptions, global: GlobalOptions, io: Io): Promise<ReportResult> {
  const reporter = createReporter(io, global);
  // A registry's years are rolls like the files named: each is one review year.
  const rolls = await withRegistry(options.rolls, options.db, io);
  const files = await expandInputs(rolls, io);
  const inputs = reportInputs({ ...options, rolls: files });
  await checkWorkbookTarget(options.output, io, inputs);
  const action = 'Cannot read roll';
  const listOptions = { strict: options.strict, action, warn: reporter.warn };
  // The rolls named on the command line, not their files, decide whether households are kept: a folder of one year's district workbooks is one roll.
  const change = await changeInputs({ ...options, rolls }, io);
  // The households gathered for the change sheets are let go however the run ends.
  try {
    return await RejectList.around(options.rejects, io, inputs, listOptions, async (rejects) => {
      const stream = openHouseholdStream(io, reporter, rejects, {
        ...options,
        classes: 'recorded',
        settings: await readSettings({}, io),
        action,
        matchesHouseholds: change.collector !== null,
      });
      const tallied = await tallyRolls(stream, files, options.by ?? DEFAULT_REPORT_LEVELS, visitorFor(change));
      stream.finish();
      refuseYearsTwice(stream.inputs, options.db);
      return writeReport(tallied, { ...options, rolls: files, ...(stream.only !== undefined && { selection: stream.only }) }, [], global, io, reporter, change);
    });
  } finally {
    closeChangeInputs(change);
  }
}
