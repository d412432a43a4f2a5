import { formatCsv } from '../io/csv-format.js';
import { addToClassifyTally, classifiedCells, emptyClassifyTally, type ClassifyTally } from '../core/classify-roll.js';
import { CLASSIFIED_COLUMNS } from '../core/roll.js';
import { INDICATOR_CODES } from '../core/indicators.js';
import type { Io } from '../io/io.js';
import { openTextOutput, writeAllOrNothing } from '../io/output.js';
import { RejectList } from '../io/reject-list.js';
import type { RollRequirement } from '../io/roll-reader.js';
import { openRoll } from '../io/open-roll.js';
import { type LocationOptions, ingestSettings } from './ingest.js';
import { resolveStandard } from '../io/standard-files.js';
import { type GlobalOptions, createReporter } from '../io/terminal.js';
import { classifiedBatches } from './classified-batches.js';
import { describeClassifyTally } from './describe.js';

export interface ClassifyOptions extends LocationOptions {
  roll: string;
  output?: string;
  standard: string;
  rejects?: string;
  strict: boolean;
}

export interface ClassifyResult {
  tally: ClassifyTally;
  rejected: number;
  skipped: number;
}

/** The columns classification cannot do without (contract.md, canonical roll). */
export function classifyRequirement(autoStandard: boolean): RollRequirement {
  return {
    all: [
      { column: 'area', why: 'it picks the rural or urban line' },
      ...(autoStandard ? [{ column: 'review_year', why: 'it picks the standard; or pass --standard' }] : []),
    ],
    oneOf: [
      { columns: ['income_per_capita', 'score_b1'], why: 'the income per person, or the B1 score that stands for it' },
      {
        columns: [...INDICATOR_CODES.map((code) => `d_${code}`), 'score_b2'],
        why: 'the deprivation indicators d_<indicator>, or the B2 score',
      },
    ],
  };
}

/** `povroll classify ROLL`: appends the standard, line, deprivations and class to every household. */
export async function classifyCommand(options: ClassifyOptions, global: GlobalOptions, io: Io): Promise<ClassifyResult> {
  const reporter = createReporter(io, global);
  const { selector } = resolveStandard(options.standard, io.cwd);
  const reader = await openRoll(options.roll, io, classifyRequirement(options.standard === 'auto'), await ingestSettings(options, io));
  const output = await openTextOutput(options.output, io, [options.roll]);
  const rejects = await RejectList.open(options.rejects, io, [options.roll], { strict: options.strict, action: 'Cannot classify roll' });
  const progress = reporter.progress(`Classifying ${options.roll}`);
  const tally = emptyClassifyTally();
  let skipped = 0;
  try {
    await writeAllOrNothing([output, rejects], async () => {
      // Re-classifying a classified roll replaces its class columns instead of adding a second set.
      const header = [...reader.header];
      const positions = CLASSIFIED_COLUMNS.map((column) => {
        const existing = header.indexOf(column);
        if (existing >= 0) return existing;
        header.push(column);
        return header.length - 1;
      });
      await output.write(formatCsv([header]));
      for await (const batch of classifiedBatches(reader, selector, rejects)) {
        skipped += batch.skipped;
        const rows: string[][] = [];
        batch.records.forEach((record, i) => {
          const classification = batch.classifications[i]!;
          addToClassifyTally(tally, record.household, classification);
          const cells = record.cells.slice();
          const added = classifiedCells(record.household, classification);
          CLASSIFIED_COLUMNS.forEach((column, c) => (cells[positions[c]!] = added[column]));
          rows.push(cells);
        });
        if (rows.length > 0) await output.write(formatCsv(rows));
        progress.update(`Classifying ${options.roll}: ${tally.households.toLocaleString('en')} households`);
      }
    });
  } finally {
    progress.stop();
  }
  for (const line of describeClassifyTally(tally)) reporter.info(line);
  const rejected = rejects.describe(options.rejects);
  if (rejected) reporter.warn(rejected);
  return { tally, rejected: rejects.count, skipped };
}
